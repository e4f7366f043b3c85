package dev.litebench.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;

import static dev.litebench.engine.kernel.MatrixKernel.INT_LE;
import static dev.litebench.engine.kernel.MatrixKernel.SHORT_LE;

/**
 * The scales and mins of Q4_K and Q5_K super-blocks, which share their first 16 bytes: fp16 {@code d} and
 * {@code dmin}, then 12 bytes packing a 6-bit scale and a 6-bit min for each of the 8 sub-blocks of 32.
 */
final class KScales {
    /** Two ints: a long's 8 bytes as a vector. */
    static final VectorSpecies<Integer> PAIR = IntVector.SPECIES_64;
    static final VectorSpecies<Float> EIGHT_FLOATS = FloatVector.SPECIES_256;
    private static final VectorSpecies<Integer> EIGHT_INTS = IntVector.SPECIES_256;

    private KScales() {}

    /**
     * The 8 six-bit scales of the super-block at {@code o}, scale j in byte j: ggml's q4_K kernels' shuffle of the
     * 12 packed bytes ({@code utmp}), a few word operations instead of a branch and shifts per sub-block.
     */
    static long scaleBytes(MemorySegment w, long o) {
        int u0 = w.get(INT_LE, o + 4), u2 = w.get(INT_LE, o + 12);
        int low = u0 & 0x3f3f3f3f;
        int high = (u2 & 0x0f0f0f0f) | ((u0 >>> 6) & 0x03030303) << 4;
        return (low & 0xffffffffL) | (long) high << 32;
    }

    /** The 8 six-bit mins of the super-block at {@code o}, min j in byte j, as {@link #scaleBytes}. */
    static long minBytes(MemorySegment w, long o) {
        int u1 = w.get(INT_LE, o + 8), u2 = w.get(INT_LE, o + 12);
        int low = u1 & 0x3f3f3f3f;
        int high = ((u2 >>> 4) & 0x0f0f0f0f) | ((u1 >>> 6) & 0x03030303) << 4;
        return (low & 0xffffffffL) | (long) high << 32;
    }

    /** Byte {@code j} (0 to 7) of {@link #scaleBytes} or {@link #minBytes}: sub-block j's scale or min. */
    static int at(long bytes, int j) {
        return (int) (bytes >>> 8 * j) & 0xff;
    }

    /**
     * Writes each sub-block's scale times {@code d} and the activations' scale for the super-block at {@code o}
     * (activation block {@code block}) to {@code dst[at, at + 8)}, and returns the mins' share of the product:
     * {@code dmin} times the activations' scale times the sum of each min times its sub-block's activation sum. A method
     * of its own, taking and returning no vectors, so that the caller's vector loop stays within the JIT's inlining
     * budget.
     */
    static float prepare(MemorySegment w, long o, Activations a, int block, float[] dst, int at) {
        float dx = a.scales[block];
        long scales = scaleBytes(w, o), mins = minBytes(w, o);
        // each long's 8 bytes as a byte vector, written out: no vector crosses a call (see Q4_0Kernel)
        ((FloatVector) IntVector.zero(PAIR).withLane(0, (int) scales).withLane(1, (int) (scales >>> 32)).reinterpretAsBytes().convertShape(VectorOperators.B2F, EIGHT_FLOATS, 0)).mul(Float.float16ToFloat(w.get(SHORT_LE, o)) * dx).intoArray(dst, at);
        int minSum = ((IntVector) IntVector.zero(PAIR).withLane(0, (int) mins).withLane(1, (int) (mins >>> 32)).reinterpretAsBytes().convertShape(VectorOperators.B2I, EIGHT_INTS, 0)).mul(IntVector.fromArray(EIGHT_INTS, a.blockSums, block * 8))
                .reduceLanes(VectorOperators.ADD);
        return Float.float16ToFloat(w.get(SHORT_LE, o + 2)) * dx * minSum;
    }
}
