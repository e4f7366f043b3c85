package dev.litebench.engine.kernel;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs matrix products on a {@link WorkerPool}: activations are rounded once per rounding kind the weight types
 * require, then the workers claim disjoint pieces of the weight rows and multiply each with all activation rows, so
 * each weight row is read from memory once per call whatever the batch size. Several matrices that share an input
 * (q, k and v; gate and up) go out as one task, their rows split as if they were one matrix. Not thread-safe: one
 * caller at a time.
 */
public final class Compute implements AutoCloseable {
    /**
     * Rows handed to a worker are a multiple of this, so that workers never share a cache line of output and
     * a {@link GroupKernel}'s groups of rows are never split.
     */
    private static final int ROW_GRAIN = 32;
    /**
     * Pieces of rows per worker, claimed from a shared counter: a worker the OS deschedules (on a machine shared with
     * other processes, such as the bench's own client) holds up the product by one piece, not by half of it.
     */
    private static final int PIECES_PER_WORKER = 4;
    /** Batches from which rounding and packing the activations is split across the workers. */
    private static final int PARALLEL_ROWS = 16;

    private final WorkerPool pool;
    private final RowStreamTuner rowStreams = RowStreamTuner.fromSystemProperty();
    private final AtomicInteger nextPiece = new AtomicInteger();
    private final float[][] scratch;
    private final Activations[] rounded = new Activations[ActivationRounding.values().length];
    private final Matrix[] single = new Matrix[1];
    private final float[][] singleOut = new float[1][];

    public Compute(int threads, int maxCols) {
        this.pool = new WorkerPool(threads);
        this.scratch = new float[threads][MatrixKernel.scratchFloats(maxCols)];
        for (ActivationRounding r : ActivationRounding.values()) rounded[r.ordinal()] = new Activations(r);
    }

    public WorkerPool pool() {
        return pool;
    }

    public int threads() {
        return pool.size();
    }

    /**
     * Marks the start of a forward step: the products of one step all walk their rows the same way, while the
     * {@link RowStreamTuner} tries its candidates a step at a time.
     */
    public void beginStep() {
        rowStreams.nextStep();
    }

    /** The interleaved row streams decode products use, or 0 while they are still being measured. */
    public int rowStreams() {
        return rowStreams.chosen() ? rowStreams.streams() : 0;
    }

    /** {@code out[b * w.rows() + r] = w.row(r) . x[b * w.cols() ..]} for b in [0, batch). */
    public void matmul(Matrix w, float[] x, int batch, float[] out) {
        single[0] = w;
        singleOut[0] = out;
        matmul(single, x, batch, singleOut);
    }

    /** {@link #matmul(Matrix, float[], int, float[])} for matrices of equal column count sharing input {@code x}. */
    public void matmul(Matrix[] ws, float[] x, int batch, float[][] outs) {
        int n = ws[0].cols();
        int len = batch * n;
        int totalRows = 0;
        for (Matrix w : ws) {
            if (w.cols() != n) throw new IllegalArgumentException(w.name() + " has " + w.cols() + " columns, expected " + n);
            totalRows += w.rows();
        }
        int kinds = 0; // bit set of the rounding kinds these weights need
        int packed = 0; // and of those whose kernels read them packed for panels
        for (Matrix w : ws) {
            kinds |= 1 << w.rounding().ordinal();
            if (w.usesPanels(batch)) packed |= 1 << w.rounding().ordinal();
        }
        prepare(kinds, packed, x, batch, n);
        int total = totalRows;
        int streams = rowStreams.streams();
        long startNanos = System.nanoTime();
        int grains = (total + ROW_GRAIN - 1) / ROW_GRAIN;
        int pieces = Math.min(grains, PIECES_PER_WORKER * pool.size());
        nextPiece.set(0);
        pool.run((worker, workers) -> {
            for (int p; (p = nextPiece.getAndIncrement()) < pieces; ) {
                int start = Math.min(total, (int) ((long) grains * p / pieces) * ROW_GRAIN);
                int end = Math.min(total, (int) ((long) grains * (p + 1) / pieces) * ROW_GRAIN);
                int base = 0;
                for (int m = 0; m < ws.length && start < end; m++) {
                    Matrix w = ws[m];
                    int r0 = Math.max(start, base) - base;
                    int r1 = Math.min(end, base + w.rows()) - base;
                    if (r0 < r1) w.matmul(r0, r1, rounded[w.rounding().ordinal()], batch, outs[m], scratch[worker], streams);
                    base += w.rows();
                }
            }
        });
        if (!Gemm.usesPanels(batch) && !rowStreams.chosen()) {
            long bytes = 0;
            for (Matrix w : ws) bytes += w.bytes();
            rowStreams.record(System.nanoTime() - startNanos, bytes);
        }
    }

    /**
     * Rounds the activations once per kind in {@code kinds}, and packs them for panels once per kind in {@code packed};
     * a batch of at least {@link #PARALLEL_ROWS} rows is split across the workers by rows, then by packed steps (a
     * prompt's 512 rows took 4-6% of a prefill on the caller alone while the other workers waited).
     */
    private void prepare(int kinds, int packed, float[] x, int batch, int n) {
        for (Activations a : rounded) {
            if ((kinds & (1 << a.rounding.ordinal())) == 0) continue;
            boolean panels = (packed & (1 << a.rounding.ordinal())) != 0;
            a.reserve(batch * n);
            if (panels) a.reservePacked(batch, n);
            if (batch < PARALLEL_ROWS || pool.size() == 1) {
                a.prepare(x, 0, batch * n);
                if (panels) a.packForPanels(batch, n, 0, Gemm.steps(batch));
                continue;
            }
            pool.run((worker, workers) -> a.prepare(x, batch * worker / workers * n, batch * (worker + 1) / workers * n));
            if (panels) {
                int steps = Gemm.steps(batch);
                pool.run((worker, workers) -> a.packForPanels(batch, n, steps * worker / workers, steps * (worker + 1) / workers));
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
