package dev.litebench.bench;

import dev.litebench.bench.api.ApiShape;
import dev.litebench.bench.api.GenerationRequest;
import dev.litebench.bench.http.Endpoint;
import dev.litebench.bench.http.HttpTransport;
import dev.litebench.bench.load.ClosedLoop;
import dev.litebench.bench.loopback.LoopbackBehavior;
import dev.litebench.bench.loopback.LoopbackServer;
import dev.litebench.bench.measure.RequestRecord;
import dev.litebench.bench.measure.RunClock;
import dev.litebench.bench.measure.Slo;
import dev.litebench.bench.measure.StreamAnalyzer;
import dev.litebench.bench.measure.StreamingClient;
import dev.litebench.bench.result.ResultJson;
import dev.litebench.bench.result.ScenarioResult;
import dev.litebench.bench.result.TargetInfo;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the client's own hot paths (sending, stamping, SSE parsing, analysis, summaries, result JSON) against the
 * loopback server until the JIT has compiled them, once per process, before any target is measured. A real target
 * streams a few dozen chunks a second, so without this the client would spend its first minutes of measurement in
 * the interpreter and the JIT compilers: on a 2-core machine, measured against llama-server at one stream, 9.8% of
 * a core in the bench process, half of it compiler threads, taken from the server it measures.
 */
final class ClientWarmup {
    private static final int STREAMS = 8;
    private static final int REQUESTS = 400;
    private static final int TOKENS = 32;
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private ClientWarmup() {}

    /** Warms the client for each API shape in {@code apis}, once per process: false (at once) for later calls. */
    static boolean run(Collection<ApiShape> apis) throws InterruptedException {
        if (!DONE.compareAndSet(false, true)) return false;
        warm(apis);
        return true;
    }

    /**
     * Streams {@link #REQUESTS} requests per API shape from the loopback server and analyses and serializes them as
     * a scenario would; returns how many requests succeeded. The warm-up only saves CPU time later: if it cannot run
     * (no loopback socket), the run goes ahead without it.
     */
    static int warm(Collection<ApiShape> apis) throws InterruptedException {
        RunClock clock = RunClock.start();
        Slo slo = new Slo(1000, null, null);
        int ok = 0;
        try (LoopbackServer server = LoopbackServer.start(new LoopbackBehavior().ttftMs(0).itlMs(0), 0);
             HttpTransport http = new HttpTransport(Endpoint.parse(server.url()), null, 10_000, 60_000)) {
            for (ApiShape api : apis) {
                StreamingClient client = new StreamingClient(http, api, "loopback", true);
                StreamAnalyzer analyzer = new StreamAnalyzer(api, clock);
                ConcurrentLinkedQueue<RequestRecord> records = new ConcurrentLinkedQueue<>();
                new ClosedLoop(STREAMS, REQUESTS).run((i, intended) -> records.add(analyzer.analyze(
                        client.send("client-warmup-" + i, new GenerationRequest("warm up " + i, TOKENS), intended),
                        new StreamAnalyzer.Asked(null, TOKENS, null))));
                // what autosaves do with them, as often as a scenario's file would be rewritten
                ScenarioResult result = new ScenarioResult("warmup", "quick", new TargetInfo("warmup", "endpoint", server.url(),
                        "loopback", api.name(), List.of(), null, true, null), Map.of(), slo, clock, 0, "warmup", () -> null, null);
                int n = 0;
                for (RequestRecord r : records) {
                    result.add(r);
                    if (r.ok()) ok++;
                    if (++n % STREAMS == 0) ResultJson.MAPPER.writeValue(OutputStream.nullOutputStream(), result.snapshot());
                }
            }
        } catch (IOException e) {
            // see above: the run goes ahead without it
        }
        return ok;
    }
}
