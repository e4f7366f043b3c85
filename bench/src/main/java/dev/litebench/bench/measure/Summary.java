package dev.litebench.bench.measure;

import java.util.List;
import java.util.function.Function;

/**
 * Latency distributions, counts and throughputs over a set of requests; only successful requests enter the
 * distributions and throughputs. Formulas: docs/METRICS.md.
 */
public record Summary(
        int requestsOk,
        int requestsFailed,
        Distribution ttftMs,
        Distribution ttfoMs,
        Distribution itlMs,
        Distribution tpotMs,
        Distribution e2eMs,
        Distribution chunkGapMs,
        Distribution sendLagMs,
        Distribution clientMinusServerMs,
        Distribution queueMs,
        TokenCounts outputTokens,
        TokenCounts inputTokens,
        double durationS,
        double requestThroughput,
        double outputTokenThroughput,
        double totalTokenThroughput,
        double goodput,
        double sloAttainment) {

    public static Summary of(List<RequestRecord> records, Slo slo) {
        List<RequestRecord> ok = records.stream().filter(RequestRecord::ok).toList();
        double start = records.stream().mapToDouble(RequestRecord::startMs).min().orElse(0);
        double end = records.stream().mapToDouble(RequestRecord::endMs).max().orElse(0);
        double seconds = Math.max(end - start, 1e-9) / 1000;
        long out = ok.stream().mapToLong(RequestRecord::outputTokens).sum();
        long in = ok.stream().filter(r -> r.inputTokens() != null).mapToLong(RequestRecord::inputTokens).sum();
        long good = records.stream().filter(slo::met).count();
        boolean any = !records.isEmpty();
        return new Summary(ok.size(), records.size() - ok.size(),
                dist(ok, RequestRecord::ttftMs), dist(ok, RequestRecord::ttfoMs),
                Distribution.of(ok.stream().flatMapToDouble(r -> java.util.Arrays.stream(r.itlMs())).toArray()),
                dist(ok, RequestRecord::tpotMs), dist(ok, RequestRecord::e2eMs),
                Distribution.of(ok.stream().flatMap(r -> r.chunkGapsMs().stream()).mapToDouble(Double::doubleValue).toArray()),
                Distribution.of(records.stream().mapToDouble(RequestRecord::sendLagMs).toArray()),
                dist(ok, RequestRecord::clientMinusServerMs), dist(ok, RequestRecord::queueMs),
                TokenCounts.of(ok.stream().mapToInt(RequestRecord::outputTokens).toArray()),
                TokenCounts.of(ok.stream().filter(r -> r.inputTokens() != null).mapToInt(RequestRecord::inputTokens).toArray()),
                any ? seconds : 0, any ? ok.size() / seconds : 0, any ? out / seconds : 0, any ? (out + in) / seconds : 0,
                any ? good / seconds : 0, any ? (double) good / records.size() : 0);
    }

    private static Distribution dist(List<RequestRecord> ok, Function<RequestRecord, Double> metric) {
        return Distribution.of(ok.stream().map(metric).filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).toArray());
    }

    /** The distribution of a latency metric by its name in results: ttft, ttfo, itl, tpot or e2e. */
    public Distribution metric(String name) {
        return switch (name) {
            case "ttft" -> ttftMs;
            case "ttfo" -> ttfoMs;
            case "itl" -> itlMs;
            case "tpot" -> tpotMs;
            case "e2e" -> e2eMs;
            default -> throw new IllegalArgumentException("unknown latency metric '" + name + "' (use ttft, ttfo, itl, tpot or e2e)");
        };
    }
}
