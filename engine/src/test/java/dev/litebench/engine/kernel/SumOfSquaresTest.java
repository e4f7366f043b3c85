package dev.litebench.engine.kernel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The RMS norm's sum of squares in double lanes equals the scalar double sum, remainders included. */
class SumOfSquaresTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 100, 128, 1024, 4867})
    void matchesTheScalarDoubleSum(int n) {
        Random rnd = new Random(n);
        float[] a = new float[n + 3];
        for (int i = 0; i < a.length; i++) a[i] = (float) (rnd.nextGaussian() * 40);
        double expected = 0;
        for (int i = 0; i < n; i++) expected += (double) (a[3 + i] * a[3 + i]);
        assertThat(MatrixKernel.sumOfSquares(a, 3, n)).isCloseTo(expected, within(expected * 1e-12));
    }
}
