package dev.litebench.engine.kernel;

import dev.litebench.engine.gguf.TensorInfo;
import dev.litebench.engine.tensor.Codecs;
import dev.litebench.engine.tensor.GGMLType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
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
        float[] weights = gaussians(rnd, ROWS * COLS);
        MemorySegment data = TestWeights.store(type, weights, rnd);
        Matrix m = Matrix.of("test", new TensorInfo("w", type, new long[] {COLS, ROWS}, 0, data.byteSize(), data));
        assertProductsMatch(m, decoded(type, data, ROWS), rnd, null);
    }

    /**
     * Q4_0, Q4_K and Q6_K in groups of rows ({@link Q4_0GroupKernel}, {@link Q4_KGroupKernel}, {@link Q6_KGroupKernel}), rewritten into new memory
     * and in place, alone and after a matrix of 37 rows in one task (so that the pieces the workers take split its
     * groups). 160 rows: an odd number of groups with either vector width, taken from two streams.
     */
    @ParameterizedTest
    @EnumSource(value = GGMLType.class, names = {"Q4_0", "Q4_K", "Q6_K"})
    void groupedRowsMatchTheReferenceCodec(GGMLType type) {
        int rows = 160;
        Random rnd = new Random(42);
        MemorySegment data = TestWeights.store(type, gaussians(rnd, rows * COLS), rnd);
        float[] decoded = decoded(type, data, rows);
        TensorInfo t = new TensorInfo("w", type, new long[] {COLS, rows}, 0, data.byteSize(), data);
        MemorySegment to = Arena.ofAuto().allocate(data.byteSize());
        List<MemorySegment> rewrites = new ArrayList<>();
        Matrix copied = Matrix.of("test", t, rewrite -> {
            rewrite.accept(data, to);
            rewrites.add(to);
            return to;
        });
        // rewritten, into another order, where there are vector kernels; left in the file's order where not
        assertThat(rewrites).hasSize(MatrixKernel.VECTORIZE ? 1 : 0);
        if (MatrixKernel.VECTORIZE) assertThat(to.mismatch(data)).isNotNegative();
        MemorySegment inPlace = Arena.ofAuto().allocate(data.byteSize()).copyFrom(data);
        Matrix rewrittenInPlace = TestWeights.loaded("test", new TensorInfo("w", type, new long[] {COLS, rows}, 0, data.byteSize(), inPlace));
        Matrix before = Matrix.of("test", new TensorInfo("v", type, new long[] {COLS, ROWS}, 0, ROWS * type.bytesFor(COLS), data));
        for (Matrix m : new Matrix[] {copied, rewrittenInPlace}) assertProductsMatch(m, decoded, rnd, MatrixKernel.VECTORIZE ? before : null);
    }

    /**
     * A row's product has the same bits alone as in a batch, for the grouped kernels that take several activation
     * rows per pass (Q4_0: two groups by four rows, then one group at a time; Q4_K and Q6_K: two rows): results do not
     * depend on how a batch or a worker's piece was cut.
     */
    @ParameterizedTest
    @EnumSource(value = GGMLType.class, names = {"Q4_0", "Q4_K", "Q6_K"})
    void aRowInABatchGetsTheBitsItGetsAlone(GGMLType type) {
        if (!MatrixKernel.VECTORIZE) return; // no groups without vector code
        int rows = 2 * GroupKernel.ROWS;
        Random rnd = new Random(3);
        MemorySegment data = TestWeights.store(type, gaussians(rnd, rows * COLS), rnd);
        Matrix m = TestWeights.loaded("test", new TensorInfo("w", type, new long[] {COLS, rows}, 0, data.byteSize(), data));
        float[] scratch = new float[MatrixKernel.scratchFloats(COLS)];
        for (int batch : new int[] {2, 4, 9}) { // 9 Q4_0: two passes of four rows over both groups, one row alone
            float[] x = gaussians(rnd, batch * COLS);
            Activations a = new Activations(m.rounding());
            a.prepare(x, x.length);
            float[] together = new float[batch * rows];
            m.matmul(0, rows, a, batch, together, scratch, 1);
            for (int b = 0; b < batch; b++) {
                Activations one = new Activations(m.rounding());
                one.prepare(Arrays.copyOfRange(x, b * COLS, (b + 1) * COLS), COLS);
                float[] alone = new float[rows];
                m.matmul(0, GroupKernel.ROWS, one, 1, alone, scratch, 1);
                m.matmul(GroupKernel.ROWS, rows, one, 1, alone, scratch, 1);
                assertThat(Arrays.copyOfRange(together, b * rows, (b + 1) * rows)).as(type + " batch " + batch + " row " + b).containsExactly(alone);
            }
        }
    }

    /**
     * {@code m}'s decoded rows equal {@code decoded}, and its products (fused decode path for small batches, tiled or
     * grouped paths for large ones, several matrices in one task, 1 and 2 threads) equal a double-precision product
     * of the decoded weights with the rounded activations; with {@code first}, also as the second matrix of a task
     * whose first is {@code first}.
     */
    private static void assertProductsMatch(Matrix m, float[] decoded, Random rnd, Matrix first) {
        int rows = m.rows();
        float[] row = new float[COLS];
        for (int r = 0; r < rows; r++) {
            m.row(r, row, 0);
            for (int i = 0; i < COLS; i++) assertThat(row[i]).isEqualTo(decoded[r * COLS + i]);
        }

        for (int batch : new int[] {1, 2, 5, 11, 135}) { // 135: packed panels (with AVX-512), a last step overlapping the one before
            float[] x = gaussians(rnd, batch * COLS);
            float[] xr = new float[x.length];
            m.rounding().apply(x, 0, x.length, xr, 0);
            for (int threads : new int[] {1, 2}) {
                try (Compute compute = new Compute(threads, COLS)) {
                    float[] out = new float[batch * rows];
                    compute.matmul(m, x, batch, out);
                    float[][] pair = {new float[batch * rows], new float[batch * rows]};
                    compute.matmul(new Matrix[] {m, m}, x, batch, pair);
                    float[] after = null;
                    if (first != null) {
                        float[][] outs = {new float[batch * first.rows()], new float[batch * rows]};
                        compute.matmul(new Matrix[] {first, m}, x, batch, outs);
                        after = outs[1];
                    }
                    for (int b = 0; b < batch; b++) {
                        for (int r = 0; r < rows; r++) {
                            double expected = 0;
                            for (int i = 0; i < COLS; i++) expected += (double) decoded[r * COLS + i] * xr[b * COLS + i];
                            double tol = 1e-4 * (1 + Math.abs(expected)) + 2e-5 * Math.sqrt(COLS);
                            String what = m.type() + " batch " + batch + " threads " + threads + " row " + r;
                            assertThat((double) out[b * rows + r]).as(what).isCloseTo(expected, within(tol));
                            // the JIT may order a vector's lane sum differently before and after compiling it: the
                            // rounding error grows with the number of terms, not with the (possibly cancelled) sum
                            float same = 1e-6f * (1 + Math.abs(out[b * rows + r]) + (float) Math.sqrt(COLS));
                            assertThat(pair[0][b * rows + r]).as(what).isCloseTo(out[b * rows + r], within(same));
                            assertThat(pair[1][b * rows + r]).as(what).isCloseTo(out[b * rows + r], within(same));
                            if (after != null) assertThat((double) after[b * rows + r]).as(what + " after another matrix").isCloseTo(expected, within(tol));
                        }
                    }
                    if (threads == 1 && !m.usesPanels(batch)) assertSameForEveryRowStreamCount(m, x, batch, out);
                }
            }
        }
    }

    private static float[] decoded(GGMLType type, MemorySegment data, int rows) {
        float[] decoded = new float[rows * COLS];
        Codecs.forType(type).dequantize(data, 0, decoded, 0, decoded.length);
        return decoded;
    }

    private static float[] gaussians(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) rnd.nextGaussian();
        return a;
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
            float[] out = new float[batch * m.rows()];
            m.matmul(0, m.rows(), a, batch, out, scratch, streams);
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
            float[] x = gaussians(r, rows + 3), m = gaussians(r, rows * cols + 2), out = new float[cols + 1];
            MatrixKernel.dotColumns(x, 3, m, 2, rows, cols, out, 1);
            for (int j = 0; j < cols; j++) {
                double expected = 0;
                for (int i = 0; i < rows; i++) expected += x[3 + i] * m[2 + i * cols + j];
                assertThat(out[1 + j]).as("dotColumns %dx%d column %d", rows, cols, j).isCloseTo((float) expected, within(1e-4f));
            }
            float[] y = gaussians(r, cols + 4), before = y.clone();
            float[] weights = gaussians(r, rows + 1);
            MatrixKernel.addWeightedRows(weights, 1, m, 2, rows, y, 4, cols);
            for (int i = 0; i < cols; i++) {
                double expected = before[4 + i];
                for (int j = 0; j < rows; j++) expected += weights[1 + j] * m[2 + j * cols + i];
                assertThat(y[4 + i]).as("addWeightedRows %dx%d element %d", rows, cols, i).isCloseTo((float) expected, within(1e-4f));
            }
            assertThat(y[0]).isEqualTo(before[0]);
        }
    }
}
