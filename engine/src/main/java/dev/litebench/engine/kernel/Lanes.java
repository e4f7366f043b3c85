package dev.litebench.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Horizontal sums in one fixed order. {@code reduceLanes(ADD)} may add lanes in a different order in interpreted
 * and compiled code, so the same product could differ in the last bit depending on when the JIT got to it; a
 * butterfly of lane-wise adds gives the same bits in every tier and on every run.
 */
final class Lanes {
    private static final VectorShuffle<Float> W16_8 = rotate(FloatVector.SPECIES_512, 8);
    private static final VectorShuffle<Float> W16_4 = rotate(FloatVector.SPECIES_512, 4);
    private static final VectorShuffle<Float> W16_2 = rotate(FloatVector.SPECIES_512, 2);
    private static final VectorShuffle<Float> W16_1 = rotate(FloatVector.SPECIES_512, 1);
    private static final VectorShuffle<Float> W8_4 = rotate(FloatVector.SPECIES_256, 4);
    private static final VectorShuffle<Float> W8_2 = rotate(FloatVector.SPECIES_256, 2);
    private static final VectorShuffle<Float> W8_1 = rotate(FloatVector.SPECIES_256, 1);

    private Lanes() {}

    /** The sum of a 256- or 512-bit vector's lanes. */
    static float sum(FloatVector v) {
        if (v.length() == 16) {
            v = v.add(v.rearrange(W16_8));
            v = v.add(v.rearrange(W16_4));
            v = v.add(v.rearrange(W16_2));
            return v.add(v.rearrange(W16_1)).lane(0);
        }
        v = v.add(v.rearrange(W8_4));
        v = v.add(v.rearrange(W8_2));
        return v.add(v.rearrange(W8_1)).lane(0);
    }

    /**
     * The same sum as {@link #sum(FloatVector)} of the 8 or 16 lanes stored at {@code a[off..)}, added in the same
     * order, for kernels too large for the JIT to inline the vector form: C2 stops inlining a large method's calls
     * once it has compiled enough nodes, and a vector passed to a call that is not inlined is boxed on the heap (JFR:
     * the Q6_K row product allocated a float[16] and a vector object per row, ~450 MB/s while decoding). Such kernels
     * store their accumulator with {@code intoArray} (intrinsic, always inlined) and sum it here.
     */
    static float sum(float[] a, int off, int lanes) {
        float u0 = a[off], u1 = a[off + 1], u2 = a[off + 2], u3 = a[off + 3];
        float u4 = a[off + 4], u5 = a[off + 5], u6 = a[off + 6], u7 = a[off + 7];
        if (lanes == 16) {
            u0 += a[off + 8];
            u1 += a[off + 9];
            u2 += a[off + 10];
            u3 += a[off + 11];
            u4 += a[off + 12];
            u5 += a[off + 13];
            u6 += a[off + 14];
            u7 += a[off + 15];
        }
        return ((u0 + u4) + (u2 + u6)) + ((u1 + u5) + (u3 + u7));
    }

    private static VectorShuffle<Float> rotate(VectorSpecies<Float> species, int by) {
        return VectorShuffle.fromOp(species, i -> (i + by) % species.length());
    }
}
