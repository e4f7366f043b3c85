package dev.litebench.engine.tensor;

import static dev.litebench.engine.tensor.CodecTesting.bytes;
import static dev.litebench.engine.tensor.CodecTesting.decode;
import static dev.litebench.engine.tensor.CodecTesting.encode;
import static dev.litebench.engine.tensor.CodecTesting.f16;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Q4_0CodecTest {
    private static final TypeCodec C = Q4_0Codec.INSTANCE;

    @Test
    void decodesHandBuiltBlock() {
        // d = 0.5; byte j: low nibble j (element j), high nibble 15-j (element j+16)
        byte[] qs = new byte[16];
        for (int j = 0; j < 16; j++) qs[j] = (byte) (j | (15 - j) << 4);
        byte[] b = bytes(f16(0x3800), qs);
        assertThat(b).hasSize(18).startsWith(0x00, 0x38, 0xF0, 0xE1);
        float[] v = decode(C, b);
        assertThat(v[0]).isEqualTo(-4.0f); // (0-8)*0.5
        assertThat(v[16]).isEqualTo(3.5f); // (15-8)*0.5
        assertThat(v[1]).isEqualTo(-3.5f);
        assertThat(v[17]).isEqualTo(3.0f);
        for (int j = 0; j < 16; j++) {
            assertThat(v[j]).isEqualTo((j - 8) * 0.5f);
            assertThat(v[16 + j]).isEqualTo((7 - j) * 0.5f);
        }
    }

    @Test
    void negativeMaxGivesPositiveScaleAndExactGrid() {
        // the largest magnitude is -4: d = -4/-8 = 0.5, so multiples of 0.5 in [-4, 3.5] are exact
        float[] x = new float[32];
        Random r = new Random(2);
        for (int i = 0; i < 32; i++) x[i] = (r.nextInt(15) - 7) * 0.5f;
        x[9] = -4f;
        byte[] b = encode(C, x);
        assertThat(b[0]).isEqualTo((byte) 0x00);
        assertThat(b[1]).isEqualTo((byte) 0x38);
        assertThat(b[2 + 9] & 0x0F).isEqualTo(0);
        assertThat(decode(C, b)).containsExactly(x);
    }

    @Test
    void positiveMaxGivesNegativeScaleAndClipsItsMirror() {
        float[] x = new float[32];
        x[0] = 4f; // first of the two largest magnitudes wins: d = 4/-8 = -0.5
        x[1] = -4f; // x/d + 8.5 = 16.5 -> 16 -> clamped to 15 -> (15-8)*-0.5 = -3.5
        byte[] b = encode(C, x);
        assertThat(b[0]).isEqualTo((byte) 0x00);
        assertThat(b[1]).isEqualTo((byte) 0xB8); // -0.5
        assertThat(b[2] & 0x0F).isEqualTo(0);
        assertThat(b[3] & 0x0F).isEqualTo(15);
        float[] v = decode(C, b);
        assertThat(v[0]).isEqualTo(4f);
        assertThat(v[1]).isEqualTo(-3.5f);

        float[] y = new float[32];
        y[0] = -4f; // now -4 comes first: d = 0.5 and +4 is the clipped one
        y[1] = 4f;
        assertThat(decode(C, encode(C, y))[1]).isEqualTo(3.5f);
    }

    @Test
    void tiesRoundUpInQuantSpace() {
        float[] x = new float[32];
        x[0] = 4f; // d = -0.5, 1/d = -2
        x[1] = 0.25f; // -0.5 + 8.5 = 8.0 -> q 8 -> 0
        x[2] = -0.25f; // 0.5 + 8.5 = 9.0 -> q 9 -> -0.5
        x[17] = 0.75f; // -1.5 + 8.5 = 7.0 -> q 7 -> 0.5
        byte[] b = encode(C, x);
        assertThat(b[2 + 1] & 0x0F).isEqualTo(8);
        assertThat(b[2 + 2] & 0x0F).isEqualTo(9);
        assertThat((b[2 + 1] & 0xF0) >> 4).isEqualTo(7); // element 17 is the high nibble of byte 1
        float[] v = decode(C, b);
        assertThat(v[1]).isZero();
        assertThat(v[2]).isEqualTo(-0.5f);
        assertThat(v[17]).isEqualTo(0.5f);
    }

    @Test
    void allZeroBlock() {
        byte[] b = encode(C, new float[32]);
        // max = 0 so d = 0/-8 = -0.0 (fp16 0x8000, as ggml stores it); every quant is 8
        assertThat(b[0]).isEqualTo((byte) 0x00);
        assertThat(b[1]).isEqualTo((byte) 0x80);
        for (int j = 2; j < 18; j++) assertThat(b[j]).isEqualTo((byte) 0x88);
        for (float v : decode(C, b)) assertThat(v == 0f).isTrue();
    }

    @Test
    void roundTripErrorIsBounded() {
        Random r = new Random(9);
        float[] x = new float[32 * 300];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        float[] y = CodecTesting.roundTrip(C, x);
        for (int blk = 0; blk < x.length / 32; blk++) {
            float amax = 0;
            for (int i = 32 * blk; i < 32 * blk + 32; i++) amax = Math.max(amax, Math.abs(x[i]));
            double d = amax / 8.0;
            // half a step, except the mirror of the max which can be clipped by a whole step
            assertThat(CodecTesting.maxAbsDiff(x, y, 32 * blk, 32 * blk + 32)).isLessThanOrEqualTo(d * (1 + 0x1p-8));
        }
        assertThat(CodecTesting.rmsDiff(x, y, 0, x.length) / CodecTesting.rms(x, 0, x.length)).isLessThan(0.1);
    }
}
