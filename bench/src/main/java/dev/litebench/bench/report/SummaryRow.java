package dev.litebench.bench.report;

import dev.litebench.bench.report.TargetMetrics.Located;

import java.util.List;

/**
 * One metric of the summary table: what it is ({@code kind}, the label shown, the METRICS.md name of its
 * definition), how its values compare ({@code better}, {@code difference}), the word for the rule ("latency" in
 * "lower latency") and each target's value, null where not measured.
 */
record SummaryRow(Kind kind, String label, String definition, Unit unit, Better better, Verdict.Difference difference,
                  String quantity, List<Located> values) {

    enum Kind {
        TTFT, TTFO, TPOT, E2E, STREAM_THROUGHPUT, PEAK_THROUGHPUT, TTFT_UNDER_LOAD, E2E_UNDER_LOAD, CAPACITY,
        GOODPUT_AT_CAPACITY, LONG_PROMPT_TTFT, TTFT_GROWTH, RATE_GOODPUT, SPAWN_TO_READY, READY_TO_FIRST_TOKEN,
        PEAK_SERVER_RSS, PEAK_GPU_MEMORY, FAILED_REQUESTS, AUDIT_WARNINGS
    }

    Verdict verdict() {
        return Verdict.of(values.stream().map(v -> v == null ? null : v.estimate()).toList(), better, difference);
    }

    /** "lower latency", "higher throughput", "fewer warnings". */
    String rule() {
        if (difference == Verdict.Difference.ABSOLUTE) return (better == Better.LOWER ? "fewer " : "more ") + quantity;
        return better.word + " " + quantity;
    }

    /** "128 ms [120 ms – 135 ms] at c=8"; "-" when not measured. */
    String text(int target) {
        Located v = values.get(target);
        if (v == null) return "-";
        String s = v.estimate().format(unit);
        return v.where() == null ? s : s + " at " + v.where();
    }
}
