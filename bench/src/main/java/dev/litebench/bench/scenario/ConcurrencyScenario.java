package dev.litebench.bench.scenario;

import dev.litebench.bench.load.ClosedLoop;
import dev.litebench.bench.measure.RequestRecord;
import dev.litebench.bench.measure.Summary;
import dev.litebench.bench.result.Level;

import java.util.List;

/**
 * Closed loop at each concurrency level in turn: c workers each send {@code rounds} requests back to back.
 * Prompts are unique so that the prefix cache cannot flatter the numbers; resources are summarised per level.
 */
final class ConcurrencyScenario implements Scenario {

    @Override
    public void run(ScenarioContext ctx) throws InterruptedException {
        BenchSettings s = ctx.settings();
        Measurer m = ctx.measurer();
        m.warmUpConcurrent(s.warmupConcurrency(ScenarioName.CONCURRENCY), i -> ctx.target().uniquePrompt(s.prompt()));
        m.warmUp(s.warmupRequests(), i -> ctx.target().uniquePrompt(s.prompt()));
        ctx.result().cacheAllowance(ctx.target().uniquePromptSharedTokens());
        List<Integer> levels = s.concurrencyLevels();
        for (int i = 0; i < levels.size(); i++) {
            int c = levels.get(i);
            double start = ctx.nowMs();
            List<RequestRecord> records = m.run("concurrency " + c, new ClosedLoop(c, c * s.rounds()),
                    k -> ctx.target().uniquePrompt(s.prompt()), i, null);
            double end = ctx.nowMs();
            ctx.result().add(Level.concurrency(c, start, end, Summary.of(records, s.slo()), ctx.target().telemetry().usage(start, end)));
            ctx.file().write();
        }
    }
}
