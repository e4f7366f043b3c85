package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.GGMLType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Q8_0: blocks of 32 int8 with an fp16 scale (34 bytes). */
final class Q8_0Kernel extends MatrixKernel {
    static final Q8_0Kernel INSTANCE = new Q8_0Kernel();

    private Q8_0Kernel() {
        super(GGMLType.Q8_0, ActivationRounding.Q8_0);
    }

    @Override
    float dot(MemorySegment w, long rowOffset, float[] x, int xOff, int n, float[] scratch) {
        int blocks = n / 32;
        if (!VECTORIZE) {
            float sum = 0;
            for (int b = 0; b < blocks; b++) {
                long o = rowOffset + b * 34L;
                float s = 0;
                for (int j = 0; j < 32; j++) s += w.get(ValueLayout.JAVA_BYTE, o + 2 + j) * x[xOff + b * 32 + j];
                sum += s * Float.float16ToFloat(w.get(SHORT_LE, o));
            }
            return sum;
        }
        int lanes = F.length();
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long o = rowOffset + b * 34L;
            int xo = xOff + b * 32;
            FloatVector s = FloatVector.zero(F);
            for (int j = 0; j < 32; j += lanes) {
                FloatVector q = (FloatVector) ByteVector.fromMemorySegment(BYTES, w, o + 2 + j, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                s = q.fma(FloatVector.fromArray(F, x, xo + j), s);
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
        int x1 = x0 + (count > 1 ? n : 0);
        int x2 = x0 + (count > 2 ? 2 * n : 0);
        int x3 = x0 + (count > 3 ? 3 * n : 0);
        FloatVector acc0 = FloatVector.zero(F), acc1 = FloatVector.zero(F), acc2 = FloatVector.zero(F), acc3 = FloatVector.zero(F);
        for (int b = 0; b < n / 32; b++) {
            long o = rowOffset + b * 34L;
            int xo = b * 32;
            FloatVector s0 = FloatVector.zero(F), s1 = FloatVector.zero(F), s2 = FloatVector.zero(F), s3 = FloatVector.zero(F);
            for (int j = 0; j < 32; j += lanes) {
                FloatVector q = (FloatVector) ByteVector.fromMemorySegment(BYTES, w, o + 2 + j, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                s0 = q.fma(FloatVector.fromArray(F, x, x0 + xo + j), s0);
                s1 = q.fma(FloatVector.fromArray(F, x, x1 + xo + j), s1);
                s2 = q.fma(FloatVector.fromArray(F, x, x2 + xo + j), s2);
                s3 = q.fma(FloatVector.fromArray(F, x, x3 + xo + j), s3);
            }
            FloatVector d = FloatVector.broadcast(F, Float.float16ToFloat(w.get(SHORT_LE, o)));
            acc0 = s0.fma(d, acc0);
            acc1 = s1.fma(d, acc1);
            acc2 = s2.fma(d, acc2);
            acc3 = s3.fma(d, acc3);
        }
        // rows past count repeat row b0 (x offsets above): computed but not stored
        out[b0 * outStride + outIndex] = Lanes.sum(acc0);
        if (count > 1) out[(b0 + 1) * outStride + outIndex] = Lanes.sum(acc1);
        if (count > 2) out[(b0 + 2) * outStride + outIndex] = Lanes.sum(acc2);
        if (count > 3) out[(b0 + 3) * outStride + outIndex] = Lanes.sum(acc3);
    }

    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        int lanes = F.length();
        for (int b = 0; b < n / 32; b++) {
            long o = rowOffset + b * 34L;
            float d = Float.float16ToFloat(w.get(SHORT_LE, o));
            int to = dstOff + b * 32;
            if (VECTORIZE) {
                for (int j = 0; j < 32; j += lanes) {
                    ((FloatVector) ByteVector.fromMemorySegment(BYTES, w, o + 2 + j, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.B2F, F, 0)).mul(d).intoArray(dst, to + j);
                }
            } else {
                for (int j = 0; j < 32; j++) dst[to + j] = w.get(ValueLayout.JAVA_BYTE, o + 2 + j) * d;
            }
        }
    }
}
