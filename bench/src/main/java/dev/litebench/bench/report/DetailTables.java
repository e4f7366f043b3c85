package dev.litebench.bench.report;

import dev.litebench.bench.report.ReportDocument.Cell;
import dev.litebench.bench.report.ReportDocument.Table;
import dev.litebench.bench.report.input.ResultDocument;
import dev.litebench.bench.report.input.ResultDocument.LevelResult;
import dev.litebench.bench.report.input.ResultDocument.RequestResult;
import dev.litebench.bench.report.input.ResultDocument.Resources;
import dev.litebench.bench.report.input.ResultDocument.SetSummary;
import dev.litebench.bench.report.input.ResultDocument.Stats;
import dev.litebench.bench.scenario.ScenarioName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The per-scenario tables: one row per level and target (the target column only when there are several), every
 * column headed by its metric with the definition from METRICS.md. Null when no target ran the scenario.
 */
final class DetailTables {
    private final List<TargetMetrics> targets;
    private final MetricDefinitions defs;
    private final boolean comparison;

    DetailTables(List<TargetMetrics> targets, MetricDefinitions defs) {
        this.targets = targets;
        this.defs = defs;
        this.comparison = targets.size() > 1;
    }

    /** A column: header, METRICS.md name of its definition, value for a target's level (or whole scenario). */
    private record Column(String header, String definition, BiFunction<TargetMetrics, LevelResult, String> value) {
        static Column of(String header, String definition, Function<LevelResult, String> value) {
            return new Column(header, definition, (m, l) -> value.apply(l));
        }
    }

    Table latency() {
        List<Column> cols = List.of(
                Column.of("requests ok / failed", "requests_ok", l -> l.summary().requestsOk() + " / " + l.summary().requestsFailed()),
                new Column("TTFT p50 [interval]", "ttft_ms", (m, l) -> median(m, SetSummary::ttftMs, RequestResult::ttftMs)),
                Column.of("TTFT p90", "ttft_ms", l -> ms(l.summary().ttftMs(), 90)),
                Column.of("TTFT p99", "ttft_ms", l -> ms(l.summary().ttftMs(), 99)),
                new Column("TPOT p50 [interval]", "tpot_ms", (m, l) -> median(m, SetSummary::tpotMs, RequestResult::tpotMs)),
                Column.of("ITL p50", "ITL", l -> ms(l.summary().itlMs(), 50)),
                Column.of("ITL p99", "ITL", l -> ms(l.summary().itlMs(), 99)),
                new Column("E2E p50 [interval]", "e2e_ms", (m, l) -> median(m, SetSummary::e2eMs, RequestResult::e2eMs)),
                Column.of("E2E p90", "e2e_ms", l -> ms(l.summary().e2eMs(), 90)),
                Column.of("E2E p99", "e2e_ms", l -> ms(l.summary().e2eMs(), 99)),
                Column.of("output tok/s", "output_token_throughput", l -> Unit.TOK_PER_S.format(l.summary().outputTokenThroughput())));
        List<List<Cell>> rows = new ArrayList<>();
        for (TargetMetrics m : targets) {
            ResultDocument r = m.target().result(ScenarioName.LATENCY);
            if (r == null) continue;
            LevelResult whole = new LevelResult(null, null, null, null, r.summary(), null, null, null);
            List<Cell> line = new ArrayList<>();
            if (comparison) line.add(Cell.target(m.target().name(), m.target().index()));
            for (Column c : cols) line.add(Cell.of(c.value().apply(m, whole)));
            rows.add(line);
        }
        return rows.isEmpty() ? null : new Table(header(List.of(), cols), rows, List.of(INTERVAL_NOTE));
    }

    private static String median(TargetMetrics m, Function<SetSummary, Stats> metric, Function<RequestResult, Double> perRequest) {
        Estimate e = m.latencyMedian(metric, perRequest);
        return e == null ? "-" : e.format(Unit.MS);
    }

    static final String INTERVAL_NOTE = "[low – high]: interval holding the true median with at least 95% confidence, from the order "
            + "statistics of the requests (with fewer than 6 requests: their whole range, less confidence).";

    Table concurrency() {
        List<Column> cols = new ArrayList<>(List.of(
                Column.of("req/s", "request_throughput", l -> Unit.REQ_PER_S.format(l.summary().requestThroughput())),
                Column.of("tok/s", "output_token_throughput", l -> Unit.TOK_PER_S.format(l.summary().outputTokenThroughput())),
                Column.of("TTFT p50", "ttft_ms", l -> ms(l.summary().ttftMs(), 50)),
                Column.of("TTFT p99", "ttft_ms", l -> ms(l.summary().ttftMs(), 99)),
                Column.of("ITL p50", "ITL", l -> ms(l.summary().itlMs(), 50)),
                Column.of("E2E p50", "e2e_ms", l -> ms(l.summary().e2eMs(), 50)),
                Column.of("E2E p90", "e2e_ms", l -> ms(l.summary().e2eMs(), 90)),
                Column.of("failed", "requests_ok", l -> Integer.toString(l.summary().requestsFailed()))));
        cols.addAll(resourceColumns(targets.stream().flatMap(m -> m.concurrencyLevels().stream()).toList()));
        return levelTable("concurrency", "concurrency", cols, TargetMetrics::concurrencyLevels, l -> String.valueOf(l.concurrency()));
    }

    Table context() {
        List<Column> cols = List.of(
                Column.of("TTFT mean", "ttft_ms", l -> l.summary().ttftMs() == null ? "-" : Format.ms(l.summary().ttftMs().mean())),
                Column.of("TTFT growth", "context", l -> growth(l.growthPct() == null ? null : l.growthPct().ttft())),
                Column.of("E2E mean", "e2e_ms", l -> l.summary().e2eMs() == null ? "-" : Format.ms(l.summary().e2eMs().mean())),
                Column.of("E2E growth", "context", l -> growth(l.growthPct() == null ? null : l.growthPct().e2e())),
                Column.of("requests ok / failed", "requests_ok", l -> l.summary().requestsOk() + " / " + l.summary().requestsFailed()));
        return levelTable("input tokens", "context", cols, TargetMetrics::contextLevels, l -> String.valueOf(l.inputTokens()));
    }

    Table rate() {
        List<Column> cols = List.of(
                Column.of("achieved req/s", "request_throughput", l -> Unit.REQ_PER_S.format(l.summary().requestThroughput())),
                Column.of("TTFT p50", "ttft_ms", l -> ms(l.summary().ttftMs(), 50)),
                Column.of("E2E p50", "e2e_ms", l -> ms(l.summary().e2eMs(), 50)),
                Column.of("E2E p90", "e2e_ms", l -> ms(l.summary().e2eMs(), 90)),
                Column.of("SLO attainment", "slo_attainment", l -> Format.number(l.summary().sloAttainment() * 100) + " %"),
                Column.of("goodput", "goodput", l -> Unit.REQ_PER_S.format(l.summary().goodput())),
                Column.of("failed", "requests_ok", l -> Integer.toString(l.summary().requestsFailed())));
        return levelTable("offered req/s", "rate", cols, TargetMetrics::rateLevels, l -> Format.number(l.rate()));
    }

    Table capacity() {
        List<Cell> header = new ArrayList<>();
        if (comparison) header.add(Cell.of("target"));
        header.addAll(List.of(Cell.metric("capacity", defs.get("capacity")), Cell.of("in words"), Cell.of("held to"),
                Cell.metric("goodput at capacity", defs.get("goodput")), Cell.of("tested concurrency: trials passed (✓) or not (✗)")));
        List<List<Cell>> rows = new ArrayList<>();
        for (TargetMetrics m : targets) {
            var c = m.capacityResult();
            if (c == null) continue;
            List<Cell> line = new ArrayList<>();
            if (comparison) line.add(Cell.target(m.target().name(), m.target().index()));
            line.add(Cell.of(c.value() == null ? "none" : c.value().toString()));
            line.add(Cell.of(c.text()));
            line.add(Cell.of("p" + c.percentile() + " " + c.metric().toUpperCase(Locale.ROOT) + " ≤ " + Format.ms(c.sloMs())
                    + ", " + c.trials() + (c.trials() == 1 ? " trial" : " trials") + ", up to " + c.maxConcurrency()));
            line.add(Cell.of(Unit.REQ_PER_S.format(c.goodput())));
            line.add(Cell.of(trials(m.target().result(ScenarioName.CAPACITY).levels())));
            rows.add(line);
        }
        return rows.isEmpty() ? null : new Table(header, rows, List.of());
    }

    Table coldStart() {
        List<Cell> header = new ArrayList<>();
        if (comparison) header.add(Cell.of("target"));
        MetricDefinitions.Definition d = defs.get("cold-start");
        header.addAll(List.of(Cell.metric("spawn → ready", d), Cell.metric("ready → first token", d), Cell.metric("first TTFT", d),
                Cell.metric("steady TTFT (median)", d), Cell.metric("peak RSS", d), Cell.metric("peak GPU memory", d)));
        List<List<Cell>> rows = new ArrayList<>();
        for (TargetMetrics m : targets) {
            var c = m.coldStart();
            if (c == null) continue;
            List<Cell> line = new ArrayList<>();
            if (comparison) line.add(Cell.target(m.target().name(), m.target().index()));
            line.add(Cell.of(Format.ms(c.spawnToReadyMs())));
            line.add(Cell.of(c.readyToFirstTokenMs() == null ? "-" : Format.ms(c.readyToFirstTokenMs())));
            line.add(Cell.of(c.firstTtftMs() == null ? "-" : Format.ms(c.firstTtftMs())));
            line.add(Cell.of(c.steadyTtftMs() == null ? "-" : Format.ms(c.steadyTtftMs())));
            line.add(Cell.of(c.peakRssBytes() == null ? "-" : Format.bytes(c.peakRssBytes())));
            line.add(Cell.of(c.peakGpuMemoryMib() == null ? "-" : Unit.MIB.format(c.peakGpuMemoryMib())));
            rows.add(line);
        }
        return rows.isEmpty() ? null : new Table(header, rows, List.of());
    }

    /** Rows grouped by level key (in the order first seen), one per target that ran it. */
    private Table levelTable(String keyHeader, String keyDefinition, List<Column> cols, Function<TargetMetrics, List<LevelResult>> levels,
                             Function<LevelResult, String> key) {
        Map<String, List<Cell[]>> byKey = new LinkedHashMap<>();
        for (TargetMetrics m : targets) {
            for (LevelResult l : levels.apply(m)) {
                List<Cell> line = new ArrayList<>();
                line.add(Cell.of(key.apply(l)));
                if (comparison) line.add(Cell.target(m.target().name(), m.target().index()));
                for (Column c : cols) line.add(Cell.of(c.value().apply(m, l)));
                byKey.computeIfAbsent(key.apply(l), k -> new ArrayList<>()).add(line.toArray(Cell[]::new));
            }
        }
        if (byKey.isEmpty()) return null;
        List<List<Cell>> rows = byKey.values().stream().flatMap(List::stream).map(List::of).collect(Collectors.toList());
        return new Table(header(List.of(Cell.metric(keyHeader, defs.get(keyDefinition))), cols), rows, List.of());
    }

    private List<Cell> header(List<Cell> key, List<Column> cols) {
        List<Cell> h = new ArrayList<>(key);
        if (comparison) h.add(Cell.of("target"));
        for (Column c : cols) h.add(Cell.metric(c.header(), defs.get(c.definition())));
        return h;
    }

    /** CPU, memory and GPU columns, those without any sample left out. */
    private List<Column> resourceColumns(List<LevelResult> levels) {
        List<Column> cols = new ArrayList<>();
        addIfMeasured(cols, levels, "server CPU", "server_cpu_pct", Resources::serverCpuPctMean, Unit.PERCENT);
        addIfMeasured(cols, levels, "client CPU", "client_cpu_pct", Resources::clientCpuPctMean, Unit.PERCENT);
        addIfMeasured(cols, levels, "GPU util", "gpu_util_pct", Resources::gpuUtilPctMean, Unit.PERCENT);
        addIfMeasured(cols, levels, "server RSS max", "server_rss_bytes",
                r -> r.serverRssBytesMax() == null ? null : r.serverRssBytesMax().doubleValue(), Unit.BYTES);
        addIfMeasured(cols, levels, "GPU memory max", "gpu_memory_mib", Resources::gpuMemoryMibMax, Unit.MIB);
        return cols;
    }

    private void addIfMeasured(List<Column> cols, List<LevelResult> levels, String header, String definition,
                               Function<Resources, Double> value, Unit unit) {
        Function<LevelResult, Double> v = l -> l.resources() == null ? null : value.apply(l.resources());
        if (levels.stream().map(v).anyMatch(Objects::nonNull)) {
            cols.add(Column.of(header, definition, l -> v.apply(l) == null ? "-" : unit.format(v.apply(l))));
        }
    }

    private static String trials(List<LevelResult> levels) {
        Map<Integer, StringBuilder> marks = new LinkedHashMap<>();
        for (LevelResult l : levels) {
            if (l.concurrency() == null) continue;
            marks.computeIfAbsent(l.concurrency(), c -> new StringBuilder()).append(Boolean.TRUE.equals(l.passed()) ? "✓" : "✗");
        }
        return marks.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String ms(Stats s, int percentile) {
        return s == null ? "-" : Format.ms(TargetMetrics.percentile(s, percentile));
    }

    private static String growth(Double pct) {
        return pct == null ? "-" : String.format(Locale.ROOT, "%+.1f %%", pct);
    }
}
