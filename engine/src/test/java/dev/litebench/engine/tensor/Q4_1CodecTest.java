package dev.litebench.engine.tensor;

import static dev.litebench.engine.tensor.CodecTesting.bytes;
import static dev.litebench.engine.tensor.CodecTesting.decode;
import static dev.litebench.engine.tensor.CodecTesting.encode;
import static dev.litebench.engine.tensor.CodecTesting.f16;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Q4_1CodecTest {
    private static final TypeCodec C = Q4_1Codec.INSTANCE;

    @Test
    void decodesHandBuiltBlock() {
        // d = 0.25 (0x3400), m = -1 (0xBC00); byte j: element j low nibble j, element j+16 high nibble 15-j
        byte[] qs = new byte[16];
        for (int j = 0; j < 16; j++) qs[j] = (byte) (j | (15 - j) << 4);
        byte[] b = bytes(f16(0x3400), f16(0xBC00), qs);
        assertThat(b).hasSize(20).startsWith(0x00, 0x34, 0x00, 0xBC, 0xF0);
        float[] v = decode(C, b);
        assertThat(v[0]).isEqualTo(-1f);
        assertThat(v[16]).isEqualTo(2.75f);
        for (int j = 0; j < 16; j++) {
            assertThat(v[j]).isEqualTo(j * 0.25f - 1f);
            assertThat(v[16 + j]).isEqualTo((15 - j) * 0.25f - 1f);
        }
    }

    @Test
    void gridValuesRoundTripExactly() {
        // min -1, max 2.75: d = 3.75/15 = 0.25 exactly
        float[] x = new float[32];
        Random r = new Random(4);
        for (int i = 0; i < 32; i++) x[i] = r.nextInt(16) * 0.25f - 1f;
        x[5] = -1f;
        x[20] = 2.75f;
        byte[] b = encode(C, x);
        assertThat(Arrays.copyOf(b, 4)).containsExactly(0x00, 0x34, 0x00, 0xBC);
        assertThat(decode(C, b)).containsExactly(x);
    }

    @Test
    void constantAndZeroBlocks() {
        float[] x = new float[32];
        Arrays.fill(x, 0.75f); // d = 0, m = 0.75
        byte[] b = encode(C, x);
        assertThat(Arrays.copyOf(b, 4)).containsExactly(0x00, 0x00, 0x00, 0x3A);
        assertThat(decode(C, b)).containsOnly(0.75f);

        byte[] z = encode(C, new float[32]);
        assertThat(z).containsOnly(0);
        assertThat(decode(C, z)).containsOnly(0f);
    }

    @Test
    void tiesRoundUp() {
        float[] x = new float[32];
        x[0] = 0f; // min
        x[1] = 15f; // max: d = 1
        x[2] = 2.5f; // 2.5 + 0.5 = 3.0 -> 3
        x[3] = 3.5f; // -> 4
        byte[] b = encode(C, x);
        assertThat(b[4 + 2] & 0x0F).isEqualTo(3);
        assertThat(b[4 + 3] & 0x0F).isEqualTo(4);
    }

    @Test
    void roundTripErrorIsAtMostHalfAStep() {
        Random r = new Random(6);
        float[] x = new float[32 * 300];
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextGaussian() + 0.5);
        float[] y = CodecTesting.roundTrip(C, x);
        for (int blk = 0; blk < x.length / 32; blk++) {
            float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
            for (int i = 32 * blk; i < 32 * blk + 32; i++) {
                min = Math.min(min, x[i]);
                max = Math.max(max, x[i]);
            }
            double d = (max - min) / 15.0;
            // half a step, plus fp16 rounding of d (times up to 15) and of m
            double bound = d / 2 + (max - min) * 0x1p-11 + Math.abs(min) * 0x1p-11 + 1e-6;
            assertThat(CodecTesting.maxAbsDiff(x, y, 32 * blk, 32 * blk + 32)).isLessThanOrEqualTo(bound);
        }
    }
}
