package dev.litebench.engine.kernel;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Activations#prepare} rounds to Q8_0 to the bits of {@link ActivationRounding#quantizeQ8_0}, ties included. */
class ActivationsTest {

    @Test
    void q8_0BlocksMatchTheScalarReference() {
        Random rnd = new Random(11);
        int n = 32 * 64;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rnd.nextGaussian() * (1 + i / 32);
        for (int i = 0; i < 32; i++) x[32 + i] = 0; // an all-zero block
        x[64] = 127; // scale 1: the values below are rounding ties, which go to the even neighbour
        for (int i = 1; i < 32; i++) x[64 + i] = (i - 16) + 0.5f;
        x[96] = -127;
        for (int i = 1; i < 32; i++) x[96 + i] = -i - 0.5f;
        Activations a = new Activations(ActivationRounding.Q8_0);
        a.prepare(x, n);
        short[] q = new short[32];
        for (int b = 0; b < n / 32; b++) {
            float d = ActivationRounding.quantizeQ8_0(x, 32 * b, q, 0);
            int sum = 0;
            for (int j = 0; j < 32; j++) {
                assertThat(a.quants[32 * b + j]).as("block %d value %d", b, j).isEqualTo(q[j]);
                assertThat(a.values[32 * b + j]).as("block %d value %d", b, j).isEqualTo(q[j] * d);
                sum += q[j];
            }
            assertThat(a.scales[b]).as("block %d", b).isEqualTo(d);
            assertThat(a.blockSums[b]).as("block %d", b).isEqualTo(sum);
        }
    }
}
