package dev.litebench.bench.report;

import dev.litebench.bench.report.input.ResultDocument;
import dev.litebench.bench.report.input.ResultDocument.LevelResult;
import dev.litebench.bench.report.input.ResultDocument.RequestResult;
import dev.litebench.bench.report.input.ResultDocument.Resources;
import dev.litebench.bench.report.input.ResultDocument.SetSummary;
import dev.litebench.bench.report.input.ResultDocument.Stats;
import dev.litebench.bench.report.input.TargetResults;
import dev.litebench.bench.scenario.ScenarioName;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The numbers the report compares, read from one target's results; null where the scenario did not run or
 * measured nothing. Medians come with their interval from the raw requests (see {@link Estimate#median}). Totals
 * and peaks over scenarios (warnings, failures, memory) count only the {@code shared} scenarios, those every
 * target ran, so that targets measured in more scenarios are not judged on more.
 */
final class TargetMetrics {
    private final TargetResults target;
    private final Set<ScenarioName> shared;

    TargetMetrics(TargetResults target, Set<ScenarioName> shared) {
        this.target = target;
        this.shared = shared;
    }

    /** One TargetMetrics per target, sharing the scenarios all of them ran. */
    static List<TargetMetrics> of(List<TargetResults> targets) {
        Set<ScenarioName> shared = EnumSet.allOf(ScenarioName.class);
        targets.forEach(t -> shared.retainAll(t.results().keySet()));
        return targets.stream().map(t -> new TargetMetrics(t, shared)).toList();
    }

    Set<ScenarioName> shared() {
        return shared;
    }

    TargetResults target() {
        return target;
    }

    /** A value and where it was found (a concurrency, a rate), for values picked among levels. */
    record Located(Estimate estimate, String where) {}

    // latency: sequential requests of one prompt

    Estimate latencyMedian(Function<SetSummary, Stats> metric, Function<RequestResult, Double> perRequest) {
        ResultDocument r = target.result(ScenarioName.LATENCY);
        return r == null ? null : median(r.summary(), metric, r.requests(), perRequest);
    }

    Estimate latencyOutputThroughput() {
        ResultDocument r = target.result(ScenarioName.LATENCY);
        return r == null || r.summary().requestsOk() == 0 ? null : Estimate.point(r.summary().outputTokenThroughput());
    }

    /** The output length the latency scenario forced, null without one. */
    Integer latencyOutputTokens() {
        ResultDocument r = target.result(ScenarioName.LATENCY);
        return r == null || r.config() == null || !r.config().has("output_tokens") ? null : r.config().get("output_tokens").asInt();
    }

    // concurrency: closed loop at each level

    List<LevelResult> concurrencyLevels() {
        return levels(ScenarioName.CONCURRENCY);
    }

    /** The median of a metric at concurrency c, with its interval from that level's requests. */
    Estimate atConcurrency(int c, Function<SetSummary, Stats> metric, Function<RequestResult, Double> perRequest) {
        ResultDocument r = target.result(ScenarioName.CONCURRENCY);
        if (r == null) return null;
        for (int i = 0; i < r.levels().size(); i++) {
            LevelResult l = r.levels().get(i);
            if (Objects.equals(l.concurrency(), c)) {
                int index = i;
                return median(l.summary(), metric, r.requests().stream().filter(q -> Objects.equals(q.level(), index)).toList(), perRequest);
            }
        }
        return null;
    }

    /** A percentile (not the median: no interval) of a metric at concurrency c. */
    Estimate percentileAtConcurrency(int c, Function<SetSummary, Stats> metric, int percentile) {
        return concurrencyLevels().stream().filter(l -> Objects.equals(l.concurrency(), c)).findFirst()
                .map(l -> metric.apply(l.summary())).map(s -> Estimate.point(percentile(s, percentile))).orElse(null);
    }

    Located peakOutputThroughput() {
        return concurrencyLevels().stream().filter(l -> l.summary().requestsOk() > 0)
                .max(Comparator.comparingDouble(l -> l.summary().outputTokenThroughput()))
                .map(l -> new Located(Estimate.point(l.summary().outputTokenThroughput()), "c=" + l.concurrency())).orElse(null);
    }

    // capacity

    ResultDocument.CapacityResult capacityResult() {
        ResultDocument r = target.result(ScenarioName.CAPACITY);
        return r == null ? null : r.capacity();
    }

    /** The capacity with the bracket [low, high] of its search (no upper bound when no concurrency failed). */
    Estimate capacity() {
        var c = capacityResult();
        if (c == null || c.value() == null) return null;
        double low = c.low() == null ? c.value() : c.low();
        double high = c.high() == null ? Double.POSITIVE_INFINITY : c.high();
        return new Estimate(c.value(), new Estimate.Interval(low, high));
    }

    // context: sequential requests at each input length

    List<LevelResult> contextLevels() {
        return levels(ScenarioName.CONTEXT);
    }

    Estimate contextMean(int inputTokens, Function<SetSummary, Stats> metric) {
        return contextLevels().stream().filter(l -> Objects.equals(l.inputTokens(), inputTokens)).findFirst()
                .map(l -> metric.apply(l.summary())).map(s -> Estimate.point(s.mean())).orElse(null);
    }

    Estimate contextTtftGrowth(int inputTokens) {
        return contextLevels().stream().filter(l -> Objects.equals(l.inputTokens(), inputTokens) && l.growthPct() != null
                        && l.growthPct().ttft() != null).findFirst().map(l -> Estimate.point(l.growthPct().ttft())).orElse(null);
    }

    // rate: open loop

    List<LevelResult> rateLevels() {
        return levels(ScenarioName.RATE);
    }

    Located bestGoodput() {
        return rateLevels().stream().filter(l -> l.rate() != null).max(Comparator.comparingDouble(l -> l.summary().goodput()))
                .map(l -> new Located(Estimate.point(l.summary().goodput()), Format.number(l.rate()) + " req/s offered")).orElse(null);
    }

    // cold start

    ResultDocument.ColdStartResult coldStart() {
        ResultDocument r = target.result(ScenarioName.COLD_START);
        return r == null ? null : r.coldStart();
    }

    // resources over the shared scenarios

    private ResultDocument.ColdStartResult sharedColdStart() {
        return shared.contains(ScenarioName.COLD_START) ? coldStart() : null;
    }

    /** Largest server RSS sampled in any scenario (cold start's peak included). */
    Estimate peakServerRss() {
        Stream<Long> telemetry = usages().map(Resources::serverRssBytesMax);
        Stream<Long> cold = Stream.of(sharedColdStart()).filter(Objects::nonNull).map(ResultDocument.ColdStartResult::peakRssBytes);
        return Stream.concat(telemetry, cold).filter(Objects::nonNull).max(Long::compare).map(v -> Estimate.point(v)).orElse(null);
    }

    Estimate peakGpuMemoryMib() {
        Stream<Double> telemetry = usages().map(Resources::gpuMemoryMibMax);
        Stream<Double> cold = Stream.of(sharedColdStart()).filter(Objects::nonNull).map(ResultDocument.ColdStartResult::peakGpuMemoryMib);
        return Stream.concat(telemetry, cold).filter(Objects::nonNull).max(Double::compare).map(Estimate::point).orElse(null);
    }

    private Stream<Resources> usages() {
        return sharedResults().map(d -> d.telemetry() == null ? null : d.telemetry().usage()).filter(Objects::nonNull);
    }

    private Stream<ResultDocument> sharedResults() {
        return shared.stream().map(target::result);
    }

    // validity

    int auditWarnings() {
        return sharedResults().mapToInt(d -> d.audit() == null ? 0 : d.audit().warnings().size()).sum();
    }

    int failedRequests() {
        return sharedResults().mapToInt(d -> d.summary().requestsFailed()).sum();
    }

    private List<LevelResult> levels(ScenarioName s) {
        ResultDocument r = target.result(s);
        return r == null ? List.of() : r.levels();
    }

    private static Estimate median(SetSummary summary, Function<SetSummary, Stats> metric, List<RequestResult> requests,
                                   Function<RequestResult, Double> perRequest) {
        Stats s = metric.apply(summary);
        if (s == null) return null;
        return Estimate.median(s.p50(), requests.stream().filter(q -> q.error() == null).map(perRequest).filter(Objects::nonNull).toList());
    }

    static double percentile(Stats s, int p) {
        return switch (p) {
            case 50 -> s.p50();
            case 90 -> s.p90();
            case 95 -> s.p95();
            case 99 -> s.p99();
            default -> throw new IllegalArgumentException("no p" + p + " in a result distribution");
        };
    }

    /** The concurrency levels every one of the targets ran, ascending. */
    static List<Integer> commonConcurrencies(List<TargetMetrics> all) {
        return common(all, m -> m.concurrencyLevels().stream().map(LevelResult::concurrency));
    }

    static List<Integer> commonInputLengths(List<TargetMetrics> all) {
        return common(all, m -> m.contextLevels().stream().map(LevelResult::inputTokens));
    }

    private static List<Integer> common(List<TargetMetrics> all, Function<TargetMetrics, Stream<Integer>> keys) {
        List<TargetMetrics> ran = all.stream().filter(m -> keys.apply(m).findAny().isPresent()).toList();
        if (ran.isEmpty()) return List.of();
        return keys.apply(ran.getFirst()).filter(Objects::nonNull).distinct().sorted()
                .filter(k -> ran.stream().allMatch(m -> keys.apply(m).anyMatch(k::equals))).toList();
    }
}
