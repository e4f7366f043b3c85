package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.Codecs;
import dev.litebench.engine.tensor.GGMLType;
import dev.litebench.engine.tensor.TypeCodec;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Q2_K and Q3_K, the low-bit types of llama.cpp's Q2_K and Q3_K_S/M/L files: super-blocks of 256 values whose low 2
 * bits are laid out alike: value 128h + 32k + l (h = 0, 1; k = 0..3; l = 0..31) is bits 2k..2k+1 of qs[32h + l], and
 * each 16 values (sub-block 8h + 2k + l / 16) share a scale.
 * <ul>
 *   <li>Q2_K (84 bytes): 16 bytes of 4-bit scale (low nibble) and min (high nibble), 64 bytes qs, fp16 {@code d} and
 *       {@code dmin}; a value is {@code d * scale * q - dmin * min}.</li>
 *   <li>Q3_K (110 bytes): 32 bytes {@code hmask}, 64 bytes qs, 12 bytes packing sixteen 6-bit scales, fp16 {@code d};
 *       a value is {@code d * (scale - 32) * (q - 4)}, with 4 added back where bit 4h + k of hmask[l] is set.</li>
 * </ul>
 * As {@link Q5_KKernel}: a super-block's scales and offsets go to scratch first ({@code d * scale} and
 * {@code -dmin * min}, or {@code -4 d (scale - 32)}), then each vector of values is decoded in float lanes, one
 * multiply-add from its 2- or 3-bit code, and multiplied into the accumulators in the same pass. Every product there is
 * exact in float, so decoded rows equal the reference codec's. (A class per type, without the flag, measured the same:
 * 38-40 us per 256 x 1024 Q3_K product either way, JMH, four forks.)
 */
final class LowBitKKernel extends MatrixKernel {
    static final LowBitKKernel Q2_K = new LowBitKKernel(GGMLType.Q2_K);
    static final LowBitKKernel Q3_K = new LowBitKKernel(GGMLType.Q3_K);
    private static final int LOW_NIBBLES = 0x0f0f0f0f, TWO_BITS = 0x03030303;

    private final TypeCodec codec;
    private final boolean q3;

    private LowBitKKernel(GGMLType type) {
        super(type, ActivationRounding.Q8_K);
        this.codec = Codecs.forType(type);
        this.q3 = type == GGMLType.Q3_K;
    }

    /**
     * Writes the super-block at {@code o}'s 16 sub-block scales to {@code dst[at, at + 16)} and their offsets to
     * {@code dst[at + 16, at + 32)}: value q of sub-block j is {@code dst[at + j] * q + dst[at + 16 + j]}. A method of
     * its own, taking and returning no vectors, so that the caller's vector loop stays within the JIT's inlining budget.
     */
    private static void scales(MemorySegment w, long o, boolean q3, float[] dst, int at) {
        if (q3) {
            // ggml's word shuffle of the 12 packed bytes: scale j in byte j % 4 of word j / 4
            float d = Float.float16ToFloat(w.get(SHORT_LE, o + 108));
            int a0 = w.get(INT_LE, o + 96), a1 = w.get(INT_LE, o + 100), high = w.get(INT_LE, o + 104);
            long first = (a0 & LOW_NIBBLES | (high & TWO_BITS) << 4) & 0xffffffffL | (long) (a1 & LOW_NIBBLES | (high >>> 2 & TWO_BITS) << 4) << 32;
            long second = (a0 >>> 4 & LOW_NIBBLES | (high >>> 4 & TWO_BITS) << 4) & 0xffffffffL | (long) (a1 >>> 4 & LOW_NIBBLES | (high >>> 6 & TWO_BITS) << 4) << 32;
            FloatVector lo = ((FloatVector) IntVector.zero(KScales.PAIR).withLane(0, (int) first).withLane(1, (int) (first >>> 32)).reinterpretAsBytes().convertShape(VectorOperators.B2F, KScales.EIGHT_FLOATS, 0)).sub(32).mul(d);
            FloatVector hi = ((FloatVector) IntVector.zero(KScales.PAIR).withLane(0, (int) second).withLane(1, (int) (second >>> 32)).reinterpretAsBytes().convertShape(VectorOperators.B2F, KScales.EIGHT_FLOATS, 0)).sub(32).mul(d);
            lo.intoArray(dst, at);
            hi.intoArray(dst, at + 8);
            lo.mul(-4).intoArray(dst, at + 16);
            hi.mul(-4).intoArray(dst, at + 24);
        } else {
            float d = Float.float16ToFloat(w.get(SHORT_LE, o + 80)), dmin = -Float.float16ToFloat(w.get(SHORT_LE, o + 82));
            for (int half = 0; half < 16; half += 8) {
                ByteVector packed = ByteVector.fromMemorySegment(ByteVector.SPECIES_64, w, o + half, ByteOrder.LITTLE_ENDIAN);
                ((FloatVector) packed.and((byte) 0xf).convertShape(VectorOperators.B2F, KScales.EIGHT_FLOATS, 0)).mul(d).intoArray(dst, at + half);
                ((FloatVector) packed.lanewise(VectorOperators.LSHR, 4).convertShape(VectorOperators.B2F, KScales.EIGHT_FLOATS, 0)).mul(dmin).intoArray(dst, at + 16 + half);
            }
        }
    }

    @Override
    float dot(MemorySegment w, long rowOffset, Activations a, int row, int n, float[] scratch) {
        if (!VECTORIZE) return dotByPieces(w, rowOffset, a.values, row * n, n, scratch, 256);
        return dot(w, rowOffset, a.values, row * n, n, scratch, q3);
    }

    private static float dot(MemorySegment w, long rowOffset, float[] x, int xOff, int n, float[] scratch, boolean q3) {
        int lanes = F.length();
        int blockBytes = q3 ? 110 : 84, quants = q3 ? 32 : 16;
        FloatVector acc0 = FloatVector.zero(F), acc1 = acc0;
        for (int b = 0; b < n / 256; b++) {
            long o = rowOffset + (long) b * blockBytes;
            scales(w, o, q3, scratch, lanes);
            int xb = xOff + 256 * b;
            for (int l = 0; l < 32; l += lanes) {
                // hmask bit i at bit i + 2; zeros, not null, for Q2_K: a vector merged with null is boxed once both types have run
                IntVector high = q3 ? widenInts(w, o + l).lanewise(VectorOperators.LSHL, 2) : IntVector.zero(INTS);
                for (int h = 0; h < 2; h++) {
                    IntVector p = widenInts(w, o + quants + 32 * h + l);
                    for (int k = 0; k < 4; k++) {
                        int j = lanes + 8 * h + 2 * k + l / 16; // the scale of these values, in scratch
                        IntVector c = p.lanewise(VectorOperators.LSHR, 2 * k).and(3);
                        if (q3) c = c.or(high.lanewise(VectorOperators.LSHR, 4 * h + k).and(4));
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
        if (VECTORIZE) decodeVectors(w, rowOffset, dst, dstOff, n, q3, DECODE_SCALES.get());
        else codec.dequantize(w, rowOffset / type.blockBytes * 256, dst, dstOff, n);
    }

    /** The vector decoding, a method that takes and returns no vectors, as {@link Q4_0Kernel}'s. */
    private static void decodeVectors(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n, boolean q3, float[] scales) {
        int lanes = F.length();
        int blockBytes = q3 ? 110 : 84, quants = q3 ? 32 : 16;
        for (int b = 0; b < n / 256; b++) {
            long o = rowOffset + (long) b * blockBytes;
            scales(w, o, q3, scales, 0);
            int to = dstOff + 256 * b;
            for (int l = 0; l < 32; l += lanes) {
                IntVector high = q3 ? ((IntVector) ByteVector.fromMemorySegment(BYTES, w, o + l, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0)).lanewise(VectorOperators.LSHL, 2) : IntVector.zero(INTS);
                for (int h = 0; h < 2; h++) {
                    IntVector p = (IntVector) ByteVector.fromMemorySegment(BYTES, w, o + quants + 32 * h + l, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0);
                    for (int k = 0; k < 4; k++) {
                        int j = 8 * h + 2 * k + l / 16;
                        IntVector c = p.lanewise(VectorOperators.LSHR, 2 * k).and(3);
                        if (q3) c = c.or(high.lanewise(VectorOperators.LSHR, 4 * h + k).and(4));
                        ((FloatVector) c.convert(VectorOperators.I2F, 0)).fma(scales[j], scales[j + 16]).intoArray(dst, to + 128 * h + 32 * k + l);
                    }
                }
            }
        }
    }
}
