package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.GGMLType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Q4_0: blocks of 32 four-bit values with an fp16 scale (18 bytes); byte j holds element j in its low nibble and
 * element j + 16 in its high nibble, each stored with an offset of 8.
 */
final class Q4_0Kernel extends MatrixKernel {
    static final Q4_0Kernel INSTANCE = new Q4_0Kernel();

    private Q4_0Kernel() {
        super(GGMLType.Q4_0, ActivationRounding.Q8_0);
    }

    @Override
    float dot(MemorySegment w, long rowOffset, float[] x, int xOff, int n, float[] scratch) {
        int blocks = n / 32;
        if (!VECTORIZE) {
            float sum = 0;
            for (int b = 0; b < blocks; b++) {
                long o = rowOffset + b * 18L;
                float s = 0;
                for (int j = 0; j < 16; j++) {
                    int v = w.get(ValueLayout.JAVA_BYTE, o + 2 + j);
                    s += ((v & 0xf) - 8) * x[xOff + b * 32 + j] + (((v >> 4) & 0xf) - 8) * x[xOff + b * 32 + j + 16];
                }
                sum += s * Float.float16ToFloat(w.get(SHORT_LE, o));
            }
            return sum;
        }
        int lanes = F.length();
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long o = rowOffset + b * 18L;
            int xo = xOff + b * 32;
            FloatVector s = FloatVector.zero(F);
            for (int j = 0; j < 16; j += lanes) {
                ByteVector packed = ByteVector.fromMemorySegment(BYTES, w, o + 2 + j, ByteOrder.LITTLE_ENDIAN);
                FloatVector lo = (FloatVector) packed.and((byte) 0xf).sub((byte) 8).convertShape(VectorOperators.B2F, F, 0);
                FloatVector hi = (FloatVector) packed.lanewise(VectorOperators.LSHR, 4).sub((byte) 8).convertShape(VectorOperators.B2F, F, 0);
                s = lo.fma(FloatVector.fromArray(F, x, xo + j), s);
                s = hi.fma(FloatVector.fromArray(F, x, xo + 16 + j), s);
            }
            acc = s.fma(FloatVector.broadcast(F, Float.float16ToFloat(w.get(SHORT_LE, o))), acc);
        }
        return Lanes.sum(acc);
    }

    @Override
    void dotRows(MemorySegment w, long rowOffset, float[] x, int n, int b0, int count, float[] out, int outIndex, int outStride, float[] scratch) {
        if (!VECTORIZE || count == 1) {
            super.dotRows(w, rowOffset, x, n, b0, count, out, outIndex, outStride, scratch);
            return;
        }
        int lanes = F.length();
        int x0 = b0 * n;
        int x1 = x0 + (count > 1 ? n : 0); // rows past count repeat row b0: computed, not stored
        int x2 = x0 + (count > 2 ? 2 * n : 0);
        int x3 = x0 + (count > 3 ? 3 * n : 0);
        FloatVector acc0 = FloatVector.zero(F), acc1 = FloatVector.zero(F), acc2 = FloatVector.zero(F), acc3 = FloatVector.zero(F);
        for (int b = 0; b < n / 32; b++) {
            long o = rowOffset + b * 18L;
            int xo = b * 32;
            FloatVector s0 = FloatVector.zero(F), s1 = FloatVector.zero(F), s2 = FloatVector.zero(F), s3 = FloatVector.zero(F);
            for (int j = 0; j < 16; j += lanes) {
                ByteVector packed = ByteVector.fromMemorySegment(BYTES, w, o + 2 + j, ByteOrder.LITTLE_ENDIAN);
                FloatVector lo = (FloatVector) packed.and((byte) 0xf).sub((byte) 8).convertShape(VectorOperators.B2F, F, 0);
                FloatVector hi = (FloatVector) packed.lanewise(VectorOperators.LSHR, 4).sub((byte) 8).convertShape(VectorOperators.B2F, F, 0);
                int lo0 = xo + j, hi0 = xo + 16 + j;
                s0 = hi.fma(FloatVector.fromArray(F, x, x0 + hi0), lo.fma(FloatVector.fromArray(F, x, x0 + lo0), s0));
                s1 = hi.fma(FloatVector.fromArray(F, x, x1 + hi0), lo.fma(FloatVector.fromArray(F, x, x1 + lo0), s1));
                s2 = hi.fma(FloatVector.fromArray(F, x, x2 + hi0), lo.fma(FloatVector.fromArray(F, x, x2 + lo0), s2));
                s3 = hi.fma(FloatVector.fromArray(F, x, x3 + hi0), lo.fma(FloatVector.fromArray(F, x, x3 + lo0), s3));
            }
            FloatVector d = FloatVector.broadcast(F, Float.float16ToFloat(w.get(SHORT_LE, o)));
            acc0 = s0.fma(d, acc0);
            acc1 = s1.fma(d, acc1);
            acc2 = s2.fma(d, acc2);
            acc3 = s3.fma(d, acc3);
        }
        out[b0 * outStride + outIndex] = Lanes.sum(acc0);
        if (count > 1) out[(b0 + 1) * outStride + outIndex] = Lanes.sum(acc1);
        if (count > 2) out[(b0 + 2) * outStride + outIndex] = Lanes.sum(acc2);
        if (count > 3) out[(b0 + 3) * outStride + outIndex] = Lanes.sum(acc3);
    }

    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        for (int b = 0; b < n / 32; b++) {
            long o = rowOffset + b * 18L;
            float d = Float.float16ToFloat(w.get(SHORT_LE, o));
            int to = dstOff + b * 32;
            for (int j = 0; j < 16; j++) {
                int v = w.get(ValueLayout.JAVA_BYTE, o + 2 + j);
                dst[to + j] = ((v & 0xf) - 8) * d;
                dst[to + j + 16] = (((v >> 4) & 0xf) - 8) * d;
            }
        }
    }
}
