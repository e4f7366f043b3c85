package dev.litebench.engine.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantsTest {

    /** ggml_compute_fp16_to_fp32 from ggml-impl.h, transcribed. */
    static float ggmlFp16ToFp32(short h) {
        int w = (h & 0xFFFF) << 16;
        int sign = w & 0x80000000;
        int twoW = w + w;
        int expOffset = 0xE0 << 23;
        float normalized = Float.intBitsToFloat((twoW >>> 4) + expOffset) * 0x1.0p-112f;
        float denormalized = Float.intBitsToFloat((twoW >>> 17) | (126 << 23)) - 0.5f;
        int denormalizedCutoff = 1 << 27;
        return Float.intBitsToFloat(sign | (Integer.compareUnsigned(twoW, denormalizedCutoff) < 0
                ? Float.floatToRawIntBits(denormalized) : Float.floatToRawIntBits(normalized)));
    }

    /** ggml_compute_fp32_to_fp16 from ggml-impl.h, transcribed. */
    static short ggmlFp32ToFp16(float f) {
        float base = (Math.abs(f) * 0x1.0p+112f) * 0x1.0p-110f;
        int w = Float.floatToRawIntBits(f);
        int shl1W = w + w;
        int sign = w & 0x80000000;
        int bias = shl1W & 0xFF000000;
        if (Integer.compareUnsigned(bias, 0x71000000) < 0) bias = 0x71000000;
        base = Float.intBitsToFloat((bias >>> 1) + 0x07800000) + base;
        int bits = Float.floatToRawIntBits(base);
        int expBits = (bits >>> 13) & 0x00007C00;
        int mantissaBits = bits & 0x00000FFF;
        int nonsign = expBits + mantissaBits;
        return (short) ((sign >>> 16) | (Integer.compareUnsigned(shl1W, 0xFF000000) > 0 ? 0x7E00 : nonsign));
    }

    @Test
    void fp16DecodeIsGgmlsForAllInputs() {
        for (int h = 0; h < 65536; h++) {
            float ours = Quants.fp16ToFp32((short) h);
            float ggml = ggmlFp16ToFp32((short) h);
            assertThat(Float.floatToRawIntBits(ours)).as("fp16 %04x", h).isEqualTo(Float.floatToRawIntBits(ggml));
        }
    }

    @Test
    void fp16EncodeIsGgmlsOnSampledFloats() {
        // Checked exhaustively over all 2^32 inputs while writing Quants; a stride keeps the test fast.
        for (long i = 0; i <= 0xFFFFFFFFL; i += 2053) {
            float f = Float.intBitsToFloat((int) i);
            assertThat(Quants.fp32ToFp16(f)).as("float bits %08x", i).isEqualTo(ggmlFp32ToFp16(f));
        }
        float[] edges = {0f, -0f, 65504f, 65519.996f, 65520f, Float.MAX_VALUE, Float.MIN_VALUE, 0x1p-24f, 0x1p-25f,
            0x1.000002p-25f, 0x1p-14f, 0x1.ffcp-15f, 1 + 0x1p-11f, 1 + 0x3p-11f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0xFF800001), Float.intBitsToFloat(0x7FC12345)};
        for (float f : edges) {
            assertThat(Quants.fp32ToFp16(f)).as("%s", f).isEqualTo(ggmlFp32ToFp16(f));
            assertThat(Quants.fp32ToFp16(-f)).as("%s", -f).isEqualTo(ggmlFp32ToFp16(-f));
        }
    }

    @Test
    void fp16NanIsGgmlsCanonicalQuietNan() {
        assertThat(Quants.fp32ToFp16(Float.intBitsToFloat(0x7F800001))).isEqualTo((short) 0x7E00);
        assertThat(Quants.fp32ToFp16(Float.intBitsToFloat(0xFFFFFFFF))).isEqualTo((short) 0xFE00);
    }

    @Test
    void nearestIntRoundsHalfToEven() {
        assertThat(Quants.nearestInt(0.5f)).isEqualTo(0);
        assertThat(Quants.nearestInt(1.5f)).isEqualTo(2);
        assertThat(Quants.nearestInt(2.5f)).isEqualTo(2);
        assertThat(Quants.nearestInt(-0.5f)).isEqualTo(0);
        assertThat(Quants.nearestInt(-1.5f)).isEqualTo(-2);
        assertThat(Quants.nearestInt(-2.5f)).isEqualTo(-2);
        assertThat(Quants.nearestInt(0.49999997f)).isEqualTo(0);
        assertThat(Quants.nearestInt(-0.0f)).isEqualTo(0);
        assertThat(Quants.nearestInt(4194303f)).isEqualTo(4194303);
        assertThat(Quants.nearestInt(-4194303f)).isEqualTo(-4194303);
        Random r = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            float f = (r.nextFloat() * 2 - 1) * (i % 2 == 0 ? 100f : 4194303f);
            assertThat(Quants.nearestInt(f)).as("%s", f).isEqualTo((int) Math.rint(f));
        }
    }

    @Test
    void roundfRoundsHalfAwayFromZero() {
        assertThat(Quants.roundf(0.5f)).isEqualTo(1f);
        assertThat(Quants.roundf(-0.5f)).isEqualTo(-1f);
        assertThat(Quants.roundf(2.5f)).isEqualTo(3f);
        assertThat(Quants.roundf(-2.5f)).isEqualTo(-3f);
        assertThat(Quants.roundf(126.5f)).isEqualTo(127f);
        assertThat(Quants.roundf(0.49999997f)).isEqualTo(0f);
        assertThat(Quants.roundf(-0.49999997f)).isEqualTo(-0f);
        assertThat(Quants.roundf(8388609f)).isEqualTo(8388609f);
        assertThat(Quants.roundf(1.4f)).isEqualTo(1f);
        assertThat(Quants.roundf(-1.6f)).isEqualTo(-2f);
    }

    /** scales {1,2,3,4,17,33,63,0} and mins {5,6,7,8,40,20,1,63}, packed by hand (see Q4_KCodecTest). */
    static final byte[] PACKED_SCALES = {
        (byte) 0x41, (byte) 0x82, (byte) 0xC3, (byte) 0x04, // sc0..3 | top bits of sc4..7
        (byte) 0x85, (byte) 0x46, (byte) 0x07, (byte) 0xC8, // m0..3  | top bits of m4..7
        (byte) 0x81, (byte) 0x41, (byte) 0x1F, (byte) 0xF0, // low nibbles: sc4..7 | m4..7 << 4
    };
    static final int[] SCALES = {1, 2, 3, 4, 17, 33, 63, 0};
    static final int[] MINS = {5, 6, 7, 8, 40, 20, 1, 63};

    @Test
    void getScaleMinK4UnpacksHandPackedBytes() {
        MemorySegment s = MemorySegment.ofArray(PACKED_SCALES);
        for (int j = 0; j < 8; j++) {
            assertThat(Quants.scaleK4(s, 0, j)).as("scale %d", j).isEqualTo(SCALES[j]);
            assertThat(Quants.minK4(s, 0, j)).as("min %d", j).isEqualTo(MINS[j]);
        }
    }

    @Test
    void packScaleMinK4IsTheInverse() {
        byte[] b = new byte[12];
        for (int j = 0; j < 8; j++) Quants.packScaleMinK4(b, 0, j, SCALES[j], MINS[j]);
        assertThat(b).containsExactly(PACKED_SCALES);

        Random r = new Random(3);
        for (int t = 0; t < 1000; t++) {
            int[] sc = r.ints(8, 0, 64).toArray();
            int[] mn = r.ints(8, 0, 64).toArray();
            byte[] p = new byte[14];
            for (int j = 0; j < 8; j++) Quants.packScaleMinK4(p, 2, j, sc[j], mn[j]);
            MemorySegment s = MemorySegment.ofArray(p);
            for (int j = 0; j < 8; j++) {
                assertThat(Quants.scaleK4(s, 2, j)).isEqualTo(sc[j]);
                assertThat(Quants.minK4(s, 2, j)).isEqualTo(mn[j]);
            }
        }
    }

    @Test
    void makeQxQuantsOfZerosIsZero() {
        float[] x = new float[16];
        byte[] l = new byte[16];
        assertThat(Quants.makeQxQuants(16, 32, x, 0, l, 0, 1)).isZero();
        assertThat(l).containsOnly(0);
    }
}
