package dev.litebench.engine.bench;

import dev.litebench.engine.gguf.GGUFFile;
import dev.litebench.engine.tokenizer.BpeTrainer;
import dev.litebench.engine.tokenizer.MixedText;
import dev.litebench.engine.tokenizer.Tokenizer;
import dev.litebench.engine.tokenizer.Vocabulary;
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
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Tokenizing 1 MiB of mixed Chinese / English / code text ({@link MixedText}, seed 42).
 * <ul>
 *   <li>{@code vocab=qwen3}: the reconstructed Qwen3 vocabulary (151,936 tokens, 151,387 merges) from the
 *       fixtures ({@code -Dlitebench.fixtures}, default {@code ../shared/fixtures} from the repository root);</li>
 *   <li>{@code vocab=trained}: an 8,448-token vocabulary learned by {@link BpeTrainer} from the same text.</li>
 * </ul>
 * {@code encode}: with the per-pre-token cache (warm after the first call, the steady state of a server);
 * {@code encodeNoCache}: BPE for every pre-token; {@code decode}: the ids back to text.
 * Run: {@code scripts/mvn -q -pl engine test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt
 * -Dmdep.includeScope=test} then {@code java -cp engine/target/test-classes:engine/target/classes:$(cat
 * engine/target/test-cp.txt) dev.litebench.engine.bench.TokenizerBenchmark} from the repository root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class TokenizerBenchmark {
    private static final String QWEN3 = "tokenizer/qwen3-vocab-reconstructed.gguf";

    @Param({"qwen3", "trained"})
    public String vocab;

    private String text;
    private Tokenizer cached;
    private Tokenizer uncached;
    private int[] ids;

    static Path fixtures() {
        return Path.of(System.getProperty("litebench.fixtures", "../shared/fixtures"));
    }

    @Setup
    public void setup() {
        text = MixedText.generate(1 << 20, 42);
        Vocabulary v;
        if (vocab.equals("qwen3")) {
            try (GGUFFile f = GGUFFile.open(fixtures().resolve(QWEN3))) {
                v = Vocabulary.fromGguf(f.meta());
            }
        } else {
            v = BpeTrainer.train(text, 256 + 8192).vocabularyBuilder().build();
        }
        cached = new Tokenizer(v);
        uncached = new Tokenizer(v, 0);
        ids = cached.encode(text, false);
    }

    @Benchmark
    public int[] encode() {
        return cached.encode(text, false);
    }

    @Benchmark
    public int[] encodeNoCache() {
        return uncached.encode(text, false);
    }

    @Benchmark
    public String decode() {
        return cached.decode(ids);
    }

    public static void main(String[] args) throws RunnerException {
        ChainedOptionsBuilder opts = new OptionsBuilder().include(TokenizerBenchmark.class.getSimpleName());
        Path fixtures = fixtures().toAbsolutePath().normalize();
        if (Files.exists(fixtures.resolve(QWEN3))) {
            opts.jvmArgsAppend("-Dlitebench.fixtures=" + fixtures);
        } else {
            System.err.println(fixtures.resolve(QWEN3) + " not found: benchmarking the trained vocabulary only");
            opts.param("vocab", "trained");
        }
        new Runner(opts.build()).run();
    }
}
