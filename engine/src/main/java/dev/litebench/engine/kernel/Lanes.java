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

    private static VectorShuffle<Float> rotate(VectorSpecies<Float> species, int by) {
        return VectorShuffle.fromOp(species, i -> (i + by) % species.length());
    }
}
