package dev.litebench.engine.tensor;

import static dev.litebench.engine.tensor.CodecTesting.bytes;
import static dev.litebench.engine.tensor.CodecTesting.decode;
import static dev.litebench.engine.tensor.CodecTesting.encode;
import static dev.litebench.engine.tensor.CodecTesting.f16;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Q8_0CodecTest {
    private static final TypeCodec C = Q8_0Codec.INSTANCE;

    @Test
    void decodesHandBuiltBlocks() {
        byte[] qs1 = new byte[32];
        qs1[0] = 0;
        qs1[1] = 1;
        qs1[2] = (byte) 0xFF; // -1
        qs1[3] = 0x7F; // 127
        qs1[4] = (byte) 0x80; // -128
        for (int j = 5; j < 32; j++) qs1[j] = (byte) (j - 16);
        byte[] qs2 = new byte[32];
        Arrays.fill(qs2, (byte) 3);
        // block 1: d = 0.5 (fp16 0x3800); block 2: d = -2 (fp16 0xC000)
        byte[] b = bytes(f16(0x3800), qs1, f16(0xC000), qs2);
        assertThat(b).hasSize(68);

        float[] v = decode(C, b);
        assertThat(Arrays.copyOf(v, 5)).containsExactly(0f, 0.5f, -0.5f, 63.5f, -64f);
        for (int j = 5; j < 32; j++) assertThat(v[j]).isEqualTo((j - 16) * 0.5f);
        for (int j = 32; j < 64; j++) assertThat(v[j]).isEqualTo(-6f);
    }

    @Test
    void decodesSubnormalScale() {
        byte[] qs = new byte[32];
        qs[0] = 100;
        qs[1] = -7;
        float[] v = decode(C, bytes(f16(0x0001), qs)); // d = 2^-24, the smallest fp16 subnormal
        assertThat(v[0]).isEqualTo(100 * 0x1p-24f);
        assertThat(v[1]).isEqualTo(-7 * 0x1p-24f);
        assertThat(v[2]).isEqualTo(0f);
    }

    @Test
    void valuesOnTheGridRoundTripExactly() {
        // amax = 63.5 gives d = 63.5/127 = 0.5 exactly, so every k*0.5 with |k| <= 127 is on the grid.
        float[] x = new float[64];
        int[] k = new int[64];
        Random r = new Random(11);
        for (int i = 0; i < 64; i++) k[i] = r.nextInt(255) - 127;
        k[3] = 127;
        k[40] = -127;
        for (int i = 0; i < 64; i++) x[i] = k[i] * 0.5f;
        byte[] b = encode(C, x);
        assertThat(b[0]).isEqualTo((byte) 0x00);
        assertThat(b[1]).isEqualTo((byte) 0x38); // d = 0.5
        for (int i = 0; i < 32; i++) assertThat(b[2 + i]).isEqualTo((byte) k[i]);
        assertThat(decode(C, b)).containsExactly(x);
    }

    @Test
    void tiesRoundHalfAwayFromZeroLikeRoundf() {
        float[] x = new float[32];
        x[0] = 63.5f; // d = 0.5, 1/d = 2
        x[1] = 1.25f; // 2.5 -> 3 (nearbyint would give 2)
        x[2] = -1.25f; // -2.5 -> -3
        x[3] = 0.25f; // 0.5 -> 1
        x[4] = -0.25f; // -0.5 -> -1
        x[5] = 0.75f; // 1.5 -> 2
        byte[] b = encode(C, x);
        assertThat(Arrays.copyOfRange(b, 2, 8)).containsExactly(127, 3, -3, 1, -1, 2);
    }

    @Test
    void allZeroBlockHasZeroScaleAndNoNan() {
        byte[] b = encode(C, new float[32]);
        assertThat(b).containsOnly(0);
        assertThat(decode(C, b)).containsOnly(0f);
    }

    @Test
    void subnormalAndUnderflowingScales() {
        float[] x = new float[32];
        for (int i = 0; i < 32; i++) x[i] = (i - 16) * 0x1p-20f;
        x[31] = 127 * 0x1p-20f; // amax/127 = 2^-20, an fp16 subnormal (0x0010)
        byte[] b = encode(C, x);
        assertThat(b[0]).isEqualTo((byte) 0x10);
        assertThat(b[1]).isEqualTo((byte) 0x00);
        assertThat(decode(C, b)).containsExactly(x);

        // amax/127 below half the smallest fp16 subnormal: d is stored as 0 and the block decodes to zeros.
        float[] tiny = new float[32];
        tiny[0] = 1e-10f;
        tiny[1] = -5e-11f;
        byte[] t = encode(C, tiny);
        assertThat(t[0]).isZero();
        assertThat(t[1]).isZero();
        assertThat(t[2]).isEqualTo((byte) 127); // ggml quantizes with the unrounded d
        assertThat(decode(C, t)).containsOnly(0f, -0f).doesNotContain(Float.NaN);
    }

    @Test
    void roundTripErrorIsAtMostHalfAStep() {
        Random r = new Random(5);
        float[] x = new float[32 * 200];
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(5) - 2));
        float[] y = CodecTesting.roundTrip(C, x);
        for (int blk = 0; blk < x.length / 32; blk++) {
            float amax = 0;
            for (int i = 32 * blk; i < 32 * blk + 32; i++) amax = Math.max(amax, Math.abs(x[i]));
            // half a step, plus up to 127 times the fp16 rounding error of d
            double bound = amax / 254.0 + amax * 0x1p-11 + 1e-30;
            assertThat(CodecTesting.maxAbsDiff(x, y, 32 * blk, 32 * blk + 32)).isLessThanOrEqualTo(bound);
        }
    }
}
