package dev.litebench.engine.kernel;

import dev.litebench.engine.gguf.TensorInfo;
import dev.litebench.engine.tensor.GGMLType;

import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/**
 * {@link KernelAllocationTest}'s child process. Arguments: the batch sizes (comma-separated), then weight types. For
 * each batch size, multiplies one matrix of each type in turn, as a decode step over a file holding those types does,
 * until a window of steps allocates at most {@link #MAX_BYTES_PER_PRODUCT} per product of each or {@link #DEADLINE_NANOS}
 * pass. Prints one line per batch size, with the bytes per product of each type, and exits with status 1 at the first
 * batch size that still allocated more.
 */
public final class AllocationProbe {
    private static final int COLS = 1024; // real row lengths: the JIT's inlining decisions depend on loop sizes
    static final int ROWS = 512;
    private static final int WINDOW = 200;
    /** Per product: its task object, nothing per row. */
    static final long MAX_BYTES_PER_PRODUCT = 256;
    private static final long DEADLINE_NANOS = 60_000_000_000L;

    public static void main(String[] args) {
        Random rnd = new Random(3);
        int[] batches = Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
        String[] types = Arrays.copyOfRange(args, 1, args.length);
        Matrix[] matrices = Arrays.stream(types).map(name -> matrix(GGMLType.valueOf(name), rnd)).toArray(Matrix[]::new);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Compute compute = new Compute(1, COLS)) {
            for (int batch : batches) {
                float[] x = new float[batch * COLS];
                for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextGaussian();
                float[] out = new float[batch * ROWS];
                long start = System.nanoTime();
                long[] perProduct = new long[matrices.length];
                do {
                    long[] allocated = new long[matrices.length];
                    for (int i = 0; i < WINDOW; i++) {
                        for (int m = 0; m < matrices.length; m++) {
                            long before = threads.getCurrentThreadAllocatedBytes();
                            compute.matmul(matrices[m], x, batch, out);
                            allocated[m] += threads.getCurrentThreadAllocatedBytes() - before;
                        }
                    }
                    for (int m = 0; m < matrices.length; m++) perProduct[m] = allocated[m] / WINDOW;
                } while (worst(perProduct) > MAX_BYTES_PER_PRODUCT && System.nanoTime() - start < DEADLINE_NANOS);
                StringBuilder each = new StringBuilder();
                for (int m = 0; m < matrices.length; m++) each.append(m > 0 ? ", " : "").append(types[m]).append(' ').append(perProduct[m]);
                System.out.println(String.join(" + ", types) + " batch " + batch + ": bytes allocated per product of " + ROWS + " rows ("
                        + each + ") after " + (System.nanoTime() - start) / 1_000_000 + " ms of warm-up");
                if (worst(perProduct) > MAX_BYTES_PER_PRODUCT) System.exit(1); // the next attempt runs every batch size again
            }
        }
        System.exit(0);
    }

    private static long worst(long[] bytes) {
        return Arrays.stream(bytes).max().orElse(0);
    }

    private static Matrix matrix(GGMLType type, Random rnd) {
        float[] weights = new float[ROWS * COLS];
        for (int i = 0; i < weights.length; i++) weights[i] = (float) rnd.nextGaussian();
        MemorySegment data = TestWeights.store(type, weights, rnd);
        return TestWeights.loaded(type.name(), new TensorInfo("w", type, new long[] {COLS, ROWS}, 0, data.byteSize(), data));
    }
}
