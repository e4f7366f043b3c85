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
 * Q4_1, Q5_0 and Q5_1: blocks of 32 values with an fp16 scale {@code d}, an fp16 min {@code m} (Q4_1, Q5_1; Q5_0's is
 * {@code -16 d}), for the Q5 types a 32-bit word of fifth bits (bit e for value e), then 16 bytes of low nibbles (byte
 * j: value j low, value j + 16 high). A value is {@code q * d + m}. llama-quantize writes Q5_0 and Q5_1 for the
 * matrices of Q4_K_M and Q5_K_M files whose rows are not a multiple of 256, which is most of Qwen2.5-0.5B's (896).
 * <p>
 * Values are decoded a vector at a time in float lanes, one multiply-add, and multiplied into the accumulators in the
 * same pass, as {@link Q5_KKernel} does. {@code q * d} needs at most 16 significant bits, so it is exact in float and
 * the multiply-add rounds once, as the reference codec's {@code q * d + m} does: decoded rows are identical to it.
 */
final class Block32Kernel extends MatrixKernel {
    static final Block32Kernel Q4_1 = new Block32Kernel(GGMLType.Q4_1, 2, -1, 4);
    static final Block32Kernel Q5_0 = new Block32Kernel(GGMLType.Q5_0, -1, 2, 6);
    static final Block32Kernel Q5_1 = new Block32Kernel(GGMLType.Q5_1, 2, 4, 8);
    /** Lane i holds i: the shift that brings lane i's fifth bit down. */
    private static final IntVector LANE = IntVector.zero(INTS).addIndex(1);

    private final TypeCodec codec;
    /** Byte offsets in a block of the min (-1: none, the min is -16 d), the fifth bits (-1: none) and the nibbles. */
    private final int minAt, bitsAt, nibblesAt;

    private Block32Kernel(GGMLType type, int minAt, int bitsAt, int nibblesAt) {
        super(type, ActivationRounding.Q8_0);
        this.codec = Codecs.forType(type);
        this.minAt = minAt;
        this.bitsAt = bitsAt;
        this.nibblesAt = nibblesAt;
    }

    @Override
    float dot(MemorySegment w, long rowOffset, Activations a, int row, int n, float[] scratch) {
        if (!VECTORIZE) return dotByPieces(w, rowOffset, a.values, row * n, n, scratch, 256);
        return dot(w, rowOffset, a.values, row * n, n, scratch, type.blockBytes, minAt, bitsAt, nibblesAt);
    }

    private static float dot(MemorySegment w, long rowOffset, float[] x, int xOff, int n, float[] scratch,
                             int blockBytes, int minAt, int bitsAt, int nibblesAt) {
        int lanes = F.length();
        FloatVector acc0 = FloatVector.zero(F), acc1 = acc0;
        for (int b = 0; b < n / 32; b++) {
            long o = rowOffset + (long) b * blockBytes;
            float d = Float.float16ToFloat(w.get(SHORT_LE, o));
            FloatVector dv = FloatVector.broadcast(F, d);
            FloatVector mv = FloatVector.broadcast(F, minAt < 0 ? -16 * d : Float.float16ToFloat(w.get(SHORT_LE, o + minAt)));
            int bits = bitsAt < 0 ? 0 : w.get(INT_LE, o + bitsAt);
            int k = xOff + 32 * b;
            for (int j = 0; j < 16; j += lanes) {
                IntVector p = widenInts(w, o + nibblesAt + j);
                IntVector lo = p.and(0xf), hi = p.lanewise(VectorOperators.LSHR, 4);
                if (bitsAt >= 0) {
                    lo = lo.or(IntVector.broadcast(INTS, bits >>> j << 4).lanewise(VectorOperators.LSHR, LANE).and(16));
                    hi = hi.or(IntVector.broadcast(INTS, bits >>> 16 + j << 4).lanewise(VectorOperators.LSHR, LANE).and(16));
                }
                acc0 = ((FloatVector) lo.convert(VectorOperators.I2F, 0)).fma(dv, mv).fma(FloatVector.fromArray(F, x, k + j), acc0);
                acc1 = ((FloatVector) hi.convert(VectorOperators.I2F, 0)).fma(dv, mv).fma(FloatVector.fromArray(F, x, k + 16 + j), acc1);
            }
        }
        acc0.add(acc1).intoArray(scratch, 0);
        return Lanes.sum(scratch, 0, lanes);
    }

    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        if (VECTORIZE) decodeVectors(w, rowOffset, dst, dstOff, n, type.blockBytes, minAt, bitsAt, nibblesAt);
        else codec.dequantize(w, rowOffset / type.blockBytes * 32, dst, dstOff, n);
    }

    /**
     * The vector decoding, a method that takes and returns no vectors, as {@link Q4_0Kernel}'s; its vector operations
     * are written out rather than shared with {@link #dot} through a helper taking vectors, which ran boxed in the tile
     * path (18 KiB per row at batch 8, {@code KernelAllocationTest}).
     */
    private static void decodeVectors(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n,
                                      int blockBytes, int minAt, int bitsAt, int nibblesAt) {
        int lanes = F.length();
        for (int b = 0; b < n / 32; b++) {
            long o = rowOffset + (long) b * blockBytes;
            float d = Float.float16ToFloat(w.get(SHORT_LE, o));
            FloatVector dv = FloatVector.broadcast(F, d);
            FloatVector mv = FloatVector.broadcast(F, minAt < 0 ? -16 * d : Float.float16ToFloat(w.get(SHORT_LE, o + minAt)));
            int bits = bitsAt < 0 ? 0 : w.get(INT_LE, o + bitsAt);
            int to = dstOff + 32 * b;
            for (int j = 0; j < 16; j += lanes) {
                IntVector p = (IntVector) ByteVector.fromMemorySegment(BYTES, w, o + nibblesAt + j, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0);
                IntVector lo = p.and(0xf), hi = p.lanewise(VectorOperators.LSHR, 4);
                if (bitsAt >= 0) {
                    lo = lo.or(IntVector.broadcast(INTS, bits >>> j << 4).lanewise(VectorOperators.LSHR, LANE).and(16));
                    hi = hi.or(IntVector.broadcast(INTS, bits >>> 16 + j << 4).lanewise(VectorOperators.LSHR, LANE).and(16));
                }
                ((FloatVector) lo.convert(VectorOperators.I2F, 0)).fma(dv, mv).intoArray(dst, to + j);
                ((FloatVector) hi.convert(VectorOperators.I2F, 0)).fma(dv, mv).intoArray(dst, to + 16 + j);
            }
        }
    }
}
