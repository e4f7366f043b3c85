package dev.litebench.engine.tensor;

import java.util.Map;
import java.util.Random;

/**
 * Blocks of random bytes for the types LiteBench only decodes, with each fp16 scale field set to a small random
 * finite value (random bits there would be infinities and NaNs, which no quantizer writes).
 */
public final class RandomBlocks {
    /** Byte offsets of each decode-only type's fp16 scales in a block. */
    private static final Map<GGMLType, int[]> SCALES = Map.of(
            GGMLType.IQ4_NL, new int[] {0},
            GGMLType.IQ4_XS, new int[] {0},
            GGMLType.Q2_K, new int[] {80, 82},
            GGMLType.Q3_K, new int[] {108});

    private RandomBlocks() {}

    public static byte[] of(GGMLType type, int blocks, Random rnd) {
        int[] scales = SCALES.get(type);
        if (scales == null) throw new IllegalArgumentException("no random blocks for " + type);
        byte[] out = new byte[blocks * type.blockBytes];
        rnd.nextBytes(out);
        for (int b = 0; b < blocks; b++) {
            for (int at : scales) {
                short d = Float.floatToFloat16((float) (0.02 * rnd.nextGaussian()));
                out[b * type.blockBytes + at] = (byte) d;
                out[b * type.blockBytes + at + 1] = (byte) (d >>> 8);
            }
        }
        return out;
    }
}
