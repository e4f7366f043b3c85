package dev.litebench.bench.report;

import dev.litebench.bench.report.SummaryRow.Kind;
import dev.litebench.bench.report.TargetMetrics.Located;
import dev.litebench.bench.report.Verdict.Difference;
import dev.litebench.bench.report.input.ResultDocument.ColdStartResult;
import dev.litebench.bench.report.input.ResultDocument.RequestResult;
import dev.litebench.bench.report.input.ResultDocument.SetSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rows of the summary table, one per headline metric of every scenario that was run: single-stream latency,
 * throughput and latency under load, capacity, long prompts, open-loop goodput, cold start, resources and
 * validity. A row is left out when no target has a value for it.
 */
final class SummaryRows {
    private SummaryRows() {}

    static List<SummaryRow> of(List<TargetMetrics> targets) {
        List<SummaryRow> rows = new ArrayList<>();
        Builder b = new Builder(targets, rows);
        b.add(Kind.TTFT, "TTFT p50, 1 stream", "ttft_ms", Unit.MS, Better.LOWER, Difference.RELATIVE, "latency",
                m -> at(m.latencyMedian(SetSummary::ttftMs, RequestResult::ttftMs)));
        if (reasoningDelaysVisibleText(targets)) {
            b.add(Kind.TTFO, "TTFO p50, 1 stream", "ttfo_ms", Unit.MS, Better.LOWER, Difference.RELATIVE, "latency",
                    m -> at(m.latencyMedian(SetSummary::ttfoMs, RequestResult::ttfoMs)));
        }
        b.add(Kind.TPOT, "ms / token (TPOT p50)", "tpot_ms", Unit.MS, Better.LOWER, Difference.RELATIVE, "latency",
                m -> at(m.latencyMedian(SetSummary::tpotMs, RequestResult::tpotMs)));
        b.add(Kind.E2E, e2eLabel(targets), "e2e_ms", Unit.MS, Better.LOWER, Difference.RELATIVE,
                "latency", m -> at(m.latencyMedian(SetSummary::e2eMs, RequestResult::e2eMs)));
        b.add(Kind.STREAM_THROUGHPUT, "output tok/s, 1 stream", "output_token_throughput", Unit.TOK_PER_S, Better.HIGHER,
                Difference.RELATIVE, "throughput", m -> at(m.latencyOutputThroughput()));

        b.add(Kind.PEAK_THROUGHPUT, "peak output tok/s", "output_token_throughput", Unit.TOK_PER_S, Better.HIGHER,
                Difference.RELATIVE, "throughput", TargetMetrics::peakOutputThroughput);
        List<Integer> levels = TargetMetrics.commonConcurrencies(targets);
        if (levels.size() > 1) {
            int c = levels.getLast();
            b.add(Kind.TTFT_UNDER_LOAD, "TTFT p50 at concurrency " + c, "ttft_ms", Unit.MS, Better.LOWER, Difference.RELATIVE,
                    "latency", m -> at(m.atConcurrency(c, SetSummary::ttftMs, RequestResult::ttftMs)));
            b.add(Kind.E2E_UNDER_LOAD, "E2E p90 at concurrency " + c, "e2e_ms", Unit.MS, Better.LOWER, Difference.RELATIVE,
                    "latency", m -> at(m.percentileAtConcurrency(c, SetSummary::e2eMs, 90)));
        }

        var capacity = targets.stream().map(TargetMetrics::capacityResult).filter(Objects::nonNull).findFirst().orElse(null);
        if (capacity != null) {
            String held = "p" + capacity.percentile() + " " + capacity.metric().toUpperCase(java.util.Locale.ROOT) + " ≤ " + Format.ms(capacity.sloMs());
            b.add(Kind.CAPACITY, "max concurrency (" + held + ")", "capacity", Unit.NUMBER, Better.HIGHER, Difference.RELATIVE,
                    "capacity", m -> at(m.capacity()));
            b.add(Kind.GOODPUT_AT_CAPACITY, "goodput at capacity", "goodput", Unit.REQ_PER_S, Better.HIGHER, Difference.RELATIVE,
                    "throughput", m -> m.capacityResult() == null || m.capacityResult().value() == null ? null
                            : new Located(Estimate.point(m.capacityResult().goodput()), null));
        }

        List<Integer> lengths = TargetMetrics.commonInputLengths(targets);
        if (!lengths.isEmpty()) {
            int longest = lengths.getLast();
            b.add(Kind.LONG_PROMPT_TTFT, "TTFT mean, " + longest + "-token prompt", "ttft_ms", Unit.MS, Better.LOWER,
                    Difference.RELATIVE, "latency", m -> at(m.contextMean(longest, SetSummary::ttftMs)));
            if (lengths.size() > 1) {
                b.add(Kind.TTFT_GROWTH, "TTFT growth " + lengths.getFirst() + " → " + longest + " tokens", "context", Unit.PERCENT,
                        Better.LOWER, Difference.POINTS, "growth", m -> at(m.contextTtftGrowth(longest)));
            }
        }

        b.add(Kind.RATE_GOODPUT, "best goodput, open loop", "goodput", Unit.REQ_PER_S, Better.HIGHER, Difference.RELATIVE,
                "throughput", TargetMetrics::bestGoodput);
        b.add(Kind.SPAWN_TO_READY, "cold start: spawn → ready", "cold-start", Unit.MS, Better.LOWER, Difference.RELATIVE,
                "start-up time", m -> at(coldStart(m, ColdStartResult::spawnToReadyMs)));
        b.add(Kind.READY_TO_FIRST_TOKEN, "cold start: ready → first token", "cold-start", Unit.MS, Better.LOWER,
                Difference.RELATIVE, "start-up time", m -> at(coldStart(m, ColdStartResult::readyToFirstTokenMs)));
        String scope = scope(targets);
        b.add(Kind.PEAK_SERVER_RSS, "peak server memory (RSS)" + scope, "server_rss_bytes", Unit.BYTES, Better.LOWER,
                Difference.RELATIVE, "memory", m -> at(m.peakServerRss()));
        b.add(Kind.PEAK_GPU_MEMORY, "peak GPU memory" + scope, "gpu_memory_mib", Unit.MIB, Better.LOWER, Difference.RELATIVE, "memory",
                m -> at(m.peakGpuMemoryMib()));
        if (targets.stream().anyMatch(m -> m.failedRequests() > 0)) {
            b.add(Kind.FAILED_REQUESTS, "failed requests" + scope, "requests_ok", Unit.NUMBER, Better.LOWER, Difference.ABSOLUTE, "failures",
                    m -> at(Estimate.point(m.failedRequests())));
        }
        b.add(Kind.AUDIT_WARNINGS, "audit warnings" + scope, "audit", Unit.NUMBER, Better.LOWER, Difference.ABSOLUTE, "warnings",
                m -> at(Estimate.point(m.auditWarnings())));
        return rows;
    }

    private record Builder(List<TargetMetrics> targets, List<SummaryRow> rows) {
        void add(Kind kind, String label, String definition, Unit unit, Better better, Difference difference, String quantity,
                 Function<TargetMetrics, Located> value) {
            List<Located> values = targets.stream().map(value).toList();
            if (values.stream().anyMatch(Objects::nonNull)) {
                rows.add(new SummaryRow(kind, label, definition, unit, better, difference, quantity, values));
            }
        }
    }

    /** "50-token E2E p50"; when the targets were asked for different lengths, each one's. */
    private static String e2eLabel(List<TargetMetrics> targets) {
        List<Integer> lengths = targets.stream().map(TargetMetrics::latencyOutputTokens).filter(Objects::nonNull).distinct().toList();
        if (lengths.isEmpty()) return "E2E p50";
        if (lengths.size() == 1) return lengths.getFirst() + "-token E2E p50";
        return "E2E p50 (" + targets.stream().filter(m -> m.latencyOutputTokens() != null)
                .map(m -> m.target().name() + " " + m.latencyOutputTokens()).collect(Collectors.joining(", ")) + " tokens)";
    }

    /** ", in latency, concurrency" when totals cover only the scenarios every target ran, not all that were run. */
    private static String scope(List<TargetMetrics> targets) {
        var shared = targets.getFirst().shared();
        boolean all = targets.stream().allMatch(m -> m.target().results().keySet().equals(shared));
        return all ? "" : ", in " + shared.stream().map(s -> s.id).collect(Collectors.joining(", "));
    }

    private static Located at(Estimate e) {
        return e == null ? null : new Located(e, null);
    }

    private static Estimate coldStart(TargetMetrics m, Function<ColdStartResult, Double> f) {
        ColdStartResult c = m.coldStart();
        return c == null || f.apply(c) == null ? null : Estimate.point(f.apply(c));
    }

    /** TTFO differs from TTFT only when reasoning comes before the visible answer. */
    private static boolean reasoningDelaysVisibleText(List<TargetMetrics> targets) {
        return targets.stream().anyMatch(m -> {
            Estimate ttft = m.latencyMedian(SetSummary::ttftMs, RequestResult::ttftMs);
            Estimate ttfo = m.latencyMedian(SetSummary::ttfoMs, RequestResult::ttfoMs);
            return ttft != null && ttfo != null && ttfo.value() > ttft.value() * 1.01;
        });
    }
}
