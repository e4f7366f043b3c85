package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.GGMLType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Half-precision weights. JDK 25's Vector API has no half-to-float conversion, so row products widen halves with four
 * integer and float operations fused with the multiply-adds: one core, 3072 x 1024 from L3 163-167 us
 * and 151,936 x 1024 from memory 9.8-10.9 ms, against 294 us and 21.5-22.6 ms for widening the row first with a plain
 * {@link Float#float16ToFloat} loop (which C2 turns into the CPU's conversion instruction) and multiplying after.
 * {@link #decodeRow}, which feeds the batched tiles, keeps that loop: it is exact for every half.
 * <p>
 * The widening: sign-extended, shifted so that exponent and mantissa land in a float's, the copies of the sign above
 * the exponent cleared, and multiplied by 2^112 to rebias the exponent (exact, subnormal halves included). Infinities
 * and NaNs, which weights do not hold, come out as finite values of 2^16 and more.
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
        float[] x = a.values;
        int xOff = row * n;
        int lanes = F.length();
        FloatVector acc0 = FloatVector.zero(F), acc1 = acc0, acc2 = acc0, acc3 = acc0;
        // four chains in turn (n is a multiple of four vectors, so each ends where it began), so that the widening is
        // written once: no vector may cross a call to a helper (see Q4_0Kernel). 0.91-0.97x the time of four widening
        // calls per step (16,384 x 1024 rows, batch 1, alternated processes)
        for (int i = 0; i < n; i += lanes) {
            FloatVector weights = ((IntVector) ShortVector.fromMemorySegment(HALF_SHORTS, w, rowOffset + 2L * i, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, INTS, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8fffe000).reinterpretAsFloats().mul(0x1p112f);
            FloatVector next = weights.fma(FloatVector.fromArray(F, x, xOff + i), acc0);
            acc0 = acc1;
            acc1 = acc2;
            acc2 = acc3;
            acc3 = next;
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
