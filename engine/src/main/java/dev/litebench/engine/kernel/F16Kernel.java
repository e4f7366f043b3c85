package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.GGMLType;
import jdk.incubator.vector.FloatVector;

import java.lang.foreign.MemorySegment;

/**
 * Half-precision weights. A row is widened into floats by a plain loop over {@link Float#float16ToFloat}, which the
 * JIT turns into the CPU's half-to-float vector instruction (measured: 80 GB/s of halves per core from L2, four
 * times a widening written with integer Vector API operations, which JDK 25 has no half-precision type to avoid),
 * then multiplied in float while it is still in L1 or L2.
 */
final class F16Kernel extends MatrixKernel {
    static final F16Kernel INSTANCE = new F16Kernel();
    private static final int PIECE = 256;

    private F16Kernel() {
        super(GGMLType.F16, ActivationRounding.F16);
    }

    @Override
    float dot(MemorySegment w, long rowOffset, Activations a, int row, int n, float[] scratch) {
        if (!VECTORIZE || n % (4 * F.length()) != 0) return dotByPieces(w, rowOffset, a.values, row * n, n, scratch, PIECE);
        // Written out rather than through dotByPieces (a virtual decodeRow call per piece). The whole row is widened
        // in one loop, then multiplied with four accumulators: decode of the F16 Qwen3-0.6B shapes, EPYC VM, 15.4-16.1
        // -> 19.9-20.9 tok/s against 256-element pieces. The mapping is read at absolute offsets: a slice per piece
        // was an object per 512 bytes that C2 did not scalar-replace (a young collection every ~0.3 s of decode).
        float[] x = a.values;
        int xOff = row * n;
        int lanes = F.length();
        FloatVector acc0 = FloatVector.zero(F), acc1 = acc0, acc2 = acc0, acc3 = acc0;
        for (int i = 0; i < n; i++) scratch[i] = Float.float16ToFloat(w.get(SHORT_LE, rowOffset + 2L * i));
        for (int i = 0; i < n; i += 4 * lanes) {
            acc0 = FloatVector.fromArray(F, scratch, i).fma(FloatVector.fromArray(F, x, xOff + i), acc0);
            acc1 = FloatVector.fromArray(F, scratch, i + lanes).fma(FloatVector.fromArray(F, x, xOff + i + lanes), acc1);
            acc2 = FloatVector.fromArray(F, scratch, i + 2 * lanes).fma(FloatVector.fromArray(F, x, xOff + i + 2 * lanes), acc2);
            acc3 = FloatVector.fromArray(F, scratch, i + 3 * lanes).fma(FloatVector.fromArray(F, x, xOff + i + 3 * lanes), acc3);
        }
        acc0 = acc0.add(acc2);
        acc1 = acc1.add(acc3);
        acc0.add(acc1).intoArray(scratch, 0);
        return Lanes.sum(scratch, 0, F.length());
    }

    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) dst[dstOff + i] = Float.float16ToFloat(w.get(SHORT_LE, rowOffset + 2L * i));
    }
}
