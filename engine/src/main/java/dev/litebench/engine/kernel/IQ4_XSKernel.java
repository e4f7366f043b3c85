package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.GGMLType;
import dev.litebench.engine.tensor.IQ4_NLCodec;
import dev.litebench.engine.tensor.IQ4_XSCodec;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * IQ4_XS ({@link IQ4_XSCodec}): each super-block is 8 runs of 16 packed bytes laid out as IQ4_NL blocks, with a 6-bit
 * scale each instead of an fp16 one. With 16 float lanes a run decodes by {@link Q4_0Kernel}'s table lookup: its 16
 * levels {@code d * (scale - 32) * LEVELS[i]} fill one vector (exact in float, as the reference decoder's products
 * are) and two permutes by the packed bytes give its 32 weights. There is no kernel for 8 lanes, where the table does
 * not fit one vector: {@link #forLookup} is null and the type runs through the reference codec.
 */
final class IQ4_XSKernel extends MatrixKernel {
    private static final int BLOCK_BYTES = 136;
    private static final int QS = 8;
    private static final boolean LOOKUP = VECTORIZE && F.length() == 16;
    private static final float[] LEVELS = new float[16];

    static {
        for (int i = 0; i < 16; i++) LEVELS[i] = IQ4_NLCodec.LEVELS[i];
    }

    private static final IQ4_XSKernel INSTANCE = new IQ4_XSKernel();

    private IQ4_XSKernel() {
        super(GGMLType.IQ4_XS, ActivationRounding.Q8_K);
    }

    /** The kernel where runs decode by table lookup (16 float lanes), else null. */
    static MatrixKernel forLookup() {
        return LOOKUP ? INSTANCE : null;
    }

    /** Run {@code s}'s 16 levels, as float bits in int lanes. */
    private static IntVector levels(MemorySegment w, long o, float d, int s) {
        return FloatVector.fromArray(F, LEVELS, 0).mul(d * IQ4_XSCodec.scale(w, o, s)).reinterpretAsInts();
    }

    /** Run {@code s}'s 16 packed bytes, one per int lane. */
    private static IntVector packed(MemorySegment w, long o, int s) {
        return (IntVector) ByteVector.fromMemorySegment(ByteVector.SPECIES_128, w, o + QS + 16L * s, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0);
    }

    @Override
    float dot(MemorySegment w, long rowOffset, Activations a, int row, int n, float[] scratch) {
        float[] x = a.values;
        FloatVector lows = FloatVector.zero(F), highs = lows;
        for (int b = 0; b < n / 256; b++) {
            long o = rowOffset + (long) b * BLOCK_BYTES;
            float d = Float.float16ToFloat(w.get(SHORT_LE, o));
            for (int s = 0; s < 8; s++) {
                IntVector levels = levels(w, o, d, s), p = packed(w, o, s);
                int k = row * n + 256 * b + 32 * s;
                lows = p.selectFrom(levels).reinterpretAsFloats().fma(FloatVector.fromArray(F, x, k), lows);
                highs = p.lanewise(VectorOperators.LSHR, 4).selectFrom(levels).reinterpretAsFloats().fma(FloatVector.fromArray(F, x, k + 16), highs);
            }
        }
        lows.add(highs).intoArray(scratch, 0);
        return Lanes.sum(scratch, 0, F.length());
    }

    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        for (int b = 0; b < n / 256; b++) {
            long o = rowOffset + (long) b * BLOCK_BYTES;
            float d = Float.float16ToFloat(w.get(SHORT_LE, o));
            for (int s = 0; s < 8; s++) {
                IntVector levels = levels(w, o, d, s), p = packed(w, o, s);
                int to = dstOff + 256 * b + 32 * s;
                p.selectFrom(levels).reinterpretAsFloats().intoArray(dst, to);
                p.lanewise(VectorOperators.LSHR, 4).selectFrom(levels).reinterpretAsFloats().intoArray(dst, to + 16);
            }
        }
    }
}
