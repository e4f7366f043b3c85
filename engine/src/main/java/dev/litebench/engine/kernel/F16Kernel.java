package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.GGMLType;

import java.lang.foreign.MemorySegment;

/**
 * Half-precision weights. A row is widened into floats by a plain loop over {@link Float#float16ToFloat}, which the
 * JIT turns into the CPU's half-to-float vector instruction (measured: 80 GB/s of halves per core from L2, four
 * times a widening written with integer Vector API operations, which JDK 25 has no half-precision type to avoid),
 * 256 at a time, each piece multiplied in float while it is still in L1.
 */
final class F16Kernel extends MatrixKernel {
    static final F16Kernel INSTANCE = new F16Kernel();

    private F16Kernel() {
        super(GGMLType.F16, ActivationRounding.F16);
    }

    @Override
    float dot(MemorySegment w, long rowOffset, Activations a, int row, int n, float[] scratch) {
        return dotByPieces(w, rowOffset, a.values, row * n, n, scratch, 256);
    }

    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        // a slice of the row, indexed from zero, is what the JIT's loop vectorizer recognises
        MemorySegment row = w.asSlice(rowOffset, 2L * n);
        for (int i = 0; i < n; i++) dst[dstOff + i] = Float.float16ToFloat(row.getAtIndex(SHORT_LE, i));
    }
}
