package dev.litebench.engine.kernel;

import java.util.Arrays;

/**
 * Chooses how many interleaved sequential streams a worker walks its weight rows in, for the row-at-a-time products
 * of decode steps. The best number depends on the CPU's hardware prefetchers and cannot be told from its feature
 * flags: on the Xeon VM four streams read 1.5x faster than one, on the EPYC VM one or two streams decode 1.9x faster
 * than four (docs/PERFORMANCE.md). So after the JIT has had its warm-up steps, whole steps run with each candidate in
 * turn, and the candidate with the lowest median time per weight byte is kept for good. A fixed number
 * ({@code -Dlitebench.rowStreams=N}) skips the trials.
 */
final class RowStreamTuner {
    static final int[] CANDIDATES = {1, 2, 4};
    /** Used while the kernels are still being compiled, and when no steps are ever reported. */
    static final int DEFAULT_STREAMS = 2;
    /** Steps with row-at-a-time products before trials start: the first ones run interpreted, then at C1. */
    static final int WARMUP_STEPS = 16;
    static final int TRIALS_PER_CANDIDATE = 5;

    private final double[][] nanosPerByte = new double[CANDIDATES.length][TRIALS_PER_CANDIDATE];
    private int timedSteps;
    private long stepNanos;
    private long stepBytes;
    /** Volatile for readers outside the compute thread (metrics); written only while trying. */
    private volatile int streams;
    private volatile boolean chosen;

    RowStreamTuner(int fixedStreams) {
        if (fixedStreams < 0) throw new IllegalArgumentException("row streams must be positive, got " + fixedStreams);
        chosen = fixedStreams > 0;
        streams = chosen ? fixedStreams : DEFAULT_STREAMS;
    }

    /** From {@code -Dlitebench.rowStreams}, or tuning when it is not set. */
    static RowStreamTuner fromSystemProperty() {
        return new RowStreamTuner(Integer.getInteger("litebench.rowStreams", 0));
    }

    /** The number of streams the current step uses. */
    int streams() {
        return streams;
    }

    /** Whether trials are over (or the number was fixed). */
    boolean chosen() {
        return chosen;
    }

    /** Adds one row-at-a-time product of the current step: its wall time and the weight bytes it read. */
    void record(long nanos, long bytes) {
        if (chosen) return;
        stepNanos += nanos;
        stepBytes += bytes;
    }

    /** Closes the current step (if it had row-at-a-time products) and picks the streams of the next one. */
    void nextStep() {
        if (chosen || stepBytes == 0) return;
        int trial = timedSteps - WARMUP_STEPS;
        if (trial >= 0) nanosPerByte[trial % CANDIDATES.length][trial / CANDIDATES.length] = stepNanos / (double) stepBytes;
        timedSteps++;
        stepNanos = 0;
        stepBytes = 0;
        int next = timedSteps - WARMUP_STEPS;
        if (next == CANDIDATES.length * TRIALS_PER_CANDIDATE) {
            streams = CANDIDATES[fastest()];
            chosen = true;
        } else if (next >= 0) {
            streams = CANDIDATES[next % CANDIDATES.length];
        }
    }

    private int fastest() {
        int best = 0;
        double bestMedian = Double.MAX_VALUE;
        for (int c = 0; c < CANDIDATES.length; c++) {
            double[] sorted = nanosPerByte[c].clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            if (median < bestMedian) {
                bestMedian = median;
                best = c;
            }
        }
        return best;
    }
}
