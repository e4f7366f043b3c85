package dev.litebench.engine.kernel;

import dev.litebench.engine.gguf.TensorInfo;
import dev.litebench.engine.tensor.GGMLType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.lang.foreign.MemorySegment;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One thread multiplying a weight matrix with {@code batch} activation rows, per weight type: the kernels' share of
 * a decode step. {@code rows=256} (a quarter of a Q8_0 MiB) stays in L2 and shows what the kernel itself can do;
 * {@code rows=3072} (Qwen3-0.6B's ffn_up) streams from memory like a real step. Divide the weight bytes by the time
 * for GB/s. Run: {@code scripts/mvn -q -pl engine test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test} then {@code java --add-modules
 * jdk.incubator.vector -cp engine/target/test-classes:engine/target/classes:$(cat engine/target/test-cp.txt)
 * dev.litebench.engine.kernel.KernelBenchmark [JMH options]} from the repository root.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelBenchmark {
    @Param({"1024"})
    public int cols;

    @Param({"Q8_0", "Q4_0", "Q5_0", "Q4_K", "Q5_K", "Q6_K", "F16", "BF16"})
    public String type;

    @Param({"1", "4", "8"})
    public int batch;

    @Param({"256", "3072"})
    public int rows;

    /** Whether types with a layout of their own (Q4_0's groups of rows) are rewritten into it, as the engine does at load. */
    @Param({"true"})
    public boolean rewrite;

    /** Interleaved row streams of the row-at-a-time products (what {@link RowStreamTuner} chooses in the engine). */
    @Param({"2"})
    public int streams;

    private Matrix matrix;
    private Activations x;
    private float[] out;
    private float[] scratch;

    @Setup
    public void setUp() {
        GGMLType t = GGMLType.valueOf(type);
        Random rnd = new Random(7);
        float[] weights = new float[rows * cols];
        for (int i = 0; i < weights.length; i++) weights[i] = (float) rnd.nextGaussian();
        MemorySegment data = TestWeights.store(t, weights, rnd);
        TensorInfo info = new TensorInfo("w", t, new long[] {cols, rows}, 0, data.byteSize(), data);
        matrix = rewrite ? TestWeights.loaded("bench", info) : Matrix.of("bench", info);
        float[] raw = new float[batch * cols];
        for (int i = 0; i < raw.length; i++) raw[i] = (float) rnd.nextGaussian();
        x = new Activations(matrix.rounding());
        x.prepare(raw, raw.length);
        if (matrix.usesPanels(batch)) {
            x.reservePacked(batch, cols);
            x.packForPanels(batch, cols, 0, Gemm.steps(batch));
        }
        out = new float[batch * rows];
        scratch = new float[MatrixKernel.scratchFloats(cols)];
    }

    @Benchmark
    public float[] matmul() {
        matrix.matmul(0, rows, x, batch, out, scratch, streams);
        return out;
    }

    /** Runs this benchmark; JMH's own command-line options ({@code -p type=Q4_K -p batch=1 -wi 3 ...}) narrow or tune it. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        new Runner(new OptionsBuilder().parent(new CommandLineOptions(args)).include(KernelBenchmark.class.getSimpleName()).build()).run();
    }
}
