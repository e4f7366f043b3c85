package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.Codecs;
import dev.litebench.engine.tensor.GGMLType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Q3_K, the low-bit type of llama.cpp's Q3_K_S/M/L files: super-blocks of 256 three-bit values (110 bytes): 32 bytes
 * {@code hmask}, 64 bytes of low 2-bit quants, 12 bytes packing sixteen 6-bit scales, fp16 {@code d}. Value 128h +
 * 32k + l (h = 0, 1; k = 0..3; l = 0..31) is bits 2k..2k+1 of qs[32h + l], less 4 unless bit 4h + k of hmask[l] is
 * set, times {@code d * (scale - 32)} of its 16 values.
 * <p>
 * As {@link Q5_KKernel}: each vector of values is decoded in float lanes, one multiply-add from the 3-bit code
 * {@code c} ({@code c * s - 4 s}, exact: {@code s} has at most 17 significant bits) and multiplied into the
 * accumulators in the same pass.
 */
final class Q3_KKernel extends MatrixKernel {
    static final Q3_KKernel INSTANCE = new Q3_KKernel();
    private static final int BLOCK_BYTES = 110;
    private static final int QS = 32;
    private static final int SCALES = 96;
    private static final int D = 108;
    private static final int LOW_NIBBLES = 0x0f0f0f0f, TWO_BITS = 0x03030303;
    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Per-thread room for a super-block's scales in {@link #decodeRow}, which gets no scratch. */
    private static final ThreadLocal<float[]> SCALE_BUFFER = ThreadLocal.withInitial(() -> new float[32]);

    private Q3_KKernel() {
        super(GGMLType.Q3_K, ActivationRounding.Q8_K);
    }

    /**
     * Writes the super-block at {@code o}'s 16 scales times {@code d} to {@code dst[at, at + 16)} and the same times -4
     * to {@code dst[at + 16, at + 32)}: ggml's word shuffle of the 12 packed bytes puts scale j in byte j % 4 of word
     * j / 4. A method of its own, taking and returning no vectors, so that the caller's vector loop stays within the
     * JIT's inlining budget.
     */
    static void scales(MemorySegment w, long o, float[] dst, int at) {
        float d = Float.float16ToFloat(w.get(SHORT_LE, o + D));
        int a0 = w.get(INT_LE, o + SCALES), a1 = w.get(INT_LE, o + SCALES + 4), high = w.get(INT_LE, o + SCALES + 8);
        long first = (a0 & LOW_NIBBLES | (high & TWO_BITS) << 4) & 0xffffffffL | (long) (a1 & LOW_NIBBLES | (high >>> 2 & TWO_BITS) << 4) << 32;
        long second = (a0 >>> 4 & LOW_NIBBLES | (high >>> 4 & TWO_BITS) << 4) & 0xffffffffL | (long) (a1 >>> 4 & LOW_NIBBLES | (high >>> 6 & TWO_BITS) << 4) << 32;
        FloatVector lo = ((FloatVector) KScales.eightBytes(first).convertShape(VectorOperators.B2F, KScales.EIGHT_FLOATS, 0)).sub(32).mul(d);
        FloatVector hi = ((FloatVector) KScales.eightBytes(second).convertShape(VectorOperators.B2F, KScales.EIGHT_FLOATS, 0)).sub(32).mul(d);
        lo.intoArray(dst, at);
        hi.intoArray(dst, at + 8);
        lo.mul(-4).intoArray(dst, at + 16);
        hi.mul(-4).intoArray(dst, at + 24);
    }

    @Override
    float dot(MemorySegment w, long rowOffset, Activations a, int row, int n, float[] scratch) {
        if (!VECTORIZE) return dotByPieces(w, rowOffset, a.values, row * n, n, scratch, 256);
        float[] x = a.values;
        int lanes = F.length();
        FloatVector acc0 = FloatVector.zero(F), acc1 = acc0;
        for (int b = 0; b < n / 256; b++) {
            long o = rowOffset + (long) b * BLOCK_BYTES;
            scales(w, o, scratch, lanes);
            int xb = row * n + 256 * b;
            for (int l = 0; l < 32; l += lanes) {
                IntVector high = widenInts(w, o + l).lanewise(VectorOperators.LSHL, 2); // hmask bit i at bit i + 2
                for (int h = 0; h < 2; h++) {
                    IntVector p = widenInts(w, o + QS + 32 * h + l);
                    for (int k = 0; k < 4; k++) {
                        int j = lanes + 8 * h + 2 * k + l / 16; // the scale of these 16 values, in scratch
                        IntVector c = p.lanewise(VectorOperators.LSHR, 2 * k).and(3).or(high.lanewise(VectorOperators.LSHR, 4 * h + k).and(4));
                        FloatVector v = ((FloatVector) c.convert(VectorOperators.I2F, 0)).fma(scratch[j], scratch[j + 16]);
                        int xi = xb + 128 * h + 32 * k + l;
                        if ((k & 1) == 0) acc0 = v.fma(FloatVector.fromArray(F, x, xi), acc0);
                        else acc1 = v.fma(FloatVector.fromArray(F, x, xi), acc1);
                    }
                }
            }
        }
        acc0.add(acc1).intoArray(scratch, 0);
        return Lanes.sum(scratch, 0, lanes);
    }

    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        if (VECTORIZE) decodeVectors(w, rowOffset, dst, dstOff, n, SCALE_BUFFER.get());
        else Codecs.forType(GGMLType.Q3_K).dequantize(w, rowOffset / BLOCK_BYTES * 256, dst, dstOff, n);
    }

    /**
     * The vector decoding, a method that takes and returns no vectors, as {@link Q4_0Kernel}'s; each super-block's
     * scales go to {@code scales} first.
     */
    private static void decodeVectors(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n, float[] scales) {
        int lanes = F.length();
        for (int b = 0; b < n / 256; b++) {
            long o = rowOffset + (long) b * BLOCK_BYTES;
            scales(w, o, scales, 0);
            int to = dstOff + 256 * b;
            for (int l = 0; l < 32; l += lanes) {
                IntVector high = widenInts(w, o + l).lanewise(VectorOperators.LSHL, 2);
                for (int h = 0; h < 2; h++) {
                    IntVector p = widenInts(w, o + QS + 32 * h + l);
                    for (int k = 0; k < 4; k++) {
                        int j = 8 * h + 2 * k + l / 16;
                        IntVector c = p.lanewise(VectorOperators.LSHR, 2 * k).and(3).or(high.lanewise(VectorOperators.LSHR, 4 * h + k).and(4));
                        ((FloatVector) c.convert(VectorOperators.I2F, 0)).fma(scales[j], scales[j + 16]).intoArray(dst, to + 128 * h + 32 * k + l);
                    }
                }
            }
        }
    }
}
