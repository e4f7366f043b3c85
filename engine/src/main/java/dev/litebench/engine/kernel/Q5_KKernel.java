package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.Codecs;
import dev.litebench.engine.tensor.GGMLType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Q5_K, the weight type of llama.cpp's Q5_K_M and Q5_K_S files: super-blocks of 256 five-bit values (176 bytes):
 * {@code d}, {@code dmin} and the 8 packed scales and mins as Q4_K ({@link KScales}), 32 bytes {@code qh} of fifth
 * bits, then 128 bytes of low nibbles laid out as Q4_K's. Value 64c + l takes bit 2c of {@code qh[l]} as its fifth
 * bit, value 64c + 32 + l bit 2c + 1; a value is {@code d * scale * q - dmin * min}.
 * <p>
 * Values are decoded a vector at a time in float lanes ({@code q * scale - min}, one multiply-add) and multiplied into
 * the accumulators at once: 367 us per 3072 x 1024 product (one core) against ~1,050 for decoding a super-block into L1
 * and multiplying it after. Integer products as {@link Q4_KKernel} forms them were tried and dropped: with the fifth
 * bits that method passed C2's inlining node budget and its vector operations ran boxed.
 */
final class Q5_KKernel extends MatrixKernel {
    static final Q5_KKernel INSTANCE = new Q5_KKernel();
    private static final int BLOCK_BYTES = 176;
    private static final int QH = 16;
    private static final int QS = 48;

    private Q5_KKernel() {
        super(GGMLType.Q5_K, ActivationRounding.Q8_K);
    }

    @Override
    float dot(MemorySegment w, long rowOffset, Activations a, int row, int n, float[] scratch) {
        if (!VECTORIZE) return dotByPieces(w, rowOffset, a.values, row * n, n, scratch, 256);
        float[] x = a.values;
        int lanes = F.length();
        FloatVector acc0 = FloatVector.zero(F), acc1 = acc0;
        for (int b = 0; b < n / 256; b++) {
            long o = rowOffset + (long) b * BLOCK_BYTES;
            float d = Float.float16ToFloat(w.get(SHORT_LE, o));
            float dmin = Float.float16ToFloat(w.get(SHORT_LE, o + 2));
            long sc = KScales.scaleBytes(w, o), mn = KScales.minBytes(w, o);
            for (int c = 0; c < 4; c++) {
                float s0 = d * KScales.at(sc, 2 * c), m0 = -dmin * KScales.at(mn, 2 * c);
                float s1 = d * KScales.at(sc, 2 * c + 1), m1 = -dmin * KScales.at(mn, 2 * c + 1);
                for (int l = 0; l < 32; l += lanes) {
                    IntVector p = widenInts(w, o + QS + 32L * c + l);
                    IntVector h = widenInts(w, o + QH + l).lanewise(VectorOperators.LSHR, 2 * c);
                    IntVector lo = low(p, h), hi = high(p, h);
                    int k = row * n + b * 256 + 64 * c + l;
                    acc0 = ((FloatVector) lo.convert(VectorOperators.I2F, 0)).fma(s0, m0).fma(FloatVector.fromArray(F, x, k), acc0);
                    acc1 = ((FloatVector) hi.convert(VectorOperators.I2F, 0)).fma(s1, m1).fma(FloatVector.fromArray(F, x, k + 32), acc1);
                }
            }
        }
        acc0.add(acc1).intoArray(scratch, 0);
        return Lanes.sum(scratch, 0, lanes);
    }

    /** Values from the low nibbles of packed bytes {@code p}, their fifth bits in bit 0 of {@code h}. */
    private static IntVector low(IntVector p, IntVector h) {
        return p.and(0xf).or(h.and(1).lanewise(VectorOperators.LSHL, 4));
    }

    /** Values from the high nibbles of packed bytes {@code p}, their fifth bits in bit 1 of {@code h}. */
    private static IntVector high(IntVector p, IntVector h) {
        return p.lanewise(VectorOperators.LSHR, 4).or(h.and(2).lanewise(VectorOperators.LSHL, 3));
    }

    /** Decodes exactly as the reference codec does: {@code (d * scale) * q - dmin * min}, two roundings. */
    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        if (!VECTORIZE) {
            Codecs.forType(GGMLType.Q5_K).dequantize(w, rowOffset / BLOCK_BYTES * 256, dst, dstOff, n);
            return;
        }
        int lanes = F.length();
        for (int b = 0; b < n / 256; b++) {
            long o = rowOffset + (long) b * BLOCK_BYTES;
            float d = Float.float16ToFloat(w.get(SHORT_LE, o));
            float dmin = Float.float16ToFloat(w.get(SHORT_LE, o + 2));
            long sc = KScales.scaleBytes(w, o), mn = KScales.minBytes(w, o);
            for (int c = 0; c < 4; c++) {
                float s0 = d * KScales.at(sc, 2 * c), m0 = dmin * KScales.at(mn, 2 * c);
                float s1 = d * KScales.at(sc, 2 * c + 1), m1 = dmin * KScales.at(mn, 2 * c + 1);
                for (int l = 0; l < 32; l += lanes) {
                    IntVector p = (IntVector) ByteVector.fromMemorySegment(BYTES, w, o + QS + 32L * c + l, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0);
                    IntVector h = ((IntVector) ByteVector.fromMemorySegment(BYTES, w, o + QH + l, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0)).lanewise(VectorOperators.LSHR, 2 * c); // bits 2c, 2c + 1 down to 0, 1
                    IntVector lo = p.and(0xf).or(h.and(1).lanewise(VectorOperators.LSHL, 4));
                    IntVector hi = p.lanewise(VectorOperators.LSHR, 4).or(h.and(2).lanewise(VectorOperators.LSHL, 3));
                    int to = dstOff + b * 256 + 64 * c + l;
                    ((FloatVector) lo.convert(VectorOperators.I2F, 0)).mul(s0).sub(m0).intoArray(dst, to);
                    ((FloatVector) hi.convert(VectorOperators.I2F, 0)).mul(s1).sub(m1).intoArray(dst, to + 32);
                }
            }
        }
    }
}
