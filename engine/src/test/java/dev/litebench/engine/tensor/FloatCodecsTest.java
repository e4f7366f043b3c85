package dev.litebench.engine.tensor;

import static dev.litebench.engine.tensor.CodecTesting.bytes;
import static dev.litebench.engine.tensor.CodecTesting.decode;
import static dev.litebench.engine.tensor.CodecTesting.encode;
import static dev.litebench.engine.tensor.CodecTesting.f16;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** F32, F16 and BF16. */
class FloatCodecsTest {

    @Test
    void f32IsLittleEndianIeee() {
        byte[] b = bytes(0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0);
        assertThat(decode(F32Codec.INSTANCE, b)).containsExactly(1.0f, -2.0f);
        float[] v = {0f, -0f, 1e-45f, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, 3.14159f};
        assertThat(CodecTesting.roundTrip(F32Codec.INSTANCE, v)).containsExactly(v);
        assertThat(encode(F32Codec.INSTANCE, new float[] {1.0f})).containsExactly(0x00, 0x00, 0x80, 0x3F);
    }

    @Test
    void f16DecodesHandBuiltBits() {
        byte[] b = bytes(f16(0x3C00), f16(0xC000), f16(0x7BFF), f16(0x0400), f16(0x0001), f16(0x3555),
                f16(0x7C00), f16(0xFC00), f16(0x8000));
        float[] v = decode(F16Codec.INSTANCE, b);
        assertThat(v).containsExactly(1.0f, -2.0f, 65504f, 0x1p-14f, 0x1p-24f, 0x1.554p-2f,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f);
        assertThat(Float.floatToRawIntBits(v[8])).isEqualTo(0x80000000);
        assertThat(decode(F16Codec.INSTANCE, f16(0x7E00))[0]).isNaN();
    }

    @Test
    void f16RoundTripsEveryRepresentableValueExactly() {
        float[] all = new float[65536];
        for (int h = 0; h < 65536; h++) all[h] = Float.float16ToFloat((short) h);
        byte[] b = encode(F16Codec.INSTANCE, all);
        for (int h = 0; h < 65536; h++) {
            int back = (b[2 * h] & 0xFF) | (b[2 * h + 1] & 0xFF) << 8;
            if (Float.isNaN(all[h])) {
                assertThat(back & 0x7FFF).as("NaN %04x", h).isEqualTo(0x7E00); // ggml's canonical NaN
            } else {
                assertThat(back).as("fp16 %04x", h).isEqualTo(h);
            }
        }
    }

    @Test
    void f16EncodeRoundsToNearestEven() {
        float[] in = {1 + 0x1p-11f, 1 + 0x3p-11f, Math.nextUp(1 + 0x1p-11f), 65519.996f, 65520f, 0x1p-25f, 0x3p-25f,
            0x1.000002p-25f, -0x1p-25f, 1e-10f};
        int[] want = {0x3C00, 0x3C02, 0x3C01, 0x7BFF, 0x7C00, 0x0000, 0x0002, 0x0001, 0x8000, 0x0000};
        byte[] b = encode(F16Codec.INSTANCE, in);
        for (int i = 0; i < in.length; i++) {
            int got = (b[2 * i] & 0xFF) | (b[2 * i + 1] & 0xFF) << 8;
            assertThat(got).as("%s", in[i]).isEqualTo(want[i]);
        }
    }

    @Test
    void bf16DecodesHandBuiltBits() {
        byte[] b = bytes(0x80, 0x3F, 0x00, 0xC0, 0x80, 0x7F, 0x01, 0x00, 0x49, 0x40);
        assertThat(decode(BF16Codec.INSTANCE, b))
                .containsExactly(1.0f, -2.0f, Float.POSITIVE_INFINITY, 0x1p-133f, 3.140625f);
    }

    @Test
    void bf16RoundTripsEveryRepresentableValueExactly() {
        for (int h = 0; h < 65536; h++) {
            float f = BF16Codec.toFloat((short) h);
            short back = BF16Codec.fromFloat(f);
            if (Float.isNaN(f)) {
                assertThat(back & 0x40).as("NaN %04x stays quiet", h).isEqualTo(0x40);
                assertThat(Float.isNaN(BF16Codec.toFloat(back))).isTrue();
            } else {
                assertThat(back & 0xFFFF).as("bf16 %04x", h).isEqualTo(h);
            }
        }
        float[] v = {1f, -2f, 3.140625f, 0x1p-133f, Float.NEGATIVE_INFINITY};
        assertThat(CodecTesting.roundTrip(BF16Codec.INSTANCE, v)).containsExactly(v);
    }

    @Test
    void bf16EncodeIsGgmls() {
        int[][] cases = {
            {0x3F808000, 0x3F80}, // tie, even stays
            {0x3F818000, 0x3F82}, // tie, odd rounds up
            {0x3F808001, 0x3F81}, // above half
            {0x3F807FFF, 0x3F80}, // below half
            {0xBF818000, 0xBF82}, // negative tie
            {0x7F7FFFFF, 0x7F80}, // max float rounds to infinity
            {0x00000001, 0x0000}, // float subnormal rounds to zero
            {0x7F800001, 0x7FC0}, // signalling NaN forced quiet
            {0xFFC00001, 0xFFC0}, // quiet NaN keeps its top bits
            {0x7F800000, 0x7F80}, // infinity
        };
        for (int[] c : cases) {
            assertThat(BF16Codec.fromFloat(Float.intBitsToFloat(c[0])) & 0xFFFF)
                    .as("%08x", c[0]).isEqualTo(c[1]);
        }
        byte[] b = encode(BF16Codec.INSTANCE, new float[] {Float.intBitsToFloat(0x3F818000)});
        assertThat(b).containsExactly(0x82, 0x3F);
    }
}
