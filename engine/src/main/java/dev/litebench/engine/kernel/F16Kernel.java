package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.GGMLType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Half-precision weights. The vector path widens halves with integer operations: the 15 magnitude bits shifted
 * into a float's exponent and mantissa and scaled by 2^112 give the exact value for zeros, subnormals and normals.
 * Infinities and NaNs (which no usable weight contains) come out as large finite values.
 */
final class F16Kernel extends MatrixKernel {
    static final F16Kernel INSTANCE = new F16Kernel();
    /** 256-bit even where 512-bit vectors exist: measured, the 512-bit widening ran 2.5 times slower. */
    private static final VectorSpecies<Float> H = FloatVector.SPECIES_256;
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_128;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;

    private F16Kernel() {
        super(GGMLType.F16, ActivationRounding.F16);
    }

    static FloatVector widen(MemorySegment w, long offset) {
        IntVector h = (IntVector) ShortVector.fromMemorySegment(S, w, offset, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.S2I, I, 0);
        IntVector sign = h.and(0x8000).lanewise(VectorOperators.LSHL, 16);
        FloatVector magnitude = h.and(0x7fff).lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats().mul(0x1p112f);
        return magnitude.reinterpretAsInts().or(sign).reinterpretAsFloats();
    }

    @Override
    float dot(MemorySegment w, long rowOffset, float[] x, int xOff, int n, float[] scratch) {
        int i = 0;
        float sum = 0;
        if (VECTORIZE) {
            FloatVector acc = FloatVector.zero(H);
            for (; i + H.length() <= n; i += H.length()) {
                acc = widen(w, rowOffset + i * 2L).fma(FloatVector.fromArray(H, x, xOff + i), acc);
            }
            sum = Lanes.sum(acc);
        }
        for (; i < n; i++) sum += Float.float16ToFloat(w.get(SHORT_LE, rowOffset + i * 2L)) * x[xOff + i];
        return sum;
    }

    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        int i = 0;
        if (VECTORIZE) {
            for (; i + H.length() <= n; i += H.length()) widen(w, rowOffset + i * 2L).intoArray(dst, dstOff + i);
        }
        for (; i < n; i++) dst[dstOff + i] = Float.float16ToFloat(w.get(SHORT_LE, rowOffset + i * 2L));
    }
}
