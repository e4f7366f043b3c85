package dev.litebench.bench.scenario;

import dev.litebench.bench.BenchFailure;
import dev.litebench.bench.api.GenerationRequest;
import dev.litebench.bench.load.ClosedLoop;
import dev.litebench.bench.load.LoadProfile;
import dev.litebench.bench.measure.RawExchange;
import dev.litebench.bench.measure.RequestRecord;
import dev.litebench.bench.measure.StreamAnalyzer;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Runs a load against the target and records every request in the scenario's result as it ends. Streams are
 * parsed on the request's own thread only after their last byte arrived.
 */
public final class Measurer {
    private static final long AUTOSAVE_MS = 1000;

    private final ScenarioContext ctx;
    private final StreamAnalyzer analyzer;

    Measurer(ScenarioContext ctx) {
        this.ctx = ctx;
        this.analyzer = new StreamAnalyzer(ctx.target().spec().api(), ctx.clock());
    }

    /**
     * Sends the load's requests (prompt {@code i} for request {@code i}) and returns their records in index order.
     *
     * @param level          the index of the scenario level these requests belong to, or null
     * @param requestedInput the prompt length in tokens the prompts were built to have, or null
     */
    public List<RequestRecord> run(String phase, LoadProfile load, IntFunction<String> prompt, Integer level,
                                   Integer requestedInput) throws InterruptedException {
        ctx.progress().begin(ctx.target().spec().label(), ctx.result().scenario(), phase, load.requests());
        RequestRecord[] records = new RequestRecord[load.requests()];
        int output = ctx.settings().outputTokens();
        String prefix = ctx.result().scenario() + (level == null ? "" : "-" + level) + "-";
        try (AutoCloseable ignored = ctx.file().autosave(AUTOSAVE_MS)) {
            load.run((i, intended) -> {
                RawExchange x = ctx.target().client().send(prefix + i, new GenerationRequest(prompt.apply(i), output), intended);
                RequestRecord r = analyzer.analyze(x, new StreamAnalyzer.Asked(level, output, requestedInput));
                records[i] = r;
                ctx.result().add(r);
                ctx.progress().request(r);
            });
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new BenchFailure(e.getMessage(), e);
        } finally {
            ctx.progress().end();
        }
        if (load instanceof ClosedLoop closed) ctx.target().servedConcurrency(Math.min(closed.concurrency(), closed.requests()));
        ctx.file().write();
        return Arrays.asList(records);
    }

    /**
     * Sends {@code n} requests one after another and forgets them, so that first-use costs (connections, JIT,
     * server caches) stay out of the measurement. Every measured request starts after the last warm-up ended.
     * Failed warm-ups are noted in the audit; the measured requests will show whether the server still fails.
     */
    public void warmUp(int n, IntFunction<String> prompt) throws InterruptedException {
        if (n == 0) return;
        discard("warm-up", "warmup-", new ClosedLoop(1, n), prompt);
    }

    /**
     * Before a scenario that keeps several requests in flight: one round of {@code concurrency} simultaneous
     * requests, forgotten, so that what a server does only for concurrent requests the first time (batched code
     * paths compiled or captured, buffers grown) is not charged to the scenario's first levels. Skipped when the
     * warm-up is switched off ({@code --warmup 0}) or this target already served that many requests at once in
     * this run.
     */
    public void warmUpConcurrent(int concurrency, IntFunction<String> prompt) throws InterruptedException {
        if (ctx.settings().warmupRequests() == 0 || concurrency <= ctx.target().servedConcurrency()) return;
        discard("warm-up at concurrency " + concurrency, "warmup-c" + concurrency + "-", new ClosedLoop(concurrency, concurrency), prompt);
    }

    private void discard(String phase, String idPrefix, ClosedLoop load, IntFunction<String> prompt) throws InterruptedException {
        ctx.progress().begin(ctx.target().spec().label(), ctx.result().scenario(), phase, load.requests());
        String[] lastError = new String[1];
        int[] failed = new int[1];
        load.run((i, intended) -> {
            RawExchange x = ctx.target().client().send(idPrefix + i, new GenerationRequest(prompt.apply(i), ctx.settings().outputTokens()), intended);
            RequestRecord r = analyzer.analyze(x, new StreamAnalyzer.Asked(null, ctx.settings().outputTokens(), null));
            synchronized (failed) {
                if (!r.ok()) {
                    failed[0]++;
                    lastError[0] = r.error().message();
                }
            }
            ctx.progress().request(r);
        });
        ctx.progress().end();
        ctx.target().servedConcurrency(load.concurrency());
        if (failed[0] > 0) ctx.result().warn(failed[0] + " of " + load.requests() + " requests of the " + phase + " failed (last: " + lastError[0] + ")");
    }
}
