package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.Codecs;
import dev.litebench.engine.tensor.GGMLType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Q6_K: super-blocks of 256 six-bit values (210 bytes): 128 bytes of low nibbles, 64 bytes of high bit pairs, 16
 * signed 8-bit scales (one per 16 values) and an fp16 scale. Each half of 128 values uses 64 low-nibble bytes and
 * 32 high-bit bytes: for l in [0, 32), values l, l+32, l+64 and l+96 take the low or high nibble of byte l or l+32
 * and bit pair 0, 1, 2 or 3 of high byte l, minus 32. Llama.cpp keeps the embedding of Q4_0 and Q4_K models in
 * this type, and the embedding is also the output matrix, so its speed decides decode speed for those files.
 */
final class Q6_KKernel extends MatrixKernel {
    static final Q6_KKernel INSTANCE = new Q6_KKernel();
    private static final int BLOCK_BYTES = 210;

    private Q6_KKernel() {
        super(GGMLType.Q6_K, ActivationRounding.Q8_K);
    }

    /**
     * Decodes the row with the vector decoder and multiplies it in float while it is in L1: measured faster than a
     * fused product, whose body grew too large for the JIT to keep every vector in registers.
     */
    @Override
    float dot(MemorySegment w, long rowOffset, Activations a, int row, int n, float[] scratch) {
        return dotByPieces(w, rowOffset, a.values, row * n, n, scratch, 256);
    }

    /** The six-bit values (nibble | bit pair at {@code shift} of h << 4) - 32, as floats. */
    private static FloatVector values(ByteVector nibble, ByteVector h, int shift) {
        ByteVector q = nibble.or(h.lanewise(VectorOperators.LSHR, shift).and((byte) 3).lanewise(VectorOperators.LSHL, 4)).sub((byte) 32);
        return (FloatVector) q.convertShape(VectorOperators.B2F, F, 0);
    }

    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        if (!VECTORIZE) {
            Codecs.forType(GGMLType.Q6_K).dequantize(w, rowOffset / BLOCK_BYTES * 256, dst, dstOff, n);
            return;
        }
        int lanes = F.length();
        for (int b = 0; b < n / 256; b++) {
            long o = rowOffset + (long) b * BLOCK_BYTES;
            float d = Float.float16ToFloat(w.get(SHORT_LE, o + 208));
            for (int half = 0; half < 2; half++) {
                long ql = o + half * 64L;
                long qh = o + 128 + half * 32L;
                long sc = o + 192 + half * 8L;
                int to = dstOff + b * 256 + half * 128;
                for (int l = 0; l < 32; l += lanes) {
                    int is = l / 16;
                    ByteVector lo = ByteVector.fromMemorySegment(BYTES, w, ql + l, ByteOrder.LITTLE_ENDIAN);
                    ByteVector hi = ByteVector.fromMemorySegment(BYTES, w, ql + 32 + l, ByteOrder.LITTLE_ENDIAN);
                    ByteVector h = ByteVector.fromMemorySegment(BYTES, w, qh + l, ByteOrder.LITTLE_ENDIAN);
                    values(lo.and((byte) 0xf), h, 0).mul(d * w.get(ValueLayout.JAVA_BYTE, sc + is)).intoArray(dst, to + l);
                    values(hi.and((byte) 0xf), h, 2).mul(d * w.get(ValueLayout.JAVA_BYTE, sc + is + 2)).intoArray(dst, to + 32 + l);
                    values(lo.lanewise(VectorOperators.LSHR, 4), h, 4).mul(d * w.get(ValueLayout.JAVA_BYTE, sc + is + 4)).intoArray(dst, to + 64 + l);
                    values(hi.lanewise(VectorOperators.LSHR, 4), h, 6).mul(d * w.get(ValueLayout.JAVA_BYTE, sc + is + 6)).intoArray(dst, to + 96 + l);
                }
            }
        }
    }
}
