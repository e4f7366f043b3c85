package dev.litebench.bench.scenario;

import dev.litebench.bench.load.ClosedLoop;
import dev.litebench.bench.measure.RequestRecord;

import java.util.List;

/**
 * The evaluations' latency protocol: warm-up, then N requests of one prompt, one after another, each forced to
 * the same output length. The prompt is deliberately the same every time, as in the evaluations, so a server's
 * prefix cache may serve it; the audit counts those hits.
 */
final class LatencyScenario implements Scenario {

    @Override
    public void run(ScenarioContext ctx) throws InterruptedException {
        BenchSettings s = ctx.settings();
        Measurer m = ctx.measurer();
        m.warmUp(s.warmupRequests(), i -> s.prompt());
        List<RequestRecord> records = m.run("sequential", new ClosedLoop(1, s.latencyRequests()), i -> s.prompt(), null, null);
        ctx.result().tokenDrift(TokenDriftCheck.check(records, ctx.target().tokenizer()));
    }
}
