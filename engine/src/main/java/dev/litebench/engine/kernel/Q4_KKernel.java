package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.Codecs;
import dev.litebench.engine.tensor.GGMLType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Q4_K, the weight type of llama.cpp's Q4_K_M and Q4_K_S files: super-blocks of 256 four-bit values (144 bytes): fp16
 * {@code d} and {@code dmin}, 12 bytes packing a 6-bit scale and min for each of the 8 sub-blocks of 32, then 128
 * bytes of nibbles. Bytes l of each 32-byte chunk c hold value 64c + l (sub-block 2c) in the low nibble and 64c + 32 + l
 * (sub-block 2c + 1) in the high one; a value is {@code d * scale * q - dmin * min}.
 */
final class Q4_KKernel extends MatrixKernel {
    static final Q4_KKernel INSTANCE = new Q4_KKernel();
    private static final int BLOCK_BYTES = 144;

    private Q4_KKernel() {
        super(GGMLType.Q4_K, ActivationRounding.Q8_K);
    }

    /**
     * Ggml's product with a Q8_K activation row: each sub-block's nibbles times the int8 activations in integers,
     * summed in pairs ({@link #sumPairs}; a pair is at most 2 * 15 * 127), then multiplied in float by the
     * sub-block's scale times {@code d} and the activations' scale. A first pass over the row works those products
     * out into {@code scratch} (after the lane sums' 16 floats), and the mins' share, through the activations' sums
     * per sub-block ({@link Activations#blockSums}), as one number: the vector loop then reads each scale with a
     * broadcast load, with no bit work between its multiplies.
     */
    @Override
    float dot(MemorySegment w, long rowOffset, Activations a, int row, int n, float[] scratch) {
        if (!VECTORIZE) return dotByPieces(w, rowOffset, a.values, row * n, n, scratch, 256);
        int blocks = n / 256;
        int first = row * blocks; // the row's first super-block among the activations'
        int lanes = F.length();
        float mins = 0;
        for (int b = 0; b < blocks; b++) mins += KScales.prepare(w, rowOffset + (long) b * BLOCK_BYTES, a, first + b, scratch, lanes + 8 * b);
        short[] q = a.quants;
        int step = SHORTS.length();
        FloatVector acc0 = FloatVector.zero(F), acc1 = acc0;
        int x0 = first * 256;
        for (int ch = 0; ch < n / 64; ch++) { // 64 values: 32 bytes whose nibbles are sub-blocks 2ch and 2ch + 1
            long o = rowOffset + (long) (ch >> 2) * BLOCK_BYTES + 16 + 32 * (ch & 3);
            FloatVector s0 = FloatVector.broadcast(F, scratch[lanes + 2 * ch]);
            FloatVector s1 = FloatVector.broadcast(F, scratch[lanes + 2 * ch + 1]);
            for (int l = 0; l < 32; l += step) {
                ShortVector z = widen(w, o + l);
                int k = x0 + 64 * ch + l;
                acc0 = sumPairs(z.and((short) 0xf).mul(ShortVector.fromArray(SHORTS, q, k))).fma(s0, acc0);
                acc1 = sumPairs(z.lanewise(VectorOperators.LSHR, 4).mul(ShortVector.fromArray(SHORTS, q, k + 32))).fma(s1, acc1);
            }
        }
        acc0.add(acc1).intoArray(scratch, 0);
        return Lanes.sum(scratch, 0, lanes) - mins;
    }

    /** Decodes exactly as the reference codec does: {@code (d * scale) * q - dmin * min}, two roundings. */
    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        if (!VECTORIZE) {
            Codecs.forType(GGMLType.Q4_K).dequantize(w, rowOffset / BLOCK_BYTES * 256, dst, dstOff, n);
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
                long q = o + 16 + 32L * c;
                int to = dstOff + b * 256 + 64 * c;
                for (int l = 0; l < 32; l += lanes) {
                    IntVector p = (IntVector) ByteVector.fromMemorySegment(BYTES, w, q + l, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0);
                    ((FloatVector) p.and(0xf).convert(VectorOperators.I2F, 0)).mul(s0).sub(m0).intoArray(dst, to + l);
                    ((FloatVector) p.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).mul(s1).sub(m1).intoArray(dst, to + 32 + l);
                }
            }
        }
    }
}
