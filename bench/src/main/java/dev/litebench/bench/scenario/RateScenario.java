package dev.litebench.bench.scenario;

import dev.litebench.bench.BenchFailure;
import dev.litebench.bench.load.PoissonArrivals;
import dev.litebench.bench.measure.RequestRecord;
import dev.litebench.bench.measure.Summary;
import dev.litebench.bench.result.Level;
import dev.litebench.bench.result.ScenarioResult;

import java.util.List;
import java.util.Locale;

/**
 * Open loop: Poisson arrivals at each rate. Latency counts from the intended send time, so queueing anywhere
 * (server or client) shows. Without {@code --rates}, the rates are 25, 50, 75 and 100% of the best request
 * throughput the concurrency scenario measured on this target.
 */
final class RateScenario implements Scenario {
    private static final double[] AUTO_FRACTIONS = {0.25, 0.5, 0.75, 1.0};

    @Override
    public void run(ScenarioContext ctx) throws InterruptedException {
        BenchSettings s = ctx.settings();
        List<Double> rates = s.rates().isEmpty() ? autoRates(ctx) : s.rates();
        ctx.measurer().warmUpConcurrent(s.warmupConcurrency(ScenarioName.RATE), i -> ctx.target().uniquePrompt(s.prompt()));
        ctx.measurer().warmUp(s.warmupRequests(), i -> ctx.target().uniquePrompt(s.prompt()));
        ctx.result().cacheAllowance(ctx.target().uniquePromptSharedTokens());
        for (int i = 0; i < rates.size(); i++) {
            double rate = rates.get(i);
            double start = ctx.nowMs();
            List<RequestRecord> records = ctx.measurer().run(String.format(Locale.ROOT, "rate %.3g/s", rate),
                    new PoissonArrivals(rate, s.rateRequests(), s.seed() + i), k -> ctx.target().uniquePrompt(s.prompt()), i, null);
            double end = ctx.nowMs();
            ctx.result().add(new Level(null, null, rate, null, start, end, Summary.of(records, s.slo()),
                    ctx.target().telemetry().usage(start, end), null, null, null));
            ctx.file().write();
        }
    }

    static List<Double> autoRates(ScenarioContext ctx) {
        ScenarioResult concurrency = ctx.earlier().get(ScenarioName.CONCURRENCY);
        double peak = concurrency == null ? 0 : concurrency.levels().stream()
                .mapToDouble(l -> l.summary().requestThroughput()).max().orElse(0);
        if (!(peak > 0)) throw new BenchFailure("no request rates: give --rates, or run the concurrency scenario first");
        ctx.progress().note(String.format(Locale.ROOT, "rates from the best measured throughput %.3f req/s", peak));
        return java.util.Arrays.stream(AUTO_FRACTIONS).mapToObj(f -> f * peak).toList();
    }
}
