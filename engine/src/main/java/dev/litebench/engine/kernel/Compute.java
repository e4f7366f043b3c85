package dev.litebench.engine.kernel;

/**
 * Runs matrix products on a {@link WorkerPool}: activations are rounded once as the weight type requires, then
 * every worker multiplies a disjoint range of weight rows with all activation rows, so each weight row is read
 * from memory once per call whatever the batch size.
 */
public final class Compute implements AutoCloseable {
    /** Rows handed to a worker are a multiple of this, so workers never share a cache line of output. */
    private static final int ROW_GRAIN = 16;

    private final WorkerPool pool;
    private final float[][] scratch;
    private float[] rounded = new float[0];

    public Compute(int threads, int maxCols) {
        this.pool = new WorkerPool(threads);
        this.scratch = new float[threads][maxCols];
    }

    public WorkerPool pool() {
        return pool;
    }

    public int threads() {
        return pool.size();
    }

    /** {@code out[b * w.rows() + r] = w.row(r) . x[b * w.cols() ..]} for b in [0, batch). */
    public void matmul(Matrix w, float[] x, int batch, float[] out) {
        int n = w.cols();
        int len = batch * n;
        if (rounded.length < len) rounded = new float[Math.max(len, rounded.length * 2)];
        w.rounding().apply(x, 0, len, rounded, 0);
        float[] xr = rounded;
        int rows = w.rows();
        pool.run((worker, workers) -> {
            int chunks = (rows + ROW_GRAIN - 1) / ROW_GRAIN;
            int r0 = Math.min(rows, (int) ((long) chunks * worker / workers) * ROW_GRAIN);
            int r1 = Math.min(rows, (int) ((long) chunks * (worker + 1) / workers) * ROW_GRAIN);
            if (r0 < r1) w.matmul(r0, r1, xr, batch, out, scratch[worker]);
        });
    }

    @Override
    public void close() {
        pool.close();
    }
}
