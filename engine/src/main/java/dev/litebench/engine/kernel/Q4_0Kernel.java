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

/**
 * Q4_0: blocks of 32 four-bit values with an fp16 scale (18 bytes); byte j holds element j in its low nibble and
 * element j + 16 in its high nibble, each stored with an offset of 8.
 */
final class Q4_0Kernel extends MatrixKernel {
    static final Q4_0Kernel INSTANCE = new Q4_0Kernel();
    private static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(F.length() * 8));

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
                sum += s * Float.float16ToFloat(w.get(F16, o));
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
                ByteVector packed = ByteVector.fromMemorySegment(B, w, o + 2 + j, ByteOrder.LITTLE_ENDIAN);
                FloatVector lo = (FloatVector) packed.and((byte) 0xf).sub((byte) 8).convertShape(VectorOperators.B2F, F, 0);
                FloatVector hi = (FloatVector) packed.lanewise(VectorOperators.LSHR, 4).sub((byte) 8).convertShape(VectorOperators.B2F, F, 0);
                s = lo.fma(FloatVector.fromArray(F, x, xo + j), s);
                s = hi.fma(FloatVector.fromArray(F, x, xo + 16 + j), s);
            }
            acc = s.fma(FloatVector.broadcast(F, Float.float16ToFloat(w.get(F16, o))), acc);
        }
        return Lanes.sum(acc);
    }

    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        for (int b = 0; b < n / 32; b++) {
            long o = rowOffset + b * 18L;
            float d = Float.float16ToFloat(w.get(F16, o));
            int to = dstOff + b * 32;
            for (int j = 0; j < 16; j++) {
                int v = w.get(ValueLayout.JAVA_BYTE, o + 2 + j);
                dst[to + j] = ((v & 0xf) - 8) * d;
                dst[to + j + 16] = (((v >> 4) & 0xf) - 8) * d;
            }
        }
    }
}
