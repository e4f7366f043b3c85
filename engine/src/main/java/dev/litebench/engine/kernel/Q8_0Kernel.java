package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.GGMLType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Q8_0: blocks of 32 int8 with an fp16 scale (34 bytes). */
final class Q8_0Kernel extends MatrixKernel {
    static final Q8_0Kernel INSTANCE = new Q8_0Kernel();
    private static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** As many bytes as F has float lanes, so that one load widens into one float vector. */
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(F.length() * 8));

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
                sum += s * Float.float16ToFloat(w.get(F16, o));
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
                FloatVector q = (FloatVector) ByteVector.fromMemorySegment(B, w, o + 2 + j, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                s = q.fma(FloatVector.fromArray(F, x, xo + j), s);
            }
            acc = s.fma(FloatVector.broadcast(F, Float.float16ToFloat(w.get(F16, o))), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        int lanes = F.length();
        for (int b = 0; b < n / 32; b++) {
            long o = rowOffset + b * 34L;
            float d = Float.float16ToFloat(w.get(F16, o));
            int to = dstOff + b * 32;
            if (VECTORIZE) {
                for (int j = 0; j < 32; j += lanes) {
                    ((FloatVector) ByteVector.fromMemorySegment(B, w, o + 2 + j, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.B2F, F, 0)).mul(d).intoArray(dst, to + j);
                }
            } else {
                for (int j = 0; j < 32; j++) dst[to + j] = w.get(ValueLayout.JAVA_BYTE, o + 2 + j) * d;
            }
        }
    }
}
