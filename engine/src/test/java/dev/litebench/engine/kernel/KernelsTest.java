package dev.litebench.engine.kernel;

import dev.litebench.engine.gguf.TensorInfo;
import dev.litebench.engine.tensor.Codecs;
import dev.litebench.engine.tensor.GGMLType;
import dev.litebench.engine.tensor.TypeCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every weight kernel against the reference codec: decoded rows are identical, and products (fused decode path for
 * small batches, tiled path for large ones, several matrices in one task, 1 and 2 threads) equal a double-precision
 * product of the decoded weights with the rounded activations. The build runs this class again with 256-bit
 * vectors and with scalar code, so every path is checked on any machine.
 */
class KernelsTest {
    static final int COLS = 512;
    static final int ROWS = 37; // not a multiple of the tile or grain sizes

    @ParameterizedTest
    @EnumSource(value = GGMLType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "IQ4_NL", "IQ4_XS", "Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K"})
    void productsMatchTheReferenceCodec(GGMLType type) {
        Random rnd = new Random(type.ordinal());
        TypeCodec codec = Codecs.forType(type);
        float[] weights = new float[ROWS * COLS];
        for (int i = 0; i < weights.length; i++) weights[i] = (float) rnd.nextGaussian();
        MemorySegment data = TestWeights.store(type, weights, rnd);
        Matrix m = Matrix.of("test", new TensorInfo("w", type, new long[] {COLS, ROWS}, 0, data.byteSize(), data));
        float[] decoded = new float[ROWS * COLS];
        codec.dequantize(data, 0, decoded, 0, decoded.length);

        float[] row = new float[COLS];
        for (int r = 0; r < ROWS; r++) {
            m.row(r, row, 0);
            for (int i = 0; i < COLS; i++) assertThat(row[i]).isEqualTo(decoded[r * COLS + i]);
        }

        for (int batch : new int[] {1, 2, 5, 11, 135}) { // 135: packed panels (with AVX-512), a last step overlapping the one before
            float[] x = new float[batch * COLS];
            for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextGaussian();
            float[] xr = new float[x.length];
            m.rounding().apply(x, 0, x.length, xr, 0);
            for (int threads : new int[] {1, 2}) {
                try (Compute compute = new Compute(threads, COLS)) {
                    float[] out = new float[batch * ROWS];
                    compute.matmul(m, x, batch, out);
                    float[][] pair = {new float[batch * ROWS], new float[batch * ROWS]};
                    compute.matmul(new Matrix[] {m, m}, x, batch, pair);
                    for (int b = 0; b < batch; b++) {
                        for (int r = 0; r < ROWS; r++) {
                            double expected = 0;
                            for (int i = 0; i < COLS; i++) expected += (double) decoded[r * COLS + i] * xr[b * COLS + i];
                            double tol = 1e-4 * (1 + Math.abs(expected)) + 2e-5 * Math.sqrt(COLS);
                            String what = type + " batch " + batch + " threads " + threads + " row " + r;
                            assertThat((double) out[b * ROWS + r]).as(what).isCloseTo(expected, within(tol));
                            // the JIT may order a vector's lane sum differently before and after compiling it: the
                            // rounding error grows with the number of terms, not with the (possibly cancelled) sum
                            float same = 1e-6f * (1 + Math.abs(out[b * ROWS + r]) + (float) Math.sqrt(COLS));
                            assertThat(pair[0][b * ROWS + r]).as(what).isCloseTo(out[b * ROWS + r], within(same));
                            assertThat(pair[1][b * ROWS + r]).as(what).isCloseTo(out[b * ROWS + r], within(same));
                        }
                    }
                    if (threads == 1 && !Gemm.usesPanels(batch)) assertSameForEveryRowStreamCount(m, x, batch, out);
                }
            }
        }
    }

    /** Run in each of this class's three builds (512-bit, 256-bit, scalar), this checks each answer. */
    @Test
    void scalarTypesAreTheOnesWithoutAVectorKernelHere() {
        List<GGMLType> types = List.of(GGMLType.Q8_0, GGMLType.Q5_0, GGMLType.IQ4_NL, GGMLType.IQ4_XS, GGMLType.Q2_K);
        Set<GGMLType> expected = !MatrixKernel.VECTORIZE ? Set.copyOf(types)
                : MatrixKernel.F.length() == 16 ? Set.of() : Set.of(GGMLType.IQ4_NL, GGMLType.IQ4_XS);
        assertThat(MatrixKernel.scalarTypes(types)).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Rows walked as 1, 2 or 4 interleaved streams (what {@link RowStreamTuner} chooses between) give the same products. */
    private static void assertSameForEveryRowStreamCount(Matrix m, float[] x, int batch, float[] expected) {
        Activations a = new Activations(m.rounding());
        a.prepare(x, x.length);
        float[] scratch = new float[MatrixKernel.scratchFloats(COLS)];
        for (int streams : RowStreamTuner.CANDIDATES) {
            float[] out = new float[batch * ROWS];
            m.matmul(0, ROWS, a, batch, out, scratch, streams);
            for (int i = 0; i < out.length; i++) {
                float same = 1e-6f * (1 + Math.abs(expected[i]) + (float) Math.sqrt(COLS));
                assertThat(out[i]).as(m.type() + " batch " + batch + " streams " + streams + " index " + i).isCloseTo(expected[i], within(same));
            }
        }
    }

    @Test
    void attentionProductsMatchPlainLoops() {
        Random r = new Random(11);
        for (int[] shape : new int[][] {{128, 16}, {16, 16}, {7, 5}, {130, 32}, {64, 24}}) {
            int rows = shape[0], cols = shape[1];
            float[] x = randoms(r, rows + 3), m = randoms(r, rows * cols + 2), out = new float[cols + 1];
            MatrixKernel.dotColumns(x, 3, m, 2, rows, cols, out, 1);
            for (int j = 0; j < cols; j++) {
                double expected = 0;
                for (int i = 0; i < rows; i++) expected += x[3 + i] * m[2 + i * cols + j];
                assertThat(out[1 + j]).as("dotColumns %dx%d column %d", rows, cols, j).isCloseTo((float) expected, within(1e-4f));
            }
            float[] y = randoms(r, cols + 4), before = y.clone();
            float[] weights = randoms(r, rows + 1);
            MatrixKernel.addWeightedRows(weights, 1, m, 2, rows, y, 4, cols);
            for (int i = 0; i < cols; i++) {
                double expected = before[4 + i];
                for (int j = 0; j < rows; j++) expected += weights[1 + j] * m[2 + j * cols + i];
                assertThat(y[4 + i]).as("addWeightedRows %dx%d element %d", rows, cols, i).isCloseTo((float) expected, within(1e-4f));
            }
            assertThat(y[0]).isEqualTo(before[0]);
        }
    }

    private static float[] randoms(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian();
        return a;
    }
}
