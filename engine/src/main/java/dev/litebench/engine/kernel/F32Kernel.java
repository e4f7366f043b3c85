package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.GGMLType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

final class F32Kernel extends MatrixKernel {
    static final F32Kernel INSTANCE = new F32Kernel();
    private static final ValueLayout.OfFloat LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private F32Kernel() {
        super(GGMLType.F32, ActivationRounding.NONE);
    }

    @Override
    float dot(MemorySegment w, long rowOffset, Activations a, int row, int n, float[] scratch) {
        float[] x = a.values;
        int xOff = row * n;
        int i = 0;
        float sum = 0;
        if (VECTORIZE) {
            FloatVector acc = FloatVector.zero(F);
            for (; i + F.length() <= n; i += F.length()) {
                FloatVector wv = FloatVector.fromMemorySegment(F, w, rowOffset + i * 4L, ByteOrder.LITTLE_ENDIAN);
                acc = wv.fma(FloatVector.fromArray(F, x, xOff + i), acc);
            }
            acc.intoArray(scratch, 0); // summed from memory: no vector crosses a call (Q4_0Kernel's class comment)
            sum = Lanes.sum(scratch, 0, F.length());
        }
        for (; i < n; i++) sum += w.get(LE, rowOffset + i * 4L) * x[xOff + i];
        return sum;
    }

    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        MemorySegment.copy(w, LE, rowOffset, dst, dstOff, n);
    }
}
