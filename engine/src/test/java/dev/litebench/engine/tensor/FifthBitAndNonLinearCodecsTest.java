package dev.litebench.engine.tensor;

import static dev.litebench.engine.tensor.CodecTesting.bytes;
import static dev.litebench.engine.tensor.CodecTesting.decode;
import static dev.litebench.engine.tensor.CodecTesting.encode;
import static dev.litebench.engine.tensor.CodecTesting.f16;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Q5_0 and Q5_1 (a fifth bit per element in a 32-bit word) and IQ4_NL (nibbles index a table), from hand-built blocks. */
class FifthBitAndNonLinearCodecsTest {
    /** Block nibbles: element j low nibble j, element j+16 high nibble 15-j. */
    private static byte[] nibbles() {
        byte[] qs = new byte[16];
        for (int j = 0; j < 16; j++) qs[j] = (byte) (j | (15 - j) << 4);
        return qs;
    }

    /** The fifth-bit word 0x8000_0003 little-endian: elements 0, 1 and 31 have it. */
    private static final byte[] QH = {0x03, 0x00, 0x00, (byte) 0x80};

    private static int quant(int e) {
        int nibble = e < 16 ? e : 15 - (e - 16);
        return nibble | (e == 0 || e == 1 || e == 31 ? 16 : 0);
    }

    @Test
    void q5_0DecodesTheFifthBitsAndTheOffset() {
        byte[] b = bytes(f16(0x3400), QH, nibbles()); // d = 0.25
        assertThat(b).hasSize(22);
        float[] v = decode(Q5_0Codec.INSTANCE, b);
        for (int e = 0; e < 32; e++) assertThat(v[e]).as("element %d", e).isEqualTo((quant(e) - 16) * 0.25f);
        assertThat(v[0]).isEqualTo(0f);
        assertThat(v[31]).isEqualTo(0f); // high nibble 0 with the fifth bit: 16 - 16
        assertThat(v[2]).isEqualTo(-3.5f);
    }

    @Test
    void q5_1DecodesTheFifthBitsAndTheMin() {
        byte[] b = bytes(f16(0x3400), f16(0xBC00), QH, nibbles()); // d = 0.25, m = -1
        assertThat(b).hasSize(24);
        float[] v = decode(Q5_1Codec.INSTANCE, b);
        for (int e = 0; e < 32; e++) assertThat(v[e]).as("element %d", e).isEqualTo(quant(e) * 0.25f - 1f);
        assertThat(v[1]).isEqualTo(3.25f);
    }

    @Test
    void q5GridValuesRoundTripExactly() {
        Random r = new Random(5);
        float[] x = new float[64];
        for (int i = 0; i < 64; i++) x[i] = (r.nextInt(32) - 16) * 0.25f;
        x[3] = -4f; // the largest magnitude, negative: Q5_0's d = -4 / -16 = 0.25
        x[40] = -4f;
        assertThat(decode(Q5_0Codec.INSTANCE, encode(Q5_0Codec.INSTANCE, x))).containsExactly(x);
        x[7] = 3.75f; // Q5_1: min -4, max 3.75, d = 7.75 / 31 = 0.25
        x[50] = 3.75f;
        assertThat(decode(Q5_1Codec.INSTANCE, encode(Q5_1Codec.INSTANCE, x))).containsExactly(x);
    }

    @Test
    void iq4_nlLooksTheNibblesUpInItsTable() {
        byte[] b = bytes(f16(0x3800), nibbles()); // d = 0.5
        float[] v = decode(IQ4_NLCodec.INSTANCE, b);
        for (int j = 0; j < 16; j++) {
            assertThat(v[j]).isEqualTo(0.5f * IQ4_NLCodec.LEVELS[j]);
            assertThat(v[16 + j]).isEqualTo(0.5f * IQ4_NLCodec.LEVELS[15 - j]);
        }
        assertThat(v[0]).isEqualTo(-63.5f);
        assertThat(v[16]).isEqualTo(56.5f);
    }
}
