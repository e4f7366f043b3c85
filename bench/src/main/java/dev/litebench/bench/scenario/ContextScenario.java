package dev.litebench.bench.scenario;

import dev.litebench.bench.BenchFailure;
import dev.litebench.bench.load.ClosedLoop;
import dev.litebench.bench.measure.RequestRecord;
import dev.litebench.bench.measure.Summary;
import dev.litebench.bench.result.Level;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Latency as the input grows: for each input length, requests one at a time with prompts of exactly that many
 * tokens, each unique from its first token so no prefix cache can help (checked from {@code cached_tokens}).
 * Growth is the mean TTFT and mean E2E relative to the shortest length.
 */
final class ContextScenario implements Scenario {

    @Override
    public void run(ScenarioContext ctx) throws InterruptedException {
        BenchSettings s = ctx.settings();
        ctx.measurer().warmUp(s.warmupRequests(), i -> ctx.target().uniquePrompt(s.prompt()));
        ctx.result().cacheAllowance(ctx.target().uniquePromptSharedTokens());
        PromptFitter fitter = PromptFitter.forTarget(ctx);
        List<Integer> lengths = s.contextLengths();
        List<Summary> summaries = new ArrayList<>();
        List<double[]> windows = new ArrayList<>();
        for (int i = 0; i < lengths.size(); i++) {
            int length = lengths.get(i);
            List<String> prompts;
            try {
                prompts = fitter.prompts(length, s.contextRequests());
            } catch (IOException e) {
                throw new BenchFailure("building prompts of " + length + " tokens: " + e.getMessage(), e);
            }
            double start = ctx.nowMs();
            List<RequestRecord> records = ctx.measurer().run("input " + length + " tokens",
                    new ClosedLoop(1, prompts.size()), prompts::get, i, length);
            double end = ctx.nowMs();
            summaries.add(Summary.of(records, s.slo()));
            windows.add(new double[] {start, end});
        }
        int shortest = 0;
        for (int i = 1; i < lengths.size(); i++) if (lengths.get(i) < lengths.get(shortest)) shortest = i;
        for (int i = 0; i < lengths.size(); i++) {
            Summary sum = summaries.get(i);
            Level.Growth growth = new Level.Growth(growth(sum.ttftMs(), summaries.get(shortest).ttftMs()),
                    growth(sum.e2eMs(), summaries.get(shortest).e2eMs()));
            ctx.result().add(new Level(null, lengths.get(i), null, null, windows.get(i)[0], windows.get(i)[1], sum,
                    ctx.target().telemetry().usage(windows.get(i)[0], windows.get(i)[1]), null, null, growth));
        }
        fitter.warnings().stream().distinct().forEach(ctx.result()::warn);
    }

    private static Double growth(dev.litebench.bench.measure.Distribution d, dev.litebench.bench.measure.Distribution base) {
        if (d == null || base == null || base.mean() <= 0) return null;
        return (d.mean() / base.mean() - 1) * 100;
    }
}
