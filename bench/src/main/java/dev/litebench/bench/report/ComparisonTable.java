package dev.litebench.bench.report;

import dev.litebench.bench.BenchRun.TargetOutcome;
import dev.litebench.bench.measure.Distribution;
import dev.litebench.bench.measure.Summary;
import dev.litebench.bench.result.Level;
import dev.litebench.bench.result.ScenarioResult;
import dev.litebench.bench.scenario.ScenarioName;
import dev.litebench.bench.telemetry.ResourceUsage;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The end-of-run comparison: per scenario, one column per target and one row per metric, the better value marked
 * with '*' (lower for latencies, memory and start-up times; higher for throughputs, goodput and capacity), and
 * under each table the definition of every metric it shows.
 */
public final class ComparisonTable {
    private static final Map<String, String> DEFINITIONS = new LinkedHashMap<>();

    static {
        DEFINITIONS.put("TTFT", "TTFT: intended send -> first chunk carrying generated text or reasoning");
        DEFINITIONS.put("TTFO", "TTFO: intended send -> first chunk carrying visible (non-reasoning) text");
        DEFINITIONS.put("ITL", "ITL: gap between token-carrying chunks / tokens in the later chunk, pooled over all tokens");
        DEFINITIONS.put("TPOT", "TPOT: (E2E - TTFT) / (output tokens - 1), per request");
        DEFINITIONS.put("E2E", "E2E: intended send -> last token");
        DEFINITIONS.put("client-server", "client-server: E2E minus the server's own prompt+generation time (network, queue, HTTP)");
        DEFINITIONS.put("req/s", "req/s: successful requests / (first intended send -> last request end)");
        DEFINITIONS.put("tok/s", "tok/s: output tokens (server usage) of successful requests / the same duration");
        DEFINITIONS.put("goodput", "goodput: requests meeting every SLO / the same duration");
        DEFINITIONS.put("capacity", "capacity: largest concurrency whose mean (over trials) percentile meets the SLO");
        DEFINITIONS.put("growth", "growth: mean at this length / mean at the shortest length - 1");
        DEFINITIONS.put("CPU", "CPU: server process tree, percent of one core (mean over the level)");
        DEFINITIONS.put("RSS", "RSS: server process tree resident memory (max sampled)");
        DEFINITIONS.put("GPU", "GPU: nvidia-smi utilisation (mean) / used memory (max)");
        DEFINITIONS.put("spawn->ready", "spawn->ready: process start -> first successful /health (or /v1/models)");
        DEFINITIONS.put("warnings", "warnings: validity-audit findings (see the result file's audit)");
    }

    private ComparisonTable() {}

    enum Better { LOWER, HIGHER, NONE }

    enum Unit { MS, NUMBER, PERCENT, BYTES, MIB, TEXT }

    record Row(String name, Unit unit, Better better, List<Object> cells) {}

    record Table(String title, List<String> targets, List<Row> rows) {}

    public static void print(List<TargetOutcome> outcomes, PrintStream out) {
        for (Table t : tables(outcomes)) render(t, out);
        List<String> failures = outcomes.stream().filter(o -> o.failure() != null).map(o -> o.label() + ": " + o.failure()).toList();
        if (!failures.isEmpty()) out.println("not measured: " + String.join("; ", failures));
    }

    static List<Table> tables(List<TargetOutcome> outcomes) {
        List<String> labels = outcomes.stream().map(TargetOutcome::label).toList();
        List<Table> tables = new ArrayList<>();
        for (ScenarioName s : ScenarioName.values()) {
            List<ScenarioResult> rs = outcomes.stream().map(o -> o.results().get(s)).toList();
            if (rs.stream().allMatch(Objects::isNull)) continue;
            List<Row> rows = new ArrayList<>();
            switch (s) {
                case LATENCY -> latencyRows(rows, rs);
                case CONCURRENCY -> levelRows(rows, rs, (r, l) -> l.concurrency() == null ? null : "c=" + l.concurrency(), false);
                case CAPACITY -> capacityRows(rows, rs);
                case CONTEXT -> contextRows(rows, rs);
                case RATE -> levelRows(rows, rs, (r, l) -> l.rate() == null ? null : "rate #" + (r.levels().indexOf(l) + 1), true);
                case COLD_START -> coldStartRows(rows, rs);
            }
            rows.add(row("requests ok / failed", Unit.TEXT, Better.NONE, rs, r -> {
                Summary sum = r.summary();
                return sum.requestsOk() + " / " + sum.requestsFailed() + (r.status().equals("complete") ? "" : " (" + r.status() + ")");
            }));
            rows.add(row("audit warnings", Unit.NUMBER, Better.LOWER, rs, r -> (double) r.audit().warnings().size()));
            tables.add(new Table(s.id, labels, rows));
        }
        return tables;
    }

    private static void latencyRows(List<Row> rows, List<ScenarioResult> rs) {
        distributionRows(rows, "TTFT", rs, Summary::ttftMs, 50, 90, 99);
        distributionRows(rows, "TTFO", rs, Summary::ttfoMs, 50);
        distributionRows(rows, "ITL", rs, Summary::itlMs, 50, 99);
        distributionRows(rows, "TPOT", rs, Summary::tpotMs, 50);
        distributionRows(rows, "E2E", rs, Summary::e2eMs, 50, 90, 99);
        distributionRows(rows, "client-server", rs, Summary::clientMinusServerMs, 50);
        rows.add(row("output tok/s", Unit.NUMBER, Better.HIGHER, rs, r -> r.summary().outputTokenThroughput()));
    }

    private static void distributionRows(List<Row> rows, String name, List<ScenarioResult> rs, Function<Summary, Distribution> f,
                                         int... percentiles) {
        for (int p : percentiles) {
            Row row = row(name + " p" + p, Unit.MS, Better.LOWER, rs, r -> {
                Distribution d = f.apply(r.summary());
                return d == null ? null : d.percentile(p);
            });
            if (row.cells().stream().anyMatch(Objects::nonNull)) rows.add(row);
        }
    }

    /** Rows per level, levels matched across targets by their key (concurrency, or position for rates). */
    private static void levelRows(List<Row> rows, List<ScenarioResult> rs, LevelKey key, boolean showRate) {
        for (String k : keys(rs, key)) {
            if (showRate) rows.add(levelRow(k + " offered req/s", Unit.NUMBER, Better.NONE, rs, key, k, l -> l.rate()));
            rows.add(levelRow(k + " req/s", Unit.NUMBER, Better.HIGHER, rs, key, k, l -> l.summary().requestThroughput()));
            rows.add(levelRow(k + " tok/s", Unit.NUMBER, Better.HIGHER, rs, key, k, l -> l.summary().outputTokenThroughput()));
            rows.add(levelRow(k + " TTFT p50", Unit.MS, Better.LOWER, rs, key, k, l -> pct(l.summary().ttftMs(), 50)));
            rows.add(levelRow(k + " E2E p90", Unit.MS, Better.LOWER, rs, key, k, l -> pct(l.summary().e2eMs(), 90)));
            rows.add(levelRow(k + " goodput", Unit.NUMBER, Better.HIGHER, rs, key, k, l -> l.summary().goodput()));
            addIfAny(rows, levelRow(k + " CPU %", Unit.PERCENT, Better.NONE, rs, key, k, l -> use(l, ResourceUsage::serverCpuPctMean)));
            addIfAny(rows, levelRow(k + " RSS", Unit.BYTES, Better.LOWER, rs, key, k,
                    l -> l.resources() == null || l.resources().serverRssBytesMax() == null ? null : l.resources().serverRssBytesMax().doubleValue()));
            addIfAny(rows, levelRow(k + " GPU util %", Unit.PERCENT, Better.NONE, rs, key, k, l -> use(l, ResourceUsage::gpuUtilPctMean)));
            addIfAny(rows, levelRow(k + " GPU memory", Unit.MIB, Better.LOWER, rs, key, k, l -> use(l, ResourceUsage::gpuMemoryMibMax)));
        }
    }

    private static void capacityRows(List<Row> rows, List<ScenarioResult> rs) {
        rows.add(row("capacity (concurrency)", Unit.NUMBER, Better.HIGHER, rs,
                r -> r.capacity() == null || r.capacity().value() == null ? null : r.capacity().value().doubleValue()));
        rows.add(row("capacity in words", Unit.TEXT, Better.NONE, rs, r -> r.capacity() == null ? null : r.capacity().text()));
        rows.add(row("goodput at capacity", Unit.NUMBER, Better.HIGHER, rs, r -> r.capacity() == null ? null : r.capacity().goodput()));
    }

    private static void contextRows(List<Row> rows, List<ScenarioResult> rs) {
        LevelKey key = (r, l) -> l.inputTokens() == null ? null : l.inputTokens() + " tok";
        for (String k : keys(rs, key)) {
            rows.add(levelRow(k + " TTFT mean", Unit.MS, Better.LOWER, rs, key, k, l -> l.summary().ttftMs() == null ? null : l.summary().ttftMs().mean()));
            rows.add(levelRow(k + " E2E mean", Unit.MS, Better.LOWER, rs, key, k, l -> l.summary().e2eMs() == null ? null : l.summary().e2eMs().mean()));
            rows.add(levelRow(k + " TTFT growth %", Unit.PERCENT, Better.LOWER, rs, key, k, l -> l.growthPct() == null ? null : l.growthPct().ttft()));
            rows.add(levelRow(k + " E2E growth %", Unit.PERCENT, Better.LOWER, rs, key, k, l -> l.growthPct() == null ? null : l.growthPct().e2e()));
        }
    }

    private static void coldStartRows(List<Row> rows, List<ScenarioResult> rs) {
        rows.add(row("spawn->ready", Unit.MS, Better.LOWER, rs, r -> r.coldStart() == null ? null : r.coldStart().spawnToReadyMs()));
        rows.add(row("ready->first token", Unit.MS, Better.LOWER, rs, r -> r.coldStart() == null ? null : r.coldStart().readyToFirstTokenMs()));
        rows.add(row("first request TTFT", Unit.MS, Better.LOWER, rs, r -> r.coldStart() == null ? null : r.coldStart().firstTtftMs()));
        rows.add(row("steady TTFT (median)", Unit.MS, Better.LOWER, rs, r -> r.coldStart() == null ? null : r.coldStart().steadyTtftMs()));
        addIfAny(rows, row("peak RSS", Unit.BYTES, Better.LOWER, rs,
                r -> r.coldStart() == null || r.coldStart().peakRssBytes() == null ? null : r.coldStart().peakRssBytes().doubleValue()));
        addIfAny(rows, row("peak GPU memory", Unit.MIB, Better.LOWER, rs, r -> r.coldStart() == null ? null : r.coldStart().peakGpuMemoryMib()));
    }

    /** Names a level so that the same level of different targets shares a row. */
    @FunctionalInterface
    interface LevelKey {
        String of(ScenarioResult r, Level l);
    }

    private static List<String> keys(List<ScenarioResult> rs, LevelKey key) {
        List<String> keys = new ArrayList<>();
        for (ScenarioResult r : rs) {
            if (r == null) continue;
            for (Level l : r.levels()) {
                String k = key.of(r, l);
                if (k != null && !keys.contains(k)) keys.add(k);
            }
        }
        return keys;
    }

    private static Double pct(Distribution d, int p) {
        return d == null ? null : d.percentile(p);
    }

    private static Double use(Level l, Function<ResourceUsage, Double> f) {
        return l.resources() == null ? null : f.apply(l.resources());
    }

    private static void addIfAny(List<Row> rows, Row row) {
        if (row.cells().stream().anyMatch(Objects::nonNull)) rows.add(row);
    }

    private static Row row(String name, Unit unit, Better better, List<ScenarioResult> rs, Function<ScenarioResult, Object> f) {
        List<Object> cells = new ArrayList<>();
        for (ScenarioResult r : rs) cells.add(r == null ? null : f.apply(r));
        return new Row(name, unit, better, cells);
    }

    private static Row levelRow(String name, Unit unit, Better better, List<ScenarioResult> rs, LevelKey key,
                                String k, Function<Level, Double> f) {
        return row(name, unit, better, rs, r -> r.levels().stream().filter(l -> k.equals(key.of(r, l)))
                .map(f).filter(Objects::nonNull).findFirst().orElse(null));
    }

    /** Indices of the best numeric cells of a row (empty when fewer than two values or no rule). */
    static TreeSet<Integer> best(Row row) {
        TreeSet<Integer> best = new TreeSet<>();
        if (row.better() == Better.NONE || row.unit() == Unit.TEXT) return best;
        List<Double> v = row.cells().stream().map(c -> c instanceof Double d ? d : null).toList();
        if (v.stream().filter(Objects::nonNull).count() < 2) return best;
        double target = row.better() == Better.LOWER ? v.stream().filter(Objects::nonNull).mapToDouble(d -> d).min().orElseThrow()
                : v.stream().filter(Objects::nonNull).mapToDouble(d -> d).max().orElseThrow();
        if (v.stream().filter(Objects::nonNull).allMatch(d -> d == target)) return best;
        for (int i = 0; i < v.size(); i++) if (v.get(i) != null && v.get(i) == target) best.add(i);
        return best;
    }

    private static String cell(Object c, Unit unit) {
        if (c == null) return "-";
        if (c instanceof String s) return s;
        double d = (Double) c;
        return switch (unit) {
            case MS -> Format.ms(d);
            case PERCENT -> Format.number(d) + " %";
            case BYTES -> Format.bytes(d);
            case MIB -> Format.number(d) + " MiB";
            case NUMBER, TEXT -> Format.number(d);
        };
    }

    static void render(Table t, PrintStream out) {
        List<String[]> lines = new ArrayList<>();
        String[] header = new String[t.targets().size() + 1];
        header[0] = t.title();
        for (int i = 0; i < t.targets().size(); i++) header[i + 1] = t.targets().get(i);
        lines.add(header);
        for (Row r : t.rows()) {
            TreeSet<Integer> best = best(r);
            String[] line = new String[header.length];
            line[0] = r.name();
            for (int i = 0; i < r.cells().size(); i++) line[i + 1] = cell(r.cells().get(i), r.unit()) + (best.contains(i) ? " *" : "");
            lines.add(line);
        }
        int[] width = new int[header.length];
        for (String[] l : lines) for (int i = 0; i < l.length; i++) width[i] = Math.max(width[i], l[i].length());
        out.println();
        for (int n = 0; n < lines.size(); n++) {
            StringBuilder b = new StringBuilder();
            String[] l = lines.get(n);
            for (int i = 0; i < l.length; i++) {
                if (i == 0) b.append(String.format("%-" + width[0] + "s", l[0]));
                else b.append("  ").append(String.format("%" + width[i] + "s", l[i]));
            }
            out.println(b.toString().stripTrailing());
            if (n == 0) out.println("-".repeat(b.length()));
        }
        if (t.targets().size() > 1) out.println("* better: lower latency, memory and start-up time; higher throughput, goodput and capacity");
        String names = String.join(" ", t.rows().stream().map(Row::name).toList());
        DEFINITIONS.forEach((k, v) -> {
            if (names.contains(k)) out.println("  " + v);
        });
    }
}
