package dev.litebench.engine.kernel;

import dev.litebench.engine.gguf.TensorInfo;
import dev.litebench.engine.tensor.Codecs;
import dev.litebench.engine.tensor.GGMLType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once the JIT has compiled them, the matrix products of decode steps allocate nothing per weight row. Garbage
 * there is easy to create by accident and invisible in results: a vector the JIT has to box (passed to a call it
 * stopped inlining), a slice of the mapping per row. Each one cost decode speed (Q6_K: ~450 MB/s of garbage, young
 * collections every few hundred milliseconds). Products run on the test thread (one worker) until a window of calls
 * allocates less than a small constant per call, which per-row garbage over {@link #ROWS} rows cannot.
 */
class KernelAllocationTest {
    private static final int COLS = 1024; // real row lengths: the JIT's inlining decisions depend on loop sizes
    private static final int ROWS = 512;
    private static final int WINDOW = 200;
    /** Per call: the task object of a product, nothing per row. */
    private static final long MAX_BYTES_PER_CALL = 256;
    private static final long DEADLINE_NANOS = 60_000_000_000L;

    @ParameterizedTest
    @EnumSource(value = GGMLType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q5_K", "Q6_K"})
    void decodeProductsAllocateNothingPerRowOnceCompiled(GGMLType type) {
        Random rnd = new Random(3);
        float[] weights = new float[ROWS * COLS];
        for (int i = 0; i < weights.length; i++) weights[i] = (float) rnd.nextGaussian();
        MemorySegment data = Arena.ofAuto().allocate(type.bytesFor((long) ROWS * COLS), 64);
        Codecs.forType(type).quantize(weights, 0, weights.length, data, 0);
        Matrix m = Matrix.of("test", new TensorInfo("w", type, new long[] {COLS, ROWS}, 0, data.byteSize(), data));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Compute compute = new Compute(1, COLS)) {
            for (int batch : new int[] {1, 4, 8}) {
                float[] x = new float[batch * COLS];
                for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextGaussian();
                float[] out = new float[batch * ROWS];
                long start = System.nanoTime();
                long perCall;
                do {
                    long before = threads.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < WINDOW; i++) compute.matmul(m, x, batch, out);
                    perCall = (threads.getCurrentThreadAllocatedBytes() - before) / WINDOW;
                } while (perCall > MAX_BYTES_PER_CALL && System.nanoTime() - start < DEADLINE_NANOS);
                assertThat(perCall).as(type + " batch " + batch + ": bytes allocated per product of " + ROWS + " rows, after "
                        + (System.nanoTime() - start) / 1_000_000 + " ms of warm-up").isLessThanOrEqualTo(MAX_BYTES_PER_CALL);
            }
        }
    }
}
