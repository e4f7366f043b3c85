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
 * from an empty cache. {@code tgNxB}: B sequences decoded together for N steps (B x N tokens in total). With a depth
 * D (llama-bench's {@code -d}), every sequence first holds D tokens of context, computed before the clock starts,
 * and the test is named {@code ppN@dD} / {@code tgN@dD}. Each test runs once to warm up, then {@code repetitions}
 * timed times; the cache is cleared before every run. Before the first test, single-token steps run until the compute
 * has measured which row order this CPU reads fastest ({@link Compute#rowStreams}), so no timed run holds those trials.
 */
public final class EngineBenchmark implements AutoCloseable {

    /** One test's result. Rates are tokens per second of each timed run. */
    public record Result(String test, int nPrompt, int nGen, int batch, int depth, double[] tokensPerSecond, long[] nanos) {
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
    /** Context is computed in prompt batches of up to this many tokens. */
    private static final int PREFILL_ROWS = 512;
    /** More decode steps than the row-order trials take. */
    private static final int TUNING_STEPS = 64;

    private ForwardPass pass;
    private int rows;
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

    /** The interleaved row streams the decode products use (see {@link Compute#rowStreams}). */
    public int rowStreams() {
        return compute.rowStreams();
    }

    /** Runs pp{p} for each p, then tg{n} and tg{n}x{b} for each b (b = 1 is plain tg{n}), all after {@code depth} tokens. */
    public List<Result> run(int[] prompts, int gen, int[] batches, int depth, int repetitions, Consumer<Result> onResult) {
        int maxPrompt = Arrays.stream(prompts).max().orElse(1), maxBatch = Arrays.stream(batches).max().orElse(1);
        rows = Math.max(Math.max(maxPrompt, maxBatch), Math.min(depth, PREFILL_ROWS));
        int tokens = Math.max(Math.max(depth + maxPrompt, TUNING_STEPS), maxBatch * (depth + gen + KVCache.BLOCK_TOKENS));
        pass = new ForwardPass(model.config(), model.weights(), compute, rows);
        cache = new KVCache(model.config(), tokens);
        logits = new float[Math.max(maxBatch, 1) * model.config().vocabSize()];
        if (compute.rowStreams() == 0) decode(TUNING_STEPS, 1, 0);
        String at = depth > 0 ? "@d" + depth : "";
        List<Result> results = new ArrayList<>();
        for (int p : prompts) {
            if (p <= 0) continue;
            Result r = measure("pp" + p + at, p, 0, 1, depth, repetitions, () -> prompt(p, depth));
            results.add(r);
            onResult.accept(r);
        }
        if (gen > 0) {
            for (int b : batches) {
                Result r = measure((b == 1 ? "tg" + gen : "tg" + gen + "x" + b) + at, 0, gen, b, depth, repetitions, () -> decode(gen, b, depth));
                results.add(r);
                onResult.accept(r);
            }
        }
        return results;
    }

    /** One run of a test: computes its context, then returns the nanoseconds of the timed part. */
    private interface Run {
        long nanos();
    }

    private Result measure(String test, int nPrompt, int nGen, int batch, int depth, int repetitions, Run body) {
        body.nanos(); // warm-up: JIT, page cache, KV blocks
        double[] ts = new double[repetitions];
        long[] ns = new long[repetitions];
        long tokens = nPrompt > 0 ? nPrompt : (long) nGen * batch;
        for (int i = 0; i < repetitions; i++) {
            ns[i] = body.nanos();
            ts[i] = tokens * 1e9 / ns[i];
        }
        return new Result(test, nPrompt, nGen, batch, depth, ts, ns);
    }

    private long prompt(int n, int depth) {
        Sequence seq = new Sequence();
        seq.reserve(cache, depth + n);
        fill(seq, depth);
        long start = System.nanoTime();
        pass.forwardSequence(cache, seq, randomTokens(n), depth, logits);
        long nanos = System.nanoTime() - start;
        seq.release(cache);
        return nanos;
    }

    private long decode(int steps, int batch, int depth) {
        Sequence[] seqs = new Sequence[batch];
        int[] logitRows = new int[batch];
        for (int b = 0; b < batch; b++) {
            seqs[b] = new Sequence();
            seqs[b].reserve(cache, depth + steps);
            fill(seqs[b], depth);
            logitRows[b] = b;
        }
        int[] positions = new int[batch];
        int[] tokens = randomTokens(steps * batch);
        int[] stepTokens = new int[batch];
        long start = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            Arrays.fill(positions, depth + s);
            System.arraycopy(tokens, s * batch, stepTokens, 0, batch);
            pass.forward(batch, stepTokens, positions, seqs, cache, logitRows, batch, logits);
        }
        long nanos = System.nanoTime() - start;
        for (Sequence seq : seqs) seq.release(cache);
        return nanos;
    }

    /** Computes {@code depth} tokens of context for a sequence, in batches of up to {@link #rows}. */
    private void fill(Sequence seq, int depth) {
        for (int from = 0; from < depth; from += rows) pass.forwardSequence(cache, seq, randomTokens(Math.min(rows, depth - from)), from, logits);
    }

    private int[] randomTokens(int n) {
        return random.ints(n, 0, model.config().vocabSize()).toArray();
    }
}
