package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.BF16Codec;
import dev.litebench.engine.tensor.GGMLType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * bfloat16 weights: a value is the top half of a float, so widening is a zero-extension and a shift, done in
 * vectors straight from the mapped file and fused with the multiply-adds against the bf16-rounded activations.
 */
final class BF16Kernel extends MatrixKernel {
    static final BF16Kernel INSTANCE = new BF16Kernel();

    private BF16Kernel() {
        super(GGMLType.BF16, ActivationRounding.BF16);
    }

    @Override
    float dot(MemorySegment w, long rowOffset, Activations a, int row, int n, float[] scratch) {
        int lanes = F.length();
        if (!VECTORIZE || n % (4 * lanes) != 0) return dotByPieces(w, rowOffset, a.values, row * n, n, scratch, 256);
        float[] x = a.values;
        int xOff = row * n;
        FloatVector acc0 = FloatVector.zero(F), acc1 = acc0, acc2 = acc0, acc3 = acc0;
        // four chains in turn, as F16Kernel's: the widening is written once
        for (int i = 0; i < n; i += lanes) {
            FloatVector weights = ((IntVector) ShortVector.fromMemorySegment(HALF_SHORTS, w, rowOffset + 2L * i, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.ZERO_EXTEND_S2I, INTS, 0))
                    .lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            FloatVector next = weights.fma(FloatVector.fromArray(F, x, xOff + i), acc0);
            acc0 = acc1;
            acc1 = acc2;
            acc2 = acc3;
            acc3 = next;
        }
        acc0.add(acc2).add(acc1.add(acc3)).intoArray(scratch, 0);
        return Lanes.sum(scratch, 0, lanes);
    }

    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        int lanes = F.length();
        int i = 0;
        if (VECTORIZE) {
            for (; i + lanes <= n; i += lanes) {
                ((IntVector) ShortVector.fromMemorySegment(HALF_SHORTS, w, rowOffset + 2L * i, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.ZERO_EXTEND_S2I, INTS, 0))
                        .lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().intoArray(dst, dstOff + i);
            }
        }
        for (; i < n; i++) dst[dstOff + i] = BF16Codec.toFloat(w.get(SHORT_LE, rowOffset + 2L * i));
    }
}
