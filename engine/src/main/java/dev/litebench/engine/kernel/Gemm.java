package dev.litebench.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float products of a tile of decoded weight rows with many activation rows. With AVX-512 and enough activation
 * rows, weights go through packed panels: 32 rows stored k-major ({@code panel[k * 32 + i]}), so that one
 * multiply-add takes a vector of 16 rows' weights at one k and one broadcast activation, and a micro-kernel keeps
 * 32 x 7 outputs in registers over the whole row (the outer-product form of BLAS and ggml's repacked kernels; the
 * 32 x 14 form measured 124-144 GFLOP/s on one core of the Xeon VM and 6-17% more than this one, but C1 cannot
 * compile it, see {@link #micro}) against 43-50 GFLOP/s for the 4 x 4 dot-product tile, which has to reload both
 * operands for every multiply-add and reduce every output across lanes. Otherwise the tile is register-blocked four
 * weight rows by four activation rows so that each loaded vector feeds several multiply-adds.
 */
public final class Gemm {
    private static final VectorSpecies<Float> F = MatrixKernel.F;

    /** Weight rows per packed panel: two vectors' lanes. */
    public static final int PANEL_ROWS = 32;
    /** Activation rows per micro-kernel call. */
    public static final int PANEL_BATCH = 14;
    /**
     * Fewer activation rows go through the 4 x 4 tile: packing a panel costs its weights a transpose, which only
     * enough activation rows repay (a harness over four layers of Q8_0 and Q4_0 weights on the Xeon VM, in one JVM:
     * panels took 1.58 times as long as tiles for 16 rows, 1.08-1.09 for 32, 0.89-0.91 for 40-48, 0.74-0.85 for 56-96).
     */
    private static final int MIN_PANEL_BATCH = 40;
    /** Panels need 16-lane vectors and AVX-512's 32 vector registers (16-lane F implies both). */
    public static final boolean PANELS = MatrixKernel.VECTORIZE && F.length() == 16;

    private Gemm() {}

    /**
     * Whether products with {@code batch} activation rows go through packed panels ({@link #pack}, {@link #panel}),
     * their activations packed by {@link #packActivations}.
     */
    public static boolean usesPanels(int batch) {
        return PANELS && batch >= MIN_PANEL_BATCH;
    }

    /**
     * Writes {@code rows} rows of {@code src} ({@code n} floats each, the first at {@code srcOff}, {@code stride}
     * apart) as rows {@code [r0, r0 + rows)} of a packed panel. The panel is written in order and the rows read a
     * column at a time; writing a row at a time instead would touch a new line of the panel with every store.
     */
    static void pack(float[] src, int srcOff, int rows, int n, float[] panel, int r0, int stride) {
        int k = 0;
        if (rows == 16 && PANELS) {
            // a 16 x 16 block at a time, transposed in registers: four rounds of two-vector permutes, round b
            // swapping bit b of the row index with bit b of the lane index
            for (; k + 16 <= n; k += 16) {
                FloatVector v0 = FloatVector.fromArray(F, src, srcOff + k);
                FloatVector v1 = FloatVector.fromArray(F, src, srcOff + 1 * stride + k);
                FloatVector v2 = FloatVector.fromArray(F, src, srcOff + 2 * stride + k);
                FloatVector v3 = FloatVector.fromArray(F, src, srcOff + 3 * stride + k);
                FloatVector v4 = FloatVector.fromArray(F, src, srcOff + 4 * stride + k);
                FloatVector v5 = FloatVector.fromArray(F, src, srcOff + 5 * stride + k);
                FloatVector v6 = FloatVector.fromArray(F, src, srcOff + 6 * stride + k);
                FloatVector v7 = FloatVector.fromArray(F, src, srcOff + 7 * stride + k);
                FloatVector v8 = FloatVector.fromArray(F, src, srcOff + 8 * stride + k);
                FloatVector v9 = FloatVector.fromArray(F, src, srcOff + 9 * stride + k);
                FloatVector v10 = FloatVector.fromArray(F, src, srcOff + 10 * stride + k);
                FloatVector v11 = FloatVector.fromArray(F, src, srcOff + 11 * stride + k);
                FloatVector v12 = FloatVector.fromArray(F, src, srcOff + 12 * stride + k);
                FloatVector v13 = FloatVector.fromArray(F, src, srcOff + 13 * stride + k);
                FloatVector v14 = FloatVector.fromArray(F, src, srcOff + 14 * stride + k);
                FloatVector v15 = FloatVector.fromArray(F, src, srcOff + 15 * stride + k);
                FloatVector t;
                t = SWAP_LOW_0.selectFrom(v0, v1);
                v1 = SWAP_HIGH_0.selectFrom(v0, v1);
                v0 = t;
                t = SWAP_LOW_0.selectFrom(v2, v3);
                v3 = SWAP_HIGH_0.selectFrom(v2, v3);
                v2 = t;
                t = SWAP_LOW_0.selectFrom(v4, v5);
                v5 = SWAP_HIGH_0.selectFrom(v4, v5);
                v4 = t;
                t = SWAP_LOW_0.selectFrom(v6, v7);
                v7 = SWAP_HIGH_0.selectFrom(v6, v7);
                v6 = t;
                t = SWAP_LOW_0.selectFrom(v8, v9);
                v9 = SWAP_HIGH_0.selectFrom(v8, v9);
                v8 = t;
                t = SWAP_LOW_0.selectFrom(v10, v11);
                v11 = SWAP_HIGH_0.selectFrom(v10, v11);
                v10 = t;
                t = SWAP_LOW_0.selectFrom(v12, v13);
                v13 = SWAP_HIGH_0.selectFrom(v12, v13);
                v12 = t;
                t = SWAP_LOW_0.selectFrom(v14, v15);
                v15 = SWAP_HIGH_0.selectFrom(v14, v15);
                v14 = t;
                t = SWAP_LOW_1.selectFrom(v0, v2);
                v2 = SWAP_HIGH_1.selectFrom(v0, v2);
                v0 = t;
                t = SWAP_LOW_1.selectFrom(v1, v3);
                v3 = SWAP_HIGH_1.selectFrom(v1, v3);
                v1 = t;
                t = SWAP_LOW_1.selectFrom(v4, v6);
                v6 = SWAP_HIGH_1.selectFrom(v4, v6);
                v4 = t;
                t = SWAP_LOW_1.selectFrom(v5, v7);
                v7 = SWAP_HIGH_1.selectFrom(v5, v7);
                v5 = t;
                t = SWAP_LOW_1.selectFrom(v8, v10);
                v10 = SWAP_HIGH_1.selectFrom(v8, v10);
                v8 = t;
                t = SWAP_LOW_1.selectFrom(v9, v11);
                v11 = SWAP_HIGH_1.selectFrom(v9, v11);
                v9 = t;
                t = SWAP_LOW_1.selectFrom(v12, v14);
                v14 = SWAP_HIGH_1.selectFrom(v12, v14);
                v12 = t;
                t = SWAP_LOW_1.selectFrom(v13, v15);
                v15 = SWAP_HIGH_1.selectFrom(v13, v15);
                v13 = t;
                t = SWAP_LOW_2.selectFrom(v0, v4);
                v4 = SWAP_HIGH_2.selectFrom(v0, v4);
                v0 = t;
                t = SWAP_LOW_2.selectFrom(v1, v5);
                v5 = SWAP_HIGH_2.selectFrom(v1, v5);
                v1 = t;
                t = SWAP_LOW_2.selectFrom(v2, v6);
                v6 = SWAP_HIGH_2.selectFrom(v2, v6);
                v2 = t;
                t = SWAP_LOW_2.selectFrom(v3, v7);
                v7 = SWAP_HIGH_2.selectFrom(v3, v7);
                v3 = t;
                t = SWAP_LOW_2.selectFrom(v8, v12);
                v12 = SWAP_HIGH_2.selectFrom(v8, v12);
                v8 = t;
                t = SWAP_LOW_2.selectFrom(v9, v13);
                v13 = SWAP_HIGH_2.selectFrom(v9, v13);
                v9 = t;
                t = SWAP_LOW_2.selectFrom(v10, v14);
                v14 = SWAP_HIGH_2.selectFrom(v10, v14);
                v10 = t;
                t = SWAP_LOW_2.selectFrom(v11, v15);
                v15 = SWAP_HIGH_2.selectFrom(v11, v15);
                v11 = t;
                t = SWAP_LOW_3.selectFrom(v0, v8);
                v8 = SWAP_HIGH_3.selectFrom(v0, v8);
                v0 = t;
                t = SWAP_LOW_3.selectFrom(v1, v9);
                v9 = SWAP_HIGH_3.selectFrom(v1, v9);
                v1 = t;
                t = SWAP_LOW_3.selectFrom(v2, v10);
                v10 = SWAP_HIGH_3.selectFrom(v2, v10);
                v2 = t;
                t = SWAP_LOW_3.selectFrom(v3, v11);
                v11 = SWAP_HIGH_3.selectFrom(v3, v11);
                v3 = t;
                t = SWAP_LOW_3.selectFrom(v4, v12);
                v12 = SWAP_HIGH_3.selectFrom(v4, v12);
                v4 = t;
                t = SWAP_LOW_3.selectFrom(v5, v13);
                v13 = SWAP_HIGH_3.selectFrom(v5, v13);
                v5 = t;
                t = SWAP_LOW_3.selectFrom(v6, v14);
                v14 = SWAP_HIGH_3.selectFrom(v6, v14);
                v6 = t;
                t = SWAP_LOW_3.selectFrom(v7, v15);
                v15 = SWAP_HIGH_3.selectFrom(v7, v15);
                v7 = t;
                v0.intoArray(panel, (k + 0) * PANEL_ROWS + r0);
                v1.intoArray(panel, (k + 1) * PANEL_ROWS + r0);
                v2.intoArray(panel, (k + 2) * PANEL_ROWS + r0);
                v3.intoArray(panel, (k + 3) * PANEL_ROWS + r0);
                v4.intoArray(panel, (k + 4) * PANEL_ROWS + r0);
                v5.intoArray(panel, (k + 5) * PANEL_ROWS + r0);
                v6.intoArray(panel, (k + 6) * PANEL_ROWS + r0);
                v7.intoArray(panel, (k + 7) * PANEL_ROWS + r0);
                v8.intoArray(panel, (k + 8) * PANEL_ROWS + r0);
                v9.intoArray(panel, (k + 9) * PANEL_ROWS + r0);
                v10.intoArray(panel, (k + 10) * PANEL_ROWS + r0);
                v11.intoArray(panel, (k + 11) * PANEL_ROWS + r0);
                v12.intoArray(panel, (k + 12) * PANEL_ROWS + r0);
                v13.intoArray(panel, (k + 13) * PANEL_ROWS + r0);
                v14.intoArray(panel, (k + 14) * PANEL_ROWS + r0);
                v15.intoArray(panel, (k + 15) * PANEL_ROWS + r0);
            }
        }
        for (; k < n; k++) {
            int p = k * PANEL_ROWS + r0;
            for (int i = 0; i < rows; i++) panel[p + i] = src[srcOff + i * stride + k];
        }
    }

    /**
     * Index vectors for the two-vector permutes of {@link #pack}'s transpose (indexes 16-31 pick from the second
     * vector): of rows a and b = a + 2^bit, lane L of the new a takes a[L] where bit {@code bit} of L is clear and
     * b[L - 2^bit] where it is set; the new b takes a[L + 2^bit] and b[L] likewise.
     */
    private static FloatVector swapIndexes(int bit, boolean low) {
        float[] idx = new float[16];
        for (int lane = 0; lane < 16; lane++) {
            boolean clear = (lane & (1 << bit)) == 0;
            idx[lane] = low ? (clear ? lane : 16 + (lane ^ (1 << bit))) : (clear ? lane | (1 << bit) : 16 + lane);
        }
        return FloatVector.fromArray(FloatVector.SPECIES_512, idx, 0);
    }

    private static final FloatVector SWAP_LOW_0 = PANELS ? swapIndexes(0, true) : null, SWAP_HIGH_0 = PANELS ? swapIndexes(0, false) : null;
    private static final FloatVector SWAP_LOW_1 = PANELS ? swapIndexes(1, true) : null, SWAP_HIGH_1 = PANELS ? swapIndexes(1, false) : null;
    private static final FloatVector SWAP_LOW_2 = PANELS ? swapIndexes(2, true) : null, SWAP_HIGH_2 = PANELS ? swapIndexes(2, false) : null;
    private static final FloatVector SWAP_LOW_3 = PANELS ? swapIndexes(3, true) : null, SWAP_HIGH_3 = PANELS ? swapIndexes(3, false) : null;

    /** Floats {@link #packActivations} writes for {@code batch} rows of {@code n}. */
    static int packedActivations(int batch, int n) {
        return steps(batch) * PANEL_BATCH * n;
    }

    /** Steps of {@link #PANEL_BATCH} activation rows that cover {@code batch} (at least PANEL_BATCH) rows. */
    public static int steps(int batch) {
        return (batch + PANEL_BATCH - 1) / PANEL_BATCH;
    }

    /** The first activation row of packed step {@code s}: the last step overlaps the one before rather than running short. */
    public static int stepStart(int s, int batch) {
        return Math.min(s * PANEL_BATCH, batch - PANEL_BATCH);
    }

    /**
     * Packs {@code batch} activation rows of {@code n} (at least {@link #PANEL_BATCH}) as the micro-kernel reads them:
     * steps of {@link #PANEL_BATCH} rows, each k-major ({@code packed[(step * n + k) * PANEL_BATCH + j]}), so that its
     * broadcasts read one sequential stream at constant offsets. The last step overlaps the one before it rather than
     * running short: the overlapped outputs are computed again with the same bits.
     */
    static void packActivations(float[] x, int batch, int n, float[] packed, int s0, int s1) {
        for (int s = s0; s < s1; s++) {
            int b0 = stepStart(s, batch);
            for (int k = 0; k < n; k++) {
                int p = (s * n + k) * PANEL_BATCH;
                for (int j = 0; j < PANEL_BATCH; j++) packed[p + j] = x[(b0 + j) * n + k];
            }
        }
    }

    /**
     * {@code out[b * outStride + row0 + i] = (panel row i) . x(b)} for i in [0, rows) (rows at most
     * {@link #PANEL_ROWS}; lanes past them are computed from whatever the panel holds there and never stored) and b
     * in [0, batch), the activations packed by {@link #packActivations}.
     */
    public static void panel(float[] panel, int rows, int n, float[] packed, int batch, float[] out, int outStride, int row0) {
        VectorMask<Float> low = F.indexInRange(0, rows), high = F.indexInRange(16, rows);
        for (int s = 0; s < steps(batch); s++) {
            micro(panel, n, packed, s * n * PANEL_BATCH, 0, stepStart(s, batch), out, outStride, row0, low, high);
            micro(panel, n, packed, s * n * PANEL_BATCH, PANEL_BATCH / 2, stepStart(s, batch), out, outStride, row0, low, high);
        }
    }

    /**
     * {@code out[b * outStride + row0 + i] = w[i * n ..] . x[b * n ..]} for i in [0, rows), b in [0, batch).
     */
    public static void tile(float[] w, int rows, int n, float[] x, int batch, float[] out, int outStride, int row0) {
        if (!MatrixKernel.VECTORIZE || n % F.length() != 0) {
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < rows; i++) out[b * outStride + row0 + i] = MatrixKernel.dotF32(w, i * n, x, b * n, n);
            }
            return;
        }
        int b = 0;
        for (; b + 4 <= batch; b += 4) {
            int i = 0;
            for (; i + 4 <= rows; i += 4) block4x4(w, i, n, x, b, out, outStride, row0);
            for (; i < rows; i++) {
                for (int j = b; j < b + 4; j++) out[j * outStride + row0 + i] = dot(w, i * n, x, j * n, n);
            }
        }
        for (; b < batch; b++) {
            for (int i = 0; i < rows; i++) out[b * outStride + row0 + i] = dot(w, i * n, x, b * n, n);
        }
    }

    /**
     * One dot product summed in exactly the order of {@link #block4x4}'s, so a result does not depend on whether its
     * row fell in a block or a remainder, which would otherwise vary with how rows are split across threads. (Unlike
     * the row kernels, the blocks keep reduceLanes: the fixed-order {@link Lanes#sum} is too large to inline 16
     * times there, and vectors passed to a call that is not inlined get boxed, which measured 15 times slower.)
     */
    private static float dot(float[] w, int wOff, float[] x, int xOff, int n) {
        FloatVector acc = FloatVector.zero(F);
        for (int k = 0; k < n; k += F.length()) acc = FloatVector.fromArray(F, w, wOff + k).fma(FloatVector.fromArray(F, x, xOff + k), acc);
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private static void block4x4(float[] w, int i, int n, float[] x, int b, float[] out, int outStride, int row0) {
        FloatVector a00 = FloatVector.zero(F), a01 = FloatVector.zero(F), a02 = FloatVector.zero(F), a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F), a11 = FloatVector.zero(F), a12 = FloatVector.zero(F), a13 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F), a21 = FloatVector.zero(F), a22 = FloatVector.zero(F), a23 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F), a31 = FloatVector.zero(F), a32 = FloatVector.zero(F), a33 = FloatVector.zero(F);
        int w0 = i * n, w1 = w0 + n, w2 = w1 + n, w3 = w2 + n;
        int x0 = b * n, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n;
        for (int k = 0; k < n; k += F.length()) {
            FloatVector xa = FloatVector.fromArray(F, x, x0 + k);
            FloatVector xb = FloatVector.fromArray(F, x, x1 + k);
            FloatVector xc = FloatVector.fromArray(F, x, x2 + k);
            FloatVector xd = FloatVector.fromArray(F, x, x3 + k);
            FloatVector v = FloatVector.fromArray(F, w, w0 + k);
            a00 = v.fma(xa, a00);
            a01 = v.fma(xb, a01);
            a02 = v.fma(xc, a02);
            a03 = v.fma(xd, a03);
            v = FloatVector.fromArray(F, w, w1 + k);
            a10 = v.fma(xa, a10);
            a11 = v.fma(xb, a11);
            a12 = v.fma(xc, a12);
            a13 = v.fma(xd, a13);
            v = FloatVector.fromArray(F, w, w2 + k);
            a20 = v.fma(xa, a20);
            a21 = v.fma(xb, a21);
            a22 = v.fma(xc, a22);
            a23 = v.fma(xd, a23);
            v = FloatVector.fromArray(F, w, w3 + k);
            a30 = v.fma(xa, a30);
            a31 = v.fma(xb, a31);
            a32 = v.fma(xc, a32);
            a33 = v.fma(xd, a33);
        }
        store(out, b * outStride + row0 + i, a00, a10, a20, a30);
        store(out, (b + 1) * outStride + row0 + i, a01, a11, a21, a31);
        store(out, (b + 2) * outStride + row0 + i, a02, a12, a22, a32);
        store(out, (b + 3) * outStride + row0 + i, a03, a13, a23, a33);
    }

    private static void store(float[] out, int o, FloatVector r0, FloatVector r1, FloatVector r2, FloatVector r3) {
        out[o] = r0.reduceLanes(VectorOperators.ADD);
        out[o + 1] = r1.reduceLanes(VectorOperators.ADD);
        out[o + 2] = r2.reduceLanes(VectorOperators.ADD);
        out[o + 3] = r3.reduceLanes(VectorOperators.ADD);
    }

    /**
     * Half a step of packed activations (rows {@code [b0 + j0, b0 + j0 + 7)} of the step from {@code xOff}) times a
     * packed panel: 14 accumulators (32 weight rows x 7 activation rows), so that C1 can compile it with profiling and
     * the method reaches C2 by the usual tiers (at 28 accumulators C1 ran out of virtual registers, the method stayed
     * at its unprofiled C1 tier with every vector operation a call, and a prompt on a fresh server took minutes).
     * Each lane sums its products in k order, whatever panel or step it falls in.
     */
    private static void micro(float[] panel, int n, float[] x, int xOff, int j0, int b0, float[] out, int outStride, int row0,
                              VectorMask<Float> low, VectorMask<Float> high) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z, c6 = z;
        FloatVector d0 = z, d1 = z, d2 = z, d3 = z, d4 = z, d5 = z, d6 = z;
        for (int k = 0, xk = xOff + j0; k < n; k++, xk += PANEL_BATCH) {
            FloatVector w0 = FloatVector.fromArray(F, panel, k * PANEL_ROWS);
            FloatVector w1 = FloatVector.fromArray(F, panel, k * PANEL_ROWS + 16);
            FloatVector v;
            v = FloatVector.broadcast(F, x[xk]);
            c0 = w0.fma(v, c0);
            d0 = w1.fma(v, d0);
            v = FloatVector.broadcast(F, x[xk + 1]);
            c1 = w0.fma(v, c1);
            d1 = w1.fma(v, d1);
            v = FloatVector.broadcast(F, x[xk + 2]);
            c2 = w0.fma(v, c2);
            d2 = w1.fma(v, d2);
            v = FloatVector.broadcast(F, x[xk + 3]);
            c3 = w0.fma(v, c3);
            d3 = w1.fma(v, d3);
            v = FloatVector.broadcast(F, x[xk + 4]);
            c4 = w0.fma(v, c4);
            d4 = w1.fma(v, d4);
            v = FloatVector.broadcast(F, x[xk + 5]);
            c5 = w0.fma(v, c5);
            d5 = w1.fma(v, d5);
            v = FloatVector.broadcast(F, x[xk + 6]);
            c6 = w0.fma(v, c6);
            d6 = w1.fma(v, d6);
        }
        int o = (b0 + j0) * outStride + row0;
        c0.intoArray(out, o, low);
        d0.intoArray(out, o + 16, high);
        o += outStride;
        c1.intoArray(out, o, low);
        d1.intoArray(out, o + 16, high);
        o += outStride;
        c2.intoArray(out, o, low);
        d2.intoArray(out, o + 16, high);
        o += outStride;
        c3.intoArray(out, o, low);
        d3.intoArray(out, o + 16, high);
        o += outStride;
        c4.intoArray(out, o, low);
        d4.intoArray(out, o + 16, high);
        o += outStride;
        c5.intoArray(out, o, low);
        d5.intoArray(out, o + 16, high);
        o += outStride;
        c6.intoArray(out, o, low);
        d6.intoArray(out, o + 16, high);
    }
}
