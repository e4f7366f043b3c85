package dev.litebench.bench.report;

import dev.litebench.bench.report.ChartSpec.Series;
import dev.litebench.bench.report.input.ResultDocument.LevelResult;
import dev.litebench.bench.report.input.ResultDocument.RequestResult;
import dev.litebench.bench.report.input.ResultDocument.Sample;
import dev.litebench.bench.report.input.ResultDocument.SetSummary;
import dev.litebench.bench.report.input.ResultDocument.Stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The charts of report.html: latencies and throughput against concurrency, latency against input length, CPU, GPU
 * and memory over each target's timeline, and every request's latency over time. A chart without any point is
 * left out. Times on the timelines are seconds since the target's first scenario started.
 */
final class ReportCharts {
    private ReportCharts() {}

    static List<ChartSpec> of(List<TargetMetrics> targets) {
        List<ChartSpec> charts = new ArrayList<>();
        add(charts, "ttft-concurrency", "TTFT vs concurrency", "line", "concurrency", "ms", true, "p50", "p90",
                perLevel(targets, TargetMetrics::concurrencyLevels, LevelResult::concurrency, levelStat(SetSummary::ttftMs, 50),
                        levelStat(SetSummary::ttftMs, 90)));
        add(charts, "itl-concurrency", "ITL vs concurrency", "line", "concurrency", "ms", true, "p50", "p99",
                perLevel(targets, TargetMetrics::concurrencyLevels, LevelResult::concurrency, levelStat(SetSummary::itlMs, 50),
                        levelStat(SetSummary::itlMs, 99)));
        add(charts, "e2e-concurrency", "E2E vs concurrency", "line", "concurrency", "ms", true, "p50", "p90",
                perLevel(targets, TargetMetrics::concurrencyLevels, LevelResult::concurrency, levelStat(SetSummary::e2eMs, 50),
                        levelStat(SetSummary::e2eMs, 90)));
        add(charts, "throughput-concurrency", "Output throughput vs concurrency", "line", "concurrency", "tok/s", true, "tok/s", null,
                perLevel(targets, TargetMetrics::concurrencyLevels, LevelResult::concurrency,
                        l -> l.summary().requestsOk() == 0 ? null : l.summary().outputTokenThroughput(), null));
        add(charts, "latency-input", "Latency vs input length", "line", "input tokens", "ms", false, "TTFT mean", "E2E mean",
                perLevel(targets, TargetMetrics::contextLevels, LevelResult::inputTokens, levelMean(SetSummary::ttftMs),
                        levelMean(SetSummary::e2eMs)));
        add(charts, "cpu-timeline", "CPU over the run, 100 = one core", "line", "seconds", "% of a core", false, "server", "client",
                timeline(targets, Sample::serverCpuPct, Sample::clientCpuPct));
        add(charts, "gpu-timeline", "GPU utilisation over the run", "line", "seconds", "%", false, "GPU", null,
                timeline(targets, Sample::gpuUtilPct, null));
        add(charts, "memory-timeline", "Memory over the run", "line", "seconds", "MiB", false, "server RSS", "GPU memory",
                timeline(targets, s -> s.serverRssBytes() == null ? null : s.serverRssBytes() / 1048576.0, Sample::gpuMemoryMib));
        add(charts, "request-latency", "Every request over the run", "scatter", "seconds", "ms", false, "E2E", "TTFT", requests(targets));
        return charts;
    }

    /** Adds the chart when it has points; its title names the metrics drawn ("TTFT vs concurrency (p50, p90 dashed)"). */
    private static void add(List<ChartSpec> charts, String id, String title, String type, String xTitle, String yTitle, boolean logX,
                            String primary, String secondary, List<Series> series) {
        boolean hasPrimary = series.stream().anyMatch(s -> !s.secondary());
        boolean hasSecondary = series.stream().anyMatch(Series::secondary);
        List<String> drawn = new ArrayList<>();
        if (hasPrimary) drawn.add(primary);
        if (hasSecondary) drawn.add(secondary + (!hasPrimary ? "" : type.equals("line") ? " dashed" : " hollow"));
        ChartSpec c = new ChartSpec(id, title + " (" + String.join(", ", drawn) + ")", type, xTitle, yTitle, logX, primary, secondary, series);
        if (c.points() > 0) charts.add(c);
    }

    private static Function<LevelResult, Double> levelStat(Function<SetSummary, Stats> metric, int percentile) {
        return l -> {
            Stats s = metric.apply(l.summary());
            return s == null ? null : TargetMetrics.percentile(s, percentile);
        };
    }

    private static Function<LevelResult, Double> levelMean(Function<SetSummary, Stats> metric) {
        return l -> {
            Stats s = metric.apply(l.summary());
            return s == null ? null : s.mean();
        };
    }

    /** Per target, a series of (level key, value) and, when {@code second} is given, a secondary one. */
    private static List<Series> perLevel(List<TargetMetrics> targets, Function<TargetMetrics, List<LevelResult>> levels,
                                         Function<LevelResult, Integer> key, Function<LevelResult, Double> value,
                                         Function<LevelResult, Double> second) {
        List<Series> out = new ArrayList<>();
        for (TargetMetrics m : targets) {
            List<LevelResult> ls = levels.apply(m);
            addSeries(out, m, false, ls.stream().map(l -> point(key.apply(l), value.apply(l))).toList());
            if (second != null) addSeries(out, m, true, ls.stream().map(l -> point(key.apply(l), second.apply(l))).toList());
        }
        return out;
    }

    private static List<Series> timeline(List<TargetMetrics> targets, Function<Sample, Double> value, Function<Sample, Double> second) {
        List<Series> out = new ArrayList<>();
        for (TargetMetrics m : targets) {
            double origin = origin(m);
            List<Sample> samples = m.target().results().values().stream().filter(d -> d.telemetry() != null)
                    .flatMap(d -> d.telemetry().samples().stream()).sorted(Comparator.comparingDouble(Sample::tMs)).toList();
            addSeries(out, m, false, samples.stream().map(s -> point((s.tMs() - origin) / 1000, value.apply(s))).toList());
            if (second != null) addSeries(out, m, true, samples.stream().map(s -> point((s.tMs() - origin) / 1000, second.apply(s))).toList());
        }
        return out;
    }

    private static List<Series> requests(List<TargetMetrics> targets) {
        List<Series> out = new ArrayList<>();
        for (TargetMetrics m : targets) {
            double origin = origin(m);
            List<RequestResult> ok = m.target().results().values().stream().flatMap(d -> d.requests().stream())
                    .filter(r -> r.error() == null).sorted(Comparator.comparingDouble(RequestResult::startMs)).toList();
            addSeries(out, m, false, ok.stream().map(r -> point((r.startMs() - origin) / 1000, r.e2eMs())).toList());
            addSeries(out, m, true, ok.stream().map(r -> point((r.startMs() - origin) / 1000, r.ttftMs())).toList());
        }
        return out;
    }

    /** The start of the target's first scenario or request (cold start sends one before its file starts), on the run's clock. */
    private static double origin(TargetMetrics m) {
        return m.target().results().values().stream()
                .flatMap(d -> Stream.concat(Stream.of(d.startMs()), d.requests().stream().map(RequestResult::startMs)))
                .filter(Objects::nonNull).mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static void addSeries(List<Series> out, TargetMetrics m, boolean secondary, List<double[]> points) {
        List<double[]> finite = points.stream().filter(Objects::nonNull).toList();
        if (!finite.isEmpty()) out.add(new Series(m.target().name(), m.target().index(), secondary, finite));
    }

    private static double[] point(Number x, Double y) {
        if (x == null || y == null || !Double.isFinite(x.doubleValue()) || !Double.isFinite(y)) return null;
        return new double[] {x.doubleValue(), y};
    }
}
