package dev.litebench.engine.tensor;

import static dev.litebench.engine.tensor.CodecTesting.bytes;
import static dev.litebench.engine.tensor.CodecTesting.decode;
import static dev.litebench.engine.tensor.CodecTesting.encode;
import static dev.litebench.engine.tensor.CodecTesting.f16;
import static dev.litebench.engine.tensor.QuantsTest.MINS;
import static dev.litebench.engine.tensor.QuantsTest.PACKED_SCALES;
import static dev.litebench.engine.tensor.QuantsTest.SCALES;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Q4_K, Q5_K and Q6_K. */
class KQuantCodecsTest {

    // ------------------------------------------------------------------ Q4_K

    /** 4-bit quant of element e in the hand-built blocks. */
    private static int q4(int e) {
        return (e * 7 + 3) % 16;
    }

    /** 5-bit quant of element e in the hand-built Q5_K block. */
    private static int q5(int e) {
        return (e * 11 + 5) % 32;
    }

    @Test
    void q4kDecodesHandBuiltBlock() {
        // d = 0.25, dmin = 0.125, scales/mins from QuantsTest. Element e = 64c + w lives in byte 32c + (w % 32),
        // low nibble when w < 32, high nibble otherwise; its sub-block is e / 32.
        byte[] qs = new byte[128];
        for (int e = 0; e < 256; e++) {
            int c = e / 64, w = e % 64;
            qs[32 * c + w % 32] |= (byte) (w < 32 ? q4(e) : q4(e) << 4);
        }
        qs[0] = (byte) 0xA5; // element 0: q 5, element 32: q 10
        qs[96] = (byte) 0x3C; // element 192: q 12, element 224: q 3
        byte[] b = bytes(f16(0x3400), f16(0x3000), PACKED_SCALES, qs);
        assertThat(b).hasSize(144);

        float[] v = decode(Q4_KCodec.INSTANCE, b);
        assertThat(v[0]).isEqualTo(0.625f); // 0.25*1*5 - 0.125*5
        assertThat(v[32]).isEqualTo(4.25f); // 0.25*2*10 - 0.125*6
        assertThat(v[192]).isEqualTo(188.875f); // 0.25*63*12 - 0.125*1
        assertThat(v[224]).isEqualTo(-7.875f); // 0.25*0*3 - 0.125*63
        for (int e = 0; e < 256; e++) {
            if (e == 0 || e == 32 || e == 192 || e == 224) continue;
            int j = e / 32;
            assertThat(v[e]).as("element %d", e).isEqualTo((float) (0.25 * SCALES[j] * q4(e) - 0.125 * MINS[j]));
        }
    }

    // ------------------------------------------------------------------ Q5_K

    @Test
    void q5kDecodesHandBuiltBlock() {
        // As Q4_K for the low 4 bits; the fifth bit of element 64c + w is bit 2c (w < 32) or 2c+1 of qh[w % 32].
        byte[] qh = new byte[32];
        byte[] qs = new byte[128];
        for (int e = 0; e < 256; e++) {
            int c = e / 64, w = e % 64, q = q5(e);
            qs[32 * c + w % 32] |= (byte) (w < 32 ? q & 15 : (q & 15) << 4);
            if (q >= 16) qh[w % 32] |= (byte) (1 << (2 * c + (w < 32 ? 0 : 1)));
        }
        qs[0] = 0x21; // element 0: low 1, element 32: low 2
        qh[0] = (byte) ((qh[0] & ~3) | 0b10); // element 0: fifth bit 0 -> q 1; element 32: fifth bit 1 -> q 18
        byte[] b = bytes(f16(0x3400), f16(0x3000), PACKED_SCALES, qh, qs);
        assertThat(b).hasSize(176);

        float[] v = decode(Q5_KCodec.INSTANCE, b);
        assertThat(v[0]).isEqualTo(-0.375f); // 0.25*1*1 - 0.125*5
        assertThat(v[32]).isEqualTo(8.25f); // 0.25*2*18 - 0.125*6
        for (int e = 1; e < 256; e++) {
            if (e == 32) continue;
            int j = e / 32;
            assertThat(v[e]).as("element %d", e).isEqualTo((float) (0.25 * SCALES[j] * q5(e) - 0.125 * MINS[j]));
        }
    }

    // ------------------------------------------------------------------ Q6_K

    private static final byte[] Q6_SCALES = {1, -1, 2, -2, 3, -3, 4, -4, 127, -128, 5, 6, 7, 8, 9, 10};

    private static int q6(int e) {
        return (e * 13 + 7) % 64;
    }

    @Test
    void q6kDecodesHandBuiltBlock() {
        // Element e = 128h + 32k + l: low 4 bits in ql[64h + l] (k=0 low, k=2 high) or ql[64h + 32 + l] (k=1 low,
        // k=3 high); high 2 bits in bits 2k..2k+1 of qh[32h + l]; scale scales[e / 16]; d comes last.
        byte[] ql = new byte[128];
        byte[] qh = new byte[64];
        for (int e = 0; e < 256; e++) {
            int h = e / 128, k = (e % 128) / 32, l = e % 32, q = q6(e);
            int at = 64 * h + (k % 2 == 0 ? 0 : 32) + l;
            ql[at] |= (byte) (k < 2 ? q & 15 : (q & 15) << 4);
            qh[32 * h + l] |= (byte) ((q >> 4) << (2 * k));
        }
        ql[0] = 0x5A; // element 0: low 10, element 64: low 5
        ql[32] = 0x0F; // element 32: low 15, element 96: low 0
        qh[0] = (byte) 0b11_10_01_00; // high bits: element 0: 0, 32: 1, 64: 2, 96: 3
        byte[] b = bytes(ql, qh, Q6_SCALES, f16(0x3800)); // d = 0.5
        assertThat(b).hasSize(210);

        float[] v = decode(Q6_KCodec.INSTANCE, b);
        assertThat(v[0]).isEqualTo(-11f); // q 10 -> -22, scale 1
        assertThat(v[32]).isEqualTo(-1f); // q 15|16 = 31 -> -1, scale 2
        assertThat(v[64]).isEqualTo(7.5f); // q 5|32 = 37 -> 5, scale 3
        assertThat(v[96]).isEqualTo(32f); // q 0|48 = 48 -> 16, scale 4
        for (int e = 0; e < 256; e++) {
            if (e % 32 == 0 && e < 128) continue;
            assertThat(v[e]).as("element %d", e).isEqualTo((float) (0.5 * Q6_SCALES[e / 16] * (q6(e) - 32)));
        }
    }

    @Test
    void q6kScaleByteIsSigned() {
        byte[] b = new byte[210];
        b[0] = 0x01; // element 0: q 1 -> -31
        b[192] = (byte) 0x80; // scale -128
        b[208] = 0x00;
        b[209] = 0x3C; // d = 1
        assertThat(decode(Q6_KCodec.INSTANCE, b)[0]).isEqualTo(3968f); // 1 * -128 * -31
    }

    // ------------------------------------------------------------------ all three

    @ParameterizedTest
    @CsvSource({"Q4_K", "Q5_K", "Q6_K"})
    void allZeroSuperBlockIsAllZeroBytes(GGMLType type) {
        TypeCodec c = Codecs.forType(type);
        byte[] b = encode(c, new float[512]);
        assertThat(b).hasSize(2 * type.blockBytes).containsOnly(0);
        for (float v : decode(c, b)) assertThat(v == 0f).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        // type, worst relative RMS error of one super-block, relative RMS error overall (measured: 0.082/0.071,
        // 0.041/0.036, 0.021/0.018 on this data)
        "Q4_K, 0.095, 0.08",
        "Q5_K, 0.048, 0.04",
        "Q6_K, 0.025, 0.02",
    })
    void roundTripErrorOfGaussianWeights(GGMLType type, double worstBlock, double overall) {
        Random r = new Random(1);
        float[] x = new float[256 * 400];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        float[] y = CodecTesting.roundTrip(Codecs.forType(type), x);
        for (int blk = 0; blk < x.length / 256; blk++) {
            double rel = CodecTesting.rmsDiff(x, y, 256 * blk, 256 * blk + 256) / CodecTesting.rms(x, 256 * blk, 256 * blk + 256);
            assertThat(rel).as("super-block %d", blk).isLessThan(worstBlock);
        }
        assertThat(CodecTesting.rmsDiff(x, y, 0, x.length) / CodecTesting.rms(x, 0, x.length)).isLessThan(overall);
    }

    @ParameterizedTest
    @CsvSource({"Q4_K", "Q5_K", "Q6_K"})
    void scaleInvariantUpToFp16(GGMLType type) {
        // Scaling the input by a power of two scales every decoded value by the same power, as long as the fp16
        // scales stay normal (so N(0,1) data, not the small patterns of CodecTesting.synthetic).
        TypeCodec c = Codecs.forType(type);
        Random r = new Random(77);
        float[] x = new float[512];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        float[] x4 = new float[x.length];
        for (int i = 0; i < x.length; i++) x4[i] = x[i] * 4;
        float[] y = CodecTesting.roundTrip(c, x);
        float[] y4 = CodecTesting.roundTrip(c, x4);
        for (int i = 0; i < x.length; i++) assertThat(y4[i]).isEqualTo(y[i] * 4);
    }

    @Test
    void q6kQuantizesSmallValuesWithSubnormalScale() {
        float[] x = new float[256];
        Random r = new Random(8);
        for (int i = 0; i < 256; i++) x[i] = (float) (r.nextGaussian() * 1e-4);
        byte[] b = encode(Q6_KCodec.INSTANCE, x);
        int d = (b[208] & 0xFF) | (b[209] & 0xFF) << 8;
        assertThat(d & 0x7C00).as("fp16 exponent of d").isZero(); // subnormal
        assertThat(d).isNotZero();
        float[] y = decode(Q6_KCodec.INSTANCE, b);
        for (float v : y) assertThat(v).isNotNaN();
        // A subnormal d keeps only a few significant bits, so the error is several times that of normal data
        // (0.088 here against about 0.018); ggml does the same (its exact bytes are checked in
        // GgmlReferenceVectorsTest).
        assertThat(CodecTesting.rmsDiff(x, y, 0, 256) / CodecTesting.rms(x, 0, 256)).isLessThan(0.12);
    }
}
