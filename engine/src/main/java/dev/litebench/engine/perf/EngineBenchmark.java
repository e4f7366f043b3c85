package dev.litebench.engine.perf;

import dev.litebench.engine.gguf.GGUFFile;
import dev.litebench.engine.kernel.Compute;
import dev.litebench.engine.model.ForwardPass;
import dev.litebench.engine.model.KVCache;
import dev.litebench.engine.model.Sequence;
import dev.litebench.engine.model.Transformer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The counterpart of llama-bench: times the forward pass itself (no sampling, no tokenizer, no HTTP) on random
 * tokens. {@code ppN}: one batch of N prompt tokens into an empty cache. {@code tgN}: N single-token decode steps
 * from an empty cache. {@code tgNxB}: B sequences decoded together for N steps (B x N tokens in total). Each test
 * runs once to warm up, then {@code repetitions} timed times; the cache is cleared before every run.
 */
public final class EngineBenchmark implements AutoCloseable {

    /** One test's result. Rates are tokens per second of each timed run. */
    public record Result(String test, int nPrompt, int nGen, int batch, double[] tokensPerSecond, long[] nanos) {
        public double avgTs() {
            return Arrays.stream(tokensPerSecond).average().orElse(0);
        }

        public double stddevTs() {
            return stddev(tokensPerSecond);
        }

        public double avgNs() {
            return Arrays.stream(nanos).average().orElse(0);
        }

        public double stddevNs() {
            return stddev(Arrays.stream(nanos).asDoubleStream().toArray());
        }

        private static double stddev(double[] v) {
            if (v.length < 2) return 0;
            double mean = Arrays.stream(v).average().orElse(0);
            double ss = 0;
            for (double x : v) ss += (x - mean) * (x - mean);
            return Math.sqrt(ss / (v.length - 1));
        }
    }

    private final Transformer model;
    private final Compute compute;
    private final SplittableRandom random = new SplittableRandom(1234);
    private ForwardPass pass;
    private KVCache cache;
    private float[] logits;

    public EngineBenchmark(GGUFFile file, int threads) {
        this.model = Transformer.load(file);
        int maxCols = Math.max(model.config().hidden(), Math.max(model.config().qDim(), model.config().ffn()));
        this.compute = new Compute(threads, maxCols);
    }

    @Override
    public void close() {
        compute.close();
    }

    public Transformer model() {
        return model;
    }

    /** Runs pp{p} for each p, then tg{n} and tg{n}x{b} for each b (b = 1 is plain tg{n}). */
    public List<Result> run(int[] prompts, int gen, int[] batches, int repetitions, Consumer<Result> onResult) {
        int rows = Math.max(Arrays.stream(prompts).max().orElse(1), Arrays.stream(batches).max().orElse(1));
        int tokens = Math.max(Arrays.stream(prompts).max().orElse(1),
                Arrays.stream(batches).max().orElse(1) * (gen + KVCache.BLOCK_TOKENS));
        pass = new ForwardPass(model.config(), model.weights(), compute, rows);
        cache = new KVCache(model.config(), tokens);
        logits = new float[Arrays.stream(batches).max().orElse(1) * model.config().vocabSize()];
        List<Result> results = new ArrayList<>();
        for (int p : prompts) {
            if (p <= 0) continue;
            Result r = measure("pp" + p, p, 0, 1, repetitions, () -> prompt(p));
            results.add(r);
            onResult.accept(r);
        }
        if (gen > 0) {
            for (int b : batches) {
                Result r = measure(b == 1 ? "tg" + gen : "tg" + gen + "x" + b, 0, gen, b, repetitions, () -> decode(gen, b));
                results.add(r);
                onResult.accept(r);
            }
        }
        return results;
    }

    private Result measure(String test, int nPrompt, int nGen, int batch, int repetitions, Runnable body) {
        body.run(); // warm-up: JIT, page cache, KV blocks
        double[] ts = new double[repetitions];
        long[] ns = new long[repetitions];
        long tokens = nPrompt > 0 ? nPrompt : (long) nGen * batch;
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            body.run();
            ns[i] = System.nanoTime() - start;
            ts[i] = tokens * 1e9 / ns[i];
        }
        return new Result(test, nPrompt, nGen, batch, ts, ns);
    }

    private void prompt(int n) {
        Sequence seq = new Sequence();
        seq.reserve(cache, n);
        int[] tokens = randomTokens(n);
        int[] positions = new int[n];
        Sequence[] seqs = new Sequence[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i;
            seqs[i] = seq;
        }
        pass.forward(n, tokens, positions, seqs, cache, new int[] {n - 1}, 1, logits);
        seq.release(cache);
    }

    private void decode(int steps, int batch) {
        Sequence[] seqs = new Sequence[batch];
        int[] rows = new int[batch];
        for (int b = 0; b < batch; b++) {
            seqs[b] = new Sequence();
            seqs[b].reserve(cache, steps);
            rows[b] = b;
        }
        int[] positions = new int[batch];
        int[] tokens = randomTokens(steps * batch);
        int[] stepTokens = new int[batch];
        for (int s = 0; s < steps; s++) {
            Arrays.fill(positions, s);
            System.arraycopy(tokens, s * batch, stepTokens, 0, batch);
            pass.forward(batch, stepTokens, positions, seqs, cache, rows, batch, logits);
        }
        for (Sequence seq : seqs) seq.release(cache);
    }

    private int[] randomTokens(int n) {
        return random.ints(n, 0, model.config().vocabSize()).toArray();
    }
}
