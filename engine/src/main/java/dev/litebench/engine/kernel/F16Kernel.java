package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.GGMLType;
import jdk.incubator.vector.FloatVector;

import java.lang.foreign.MemorySegment;

/**
 * Half-precision weights. A row is widened into floats by a plain loop over {@link Float#float16ToFloat}, which the
 * JIT turns into the CPU's half-to-float vector instruction (measured: 80 GB/s of halves per core from L2, four
 * times a widening written with integer Vector API operations, which JDK 25 has no half-precision type to avoid),
 * 256 at a time, each piece multiplied in float while it is still in L1.
 */
final class F16Kernel extends MatrixKernel {
    static final F16Kernel INSTANCE = new F16Kernel();
    private static final int PIECE = 256;

    private F16Kernel() {
        super(GGMLType.F16, ActivationRounding.F16);
    }

    @Override
    float dot(MemorySegment w, long rowOffset, Activations a, int row, int n, float[] scratch) {
        if (!VECTORIZE || n % PIECE != 0) return dotByPieces(w, rowOffset, a.values, row * n, n, scratch, PIECE);
        // Written out rather than through dotByPieces: with constant bounds and no virtual decodeRow call the JIT
        // keeps the widening and the multiply-adds in one compiled loop (measured 15 -> 28 GB/s from the mapping).
        float[] x = a.values;
        int xOff = row * n;
        int lanes = F.length();
        FloatVector acc0 = FloatVector.zero(F), acc1 = acc0;
        for (int c = 0; c < n; c += PIECE) {
            MemorySegment piece = w.asSlice(rowOffset + 2L * c, 2L * PIECE);
            for (int i = 0; i < PIECE; i++) scratch[i] = Float.float16ToFloat(piece.getAtIndex(SHORT_LE, i));
            for (int i = 0; i < PIECE; i += 2 * lanes) {
                acc0 = FloatVector.fromArray(F, scratch, i).fma(FloatVector.fromArray(F, x, xOff + c + i), acc0);
                acc1 = FloatVector.fromArray(F, scratch, i + lanes).fma(FloatVector.fromArray(F, x, xOff + c + i + lanes), acc1);
            }
        }
        return Lanes.sum(acc0.add(acc1));
    }

    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        // a slice of the row, indexed from zero, is what the JIT's loop vectorizer recognises
        MemorySegment row = w.asSlice(rowOffset, 2L * n);
        for (int i = 0; i < n; i++) dst[dstOff + i] = Float.float16ToFloat(row.getAtIndex(SHORT_LE, i));
    }
}
