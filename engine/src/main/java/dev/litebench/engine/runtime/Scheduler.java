package dev.litebench.engine.runtime;

import dev.litebench.engine.generate.Sampler;
import dev.litebench.engine.generate.SamplerScratch;
import dev.litebench.engine.generate.TokenConstraint;
import dev.litebench.engine.generate.ThinkingSplitter;
import dev.litebench.engine.generate.TokenLogprobs;
import dev.litebench.engine.model.ForwardPass;
import dev.litebench.engine.model.KVCache;
import dev.litebench.engine.model.Sequence;
import dev.litebench.engine.tokenizer.Tokenizer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Continuous batching. One thread runs steps; each step is one forward pass over the next token of every decoding
 * sequence plus chunks of waiting prompts, bounded by the step's row budget so decodes are never starved by a long
 * prompt. Requests are admitted while a slot is free and the KV pool can reserve their whole context
 * (prompt + max tokens), and retired as soon as they finish, freeing their blocks for the next admission. At
 * admission a prompt shares the cached blocks of its longest already computed prefix, and prefill starts after it.
 */
final class Scheduler implements Runnable {
    private final ForwardPass pass;
    private final KVCache cache;
    private final Tokenizer tokenizer;
    private final EngineOptions options;
    private final int contextSize;
    private final int vocab;
    private final int[] eog;

    private final ConcurrentLinkedQueue<Submission> incoming = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final ArrayDeque<Submission> waiting = new ArrayDeque<>();
    private final List<ActiveSequence> running = new ArrayList<>();
    private final SamplerScratch samplerScratch = new SamplerScratch();
    private volatile Thread thread;
    private volatile boolean stopped;
    private volatile int runningCount;

    // step buffers
    private final int[] tokens;
    private final int[] positions;
    private final Sequence[] rowSeqs;
    private final int[] logitRows;
    private final ActiveSequence[] logitOwners;
    private final float[] logits;

    Scheduler(ForwardPass pass, KVCache cache, Tokenizer tokenizer, EngineOptions options, int contextSize) {
        this.pass = pass;
        this.cache = cache;
        this.tokenizer = tokenizer;
        this.options = options;
        this.contextSize = contextSize;
        this.vocab = pass.config().vocabSize();
        this.eog = tokenizer.vocabulary().eogIds();
        int rows = pass.maxBatch();
        tokens = new int[rows];
        positions = new int[rows];
        rowSeqs = new Sequence[rows];
        logitRows = new int[options.parallel()];
        logitOwners = new ActiveSequence[options.parallel()];
        logits = new float[options.parallel() * vocab];
    }

    void start() {
        thread = Thread.ofPlatform().name("litebench-scheduler").daemon().start(this);
    }

    /** Stops the loop and waits for the step in progress to end, so the model can be unmapped safely. */
    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues a request; throws {@link QueueFullException} when the queue is at its bound. */
    Submission submit(GenerationRequest request, GenerationListener listener) {
        if (stopped) throw new IllegalStateException("the engine is shut down");
        int need = request.prompt().length + 1;
        int room = Math.min(contextSize, cache.capacityTokens());
        if (need > room) {
            throw new ContextOverflowException("the prompt has " + request.prompt().length + " tokens; the context holds "
                    + room + " (prompt and at least one generated token)");
        }
        if (queued.incrementAndGet() > options.maxQueue() + options.parallel()) {
            queued.decrementAndGet();
            throw new QueueFullException("the request queue is full (" + options.maxQueue() + " waiting)");
        }
        Submission s = new Submission(request, listener);
        incoming.add(s);
        LockSupport.unpark(thread);
        return s;
    }

    int running() {
        return runningCount;
    }

    int waiting() {
        return Math.max(0, queued.get() - runningCount);
    }

    @Override
    public void run() {
        while (!stopped) {
            for (Submission s; (s = incoming.poll()) != null; ) waiting.add(s);
            dropCancelledWaiting();
            admit();
            runningCount = running.size();
            if (running.isEmpty()) {
                LockSupport.park(this);
                continue;
            }
            try {
                step();
            } catch (RuntimeException e) {
                for (ActiveSequence a : running) fail(a, e);
                running.clear();
            }
        }
        for (ActiveSequence a : running) fail(a, new IllegalStateException("the engine was shut down"));
        for (Submission s; (s = incoming.poll()) != null; ) waiting.add(s);
        for (Submission s : waiting) s.listener().onError(new IllegalStateException("the engine was shut down"));
    }

    private void dropCancelledWaiting() {
        for (Iterator<Submission> it = waiting.iterator(); it.hasNext(); ) {
            Submission s = it.next();
            if (s.cancelled()) {
                it.remove();
                queued.decrementAndGet();
                s.listener().onComplete(ThinkingSplitter.Delta.EMPTY, new GenerationResult(FinishReason.CANCELLED,
                        s.request().prompt().length, 0, 0, null, new Timings(s.submittedNanos, 0, 0, 0, 0, 0, 0)));
            }
        }
    }

    private void admit() {
        while (!waiting.isEmpty() && running.size() < options.parallel()) {
            Submission s = waiting.peek();
            GenerationRequest r = s.request();
            int max = r.sampling().maxTokens();
            int limit = max < 0 ? contextSize : Math.min(contextSize, r.prompt().length + max);
            if (limit > cache.capacityTokens()) limit = cache.capacityTokens();
            ActiveSequence a = new ActiveSequence(s, new Sampler(r.sampling(), eog, samplerScratch),
                    new TextStream(tokenizer, r.sampling().stop(), r.startsInReasoning(), r.splitReasoning()), limit);
            int cached = a.kv.admit(cache, r.prompt(), limit);
            if (cached < 0) return; // wait for running sequences to free blocks
            a.cachedTokens = cached;
            a.prefilled = cached;
            waiting.poll();
            running.add(a);
        }
    }

    private void step() {
        int rows = 0;
        int logitCount = 0;
        int budget = pass.maxBatch();
        long now = System.nanoTime();
        for (ActiveSequence a : running) {
            if (a.prefilling()) continue;
            tokens[rows] = a.lastToken;
            positions[rows] = a.kv.length();
            rowSeqs[rows] = a.kv;
            logitRows[logitCount] = rows;
            logitOwners[logitCount++] = a;
            rows++;
        }
        for (ActiveSequence a : running) {
            if (!a.prefilling() || rows >= budget) continue;
            int[] prompt = a.request.prompt();
            int n = Math.min(prompt.length - a.prefilled, budget - rows);
            if (a.firstStepNanos == 0) a.firstStepNanos = now;
            for (int i = 0; i < n; i++) {
                tokens[rows] = prompt[a.prefilled + i];
                positions[rows] = a.prefilled + i;
                rowSeqs[rows] = a.kv;
                rows++;
            }
            a.prefilled += n;
            if (!a.prefilling()) {
                logitRows[logitCount] = rows - 1;
                logitOwners[logitCount++] = a;
            }
        }
        pass.forward(rows, tokens, positions, rowSeqs, cache, logitRows, logitCount, logits);
        long after = System.nanoTime();
        for (int j = 0; j < logitCount; j++) sampleAndEmit(logitOwners[j], j, after);
        for (ActiveSequence a : running) {
            if (a.submission.cancelled()) finish(a, FinishReason.CANCELLED);
        }
        running.removeIf(a -> a.generated < 0);
    }

    private void sampleAndEmit(ActiveSequence a, int row, long now) {
        if (a.generated < 0) return;
        TokenConstraint constraint = a.request.constraint();
        if (constraint != null) constraint.mask(logits, row * vocab, vocab);
        int token = a.sampler.sample(logits, row * vocab, vocab, a.history);
        TokenLogprobs lp = a.request.sampling().wantsLogprobs() ? a.sampler.lastLogprobs() : null;
        if (a.firstTokenNanos == 0) a.firstTokenNanos = now;
        a.lastTokenNanos = now;
        if (tokenizer.isEog(token) || a.request.sampling().stopTokenIds().contains(token)) {
            finish(a, FinishReason.STOP);
            return;
        }
        a.generated++;
        a.history.add(token);
        a.lastToken = token;
        if (constraint != null) constraint.accept(token);
        a.listener.onToken(token, a.text.feed(token), lp);
        if (a.text.stopped() || (constraint != null && constraint.complete())) finish(a, FinishReason.STOP);
        else if (a.generated >= a.maxTokens()) finish(a, FinishReason.LENGTH);
    }

    /** Ends a sequence: releases its blocks, reports the result, marks it for removal (generated = -1). */
    private void finish(ActiveSequence a, FinishReason reason) {
        if (a.generated < 0) return;
        int completion = a.generated;
        a.kv.release(cache);
        a.generated = -1;
        queued.decrementAndGet();
        long start = a.firstStepNanos == 0 ? System.nanoTime() : a.firstStepNanos;
        double queueMs = (start - a.submission.submittedNanos) / 1e6;
        double promptMs = a.firstTokenNanos == 0 ? 0 : (a.firstTokenNanos - start) / 1e6;
        double predictedMs = a.firstTokenNanos == 0 ? 0 : (a.lastTokenNanos - a.firstTokenNanos) / 1e6;
        Timings t = new Timings(a.submission.submittedNanos, a.prefilled - a.cachedTokens, a.cachedTokens, queueMs, promptMs,
                completion, predictedMs);
        ThinkingSplitter.Delta tail = reason == FinishReason.CANCELLED ? ThinkingSplitter.Delta.EMPTY : a.text.finish();
        a.listener.onComplete(tail, new GenerationResult(reason, a.request.prompt().length, completion, a.cachedTokens,
                a.text.matchedStop(), t));
    }

    private void fail(ActiveSequence a, RuntimeException e) {
        if (a.generated < 0) return;
        a.kv.release(cache);
        a.generated = -1;
        queued.decrementAndGet();
        a.listener.onError(e);
    }
}
