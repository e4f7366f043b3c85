package dev.litebench.engine.runtime;

import dev.litebench.engine.generate.SamplingParams;
import dev.litebench.engine.generate.ThinkingSplitter;
import dev.litebench.engine.generate.TokenLogprobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs the engine's hot paths before it serves, as llama.cpp's server does with its warm-up decode. The JIT compiles
 * the Vector API kernels only after they have run a while interpreted and at C1, where every vector operation is a
 * call that allocates: a cold server's first request waited 3.7 s for its first token against 0.3 s warm
 * (docs/PERFORMANCE.md).
 * <p>
 * Each round takes its prompts from the caller's text (a server renders a chat through its template, so that the
 * template and tokenizer warm up too) and sends, through the scheduler like any request, one prompt long enough for
 * the prefill panels, as many short prompts as may decode together (batched decode), and one short prompt decoded
 * alone, each for a few tokens, half of them sampled and half greedy: every kernel these shapes use is called often
 * enough to be compiled within the round. Rounds repeat until one is no faster than the round before it, or until
 * the next one would end past the time budget. The first round costs what the JIT costs: 4.2 s on the 2-core EPYC VM
 * for a 0.6B Q8_0 model, against 0.9 s for the same round warm, while a first client request paid 2.5-3.4 s.
 */
public final class Warmup {
    /** Long enough for the packed prefill panels (which start at 40 activation rows). */
    static final int LONG_PROMPT_TOKENS = 48;
    static final int SHORT_PROMPT_TOKENS = 4;
    static final int DECODE_TOKENS = 4;
    /** Most short requests in one round: enough for the batched products of up to 8 sequences. */
    static final int MAX_TOGETHER = 8;
    static final int MIN_ROUNDS = 2;
    /** A round at least this much faster than the one before means the JIT is still improving the code. */
    static final double STILL_IMPROVING = 0.9;

    private Warmup() {}

    /**
     * @param rounds   rounds run
     * @param requests generations completed
     * @param nanos    wall time
     * @param lastRoundNanos the last round's wall time, for the log
     */
    public record Result(int rounds, int requests, long nanos, long lastRoundNanos) {}

    /**
     * Warms {@code engine} with prompts cut from {@code text} (called once per round), stopping before a round that
     * would end past {@code budgetNanos} (the first round always runs). Throws what a generation threw.
     */
    public static Result run(Engine engine, Supplier<int[]> text, long budgetNanos) throws InterruptedException {
        // every request fits one sequence's context and, alone, the KV pool, so none can be refused
        int room = Math.min(engine.contextSize(), engine.cache().capacityTokens());
        int longTokens = Math.max(1, Math.min(LONG_PROMPT_TOKENS, room / 2));
        int shortTokens = Math.max(1, Math.min(SHORT_PROMPT_TOKENS, room / 4));
        int decode = Math.max(1, Math.min(DECODE_TOKENS, room / 4));
        int together = Math.min(MAX_TOGETHER, engine.options().parallel());
        long start = System.nanoTime();
        long previous = Long.MAX_VALUE;
        int rounds = 0;
        int requests = 0;
        while (true) {
            long roundStart = System.nanoTime();
            int[] tokens = text.get();
            if (tokens.length == 0) throw new IllegalArgumentException("the warm-up text has no tokens");
            List<GenerationRequest> round = new ArrayList<>();
            round.add(request(prefix(tokens, longTokens, 0), decode, 0));
            for (int i = 0; i < together; i++) round.add(request(prefix(tokens, shortTokens, 1 + i), decode, i + 1));
            requests += complete(engine, round);
            requests += complete(engine, List.of(request(prefix(tokens, shortTokens, 1 + together), decode, 0)));
            rounds++;
            long now = System.nanoTime();
            long took = now - roundStart;
            boolean settled = rounds >= MIN_ROUNDS && took >= STILL_IMPROVING * previous;
            previous = took;
            // stop before a round that would most likely end past the budget
            if (settled || now - start + took > budgetNanos) return new Result(rounds, requests, now - start, took);
        }
    }

    /** {@code length} tokens of {@code text} starting at {@code offset}, so that no two prompts share a prefix. */
    private static int[] prefix(int[] text, int length, int offset) {
        int[] p = new int[length];
        for (int i = 0; i < length; i++) p[i] = text[(offset + i) % text.length];
        return p;
    }

    private static GenerationRequest request(int[] prompt, int tokens, int index) {
        SamplingParams.Builder sampling = SamplingParams.builder().maxTokens(tokens).ignoreEos(true);
        sampling = index % 2 == 0 ? sampling.temperature(0) : sampling.seed((long) index).topP(0.95);
        return new GenerationRequest(prompt, sampling.build(), false, false);
    }

    /** Submits {@code requests} together and waits for all of them; returns how many completed. */
    private static int complete(Engine engine, List<GenerationRequest> requests) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(requests.size());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        GenerationListener listener = new GenerationListener() {
            @Override
            public void onToken(int token, ThinkingSplitter.Delta text, TokenLogprobs logprobs) {
            }

            @Override
            public void onComplete(ThinkingSplitter.Delta tail, GenerationResult result) {
                done.countDown();
            }

            @Override
            public void onError(RuntimeException error) {
                failure.compareAndSet(null, error);
                done.countDown();
            }
        };
        for (GenerationRequest r : requests) engine.submit(r, listener);
        if (!done.await(10, TimeUnit.MINUTES)) throw new IllegalStateException("the warm-up's generations did not finish in 10 minutes");
        if (failure.get() != null) throw failure.get();
        return requests.size();
    }
}
