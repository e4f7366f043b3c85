package dev.litebench.bench.scenario;

import dev.litebench.bench.load.ClosedLoop;
import dev.litebench.bench.measure.RequestRecord;
import dev.litebench.bench.measure.Summary;
import dev.litebench.bench.result.Capacity;
import dev.litebench.bench.result.Level;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The largest concurrency whose chosen percentile of the chosen metric stays within the SLO: concurrency doubles
 * from 1 until a level fails, then the gap between the last pass and the first failure is bisected. Each tested
 * level runs {@code trials} independent closed-loop trials; a level passes when the mean over trials of the
 * percentile is within the SLO. Failed requests count as infinitely slow, so failures cannot make a level pass.
 */
final class CapacityScenario implements Scenario {

    @Override
    public void run(ScenarioContext ctx) throws InterruptedException {
        BenchSettings s = ctx.settings();
        ctx.measurer().warmUpConcurrent(s.warmupConcurrency(ScenarioName.CAPACITY), i -> ctx.target().uniquePrompt(s.prompt()));
        ctx.measurer().warmUp(s.warmupRequests(), i -> ctx.target().uniquePrompt(s.prompt()));
        ctx.result().cacheAllowance(ctx.target().uniquePromptSharedTokens());
        Search search = new Search(ctx);
        ctx.result().capacity(search.find());
    }

    /** The trials of one concurrency. */
    record Tested(int concurrency, double[] percentiles, double goodput) {
        double mean() {
            return Arrays.stream(percentiles).average().orElse(Double.POSITIVE_INFINITY);
        }

        boolean passes(double slo) {
            return mean() <= slo;
        }

        boolean passesEveryTrial(double slo) {
            return Arrays.stream(percentiles).allMatch(p -> p <= slo);
        }
    }

    /** Doubling then bisection over a level tester; separate from the measuring so it can be tested alone. */
    static final class Search {
        private final BenchSettings s;
        private final Function<Integer, Tested> tester;
        private final Map<Integer, Tested> tested = new TreeMap<>();

        Search(BenchSettings s, Function<Integer, Tested> tester) {
            this.s = s;
            this.tester = tester;
        }

        Search(ScenarioContext ctx) {
            this(ctx.settings(), c -> trials(ctx, c));
        }

        Capacity find() {
            double limit = limit(s);
            int max = s.capacityMaxConcurrency();
            int lo = 0;
            Integer hi = null;
            for (int c = 1; ; c = Math.min(c * 2, max)) {
                if (test(c).passes(limit)) {
                    lo = c;
                    if (c == max) break;
                } else {
                    hi = c;
                    break;
                }
            }
            for (int step = 0; hi != null && hi - lo > 1 && lo > 0 && step < s.capacityMaxSteps(); step++) {
                int mid = (lo + hi) / 2;
                if (test(mid).passes(limit)) lo = mid;
                else hi = mid;
            }
            Integer value = lo == 0 ? null : lo;
            Integer low = null;
            for (Tested t : tested.values()) {
                if (t.concurrency() > lo || !t.passesEveryTrial(limit)) break;
                low = t.concurrency();
            }
            Integer high = hi == null ? null : hi - 1;
            double goodput = value == null ? 0 : tested.get(value).goodput();
            return new Capacity(value, low, high, s.capacityMetric(), s.capacityPercentile(), limit, s.capacityTrials(), max,
                    goodput, text(value, low, high));
        }


        private Tested test(int c) {
            return tested.computeIfAbsent(c, tester);
        }

        static String text(Integer value, Integer low, Integer high) {
            if (value == null) return "below 1 (concurrency 1 misses the SLO)";
            if (high == null) return value + " or more (none up to the maximum missed the SLO)";
            int from = low == null ? 0 : low;
            if (from == value && high.equals(value)) return value + " (exact: " + value + " passes, " + (value + 1) + " fails)";
            return value + ", between " + from + " and " + high;
        }
    }

    /** The SLO that applies to the capacity metric: the TTFT or TPOT SLO when one was set for it, else E2E's. */
    static double limit(BenchSettings s) {
        return switch (s.capacityMetric()) {
            case "ttft", "ttfo" -> s.slo().ttftMs() != null ? s.slo().ttftMs() : s.slo().e2eMs();
            case "tpot" -> s.slo().tpotMs() != null ? s.slo().tpotMs() : s.slo().e2eMs();
            default -> s.slo().e2eMs();
        };
    }

    private static Tested trials(ScenarioContext ctx, int c) {
        BenchSettings s = ctx.settings();
        double[] percentiles = new double[s.capacityTrials()];
        double goodput = 0;
        for (int t = 0; t < percentiles.length; t++) {
            double start = ctx.nowMs();
            int level = ctx.result().levels().size();
            List<RequestRecord> records;
            try {
                records = ctx.measurer().run(String.format(Locale.ROOT, "capacity c=%d trial %d/%d", c, t + 1, percentiles.length),
                        new ClosedLoop(c, c * s.capacityRounds()), k -> ctx.target().uniquePrompt(s.prompt()), level, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.litebench.bench.BenchFailure("interrupted", e);
            }
            double end = ctx.nowMs();
            Summary summary = Summary.of(records, s.slo());
            percentiles[t] = percentileCountingFailures(records, s.capacityMetric(), s.capacityPercentile());
            goodput += summary.goodput() / percentiles.length;
            double limit = limit(s);
            ctx.result().add(new Level(c, null, null, t + 1, start, end, summary, ctx.target().telemetry().usage(start, end),
                    percentiles[t] <= limit, Double.isInfinite(percentiles[t]) ? null : percentiles[t], null));
            ctx.file().write();
        }
        return new Tested(c, percentiles, goodput);
    }

    /** Nearest-rank percentile over all requests, failed ones counting as infinitely slow. */
    static double percentileCountingFailures(List<RequestRecord> records, String metric, int p) {
        List<Double> values = new ArrayList<>();
        for (RequestRecord r : records) {
            Double v = r.ok() ? metric(r, metric) : null;
            values.add(v == null ? Double.POSITIVE_INFINITY : v);
        }
        values.sort(Double::compare);
        int rank = (int) Math.ceil(p / 100.0 * values.size());
        return values.get(Math.max(0, rank - 1));
    }

    private static Double metric(RequestRecord r, String metric) {
        return switch (metric) {
            case "ttft" -> r.ttftMs();
            case "ttfo" -> r.ttfoMs();
            case "tpot" -> r.tpotMs();
            default -> r.e2eMs();
        };
    }
}
