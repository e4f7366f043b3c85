package dev.litebench.bench.report;

import dev.litebench.bench.report.input.ResultDocument;
import dev.litebench.bench.report.input.ResultDocument.LevelResult;
import dev.litebench.bench.report.input.ResultDocument.Resources;
import dev.litebench.bench.report.input.ResultDocument.SetSummary;
import dev.litebench.bench.report.input.ResultDocument.Stats;
import dev.litebench.bench.report.input.TargetResults;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * summary.csv (RFC 4180): one row per target, scenario and level (a scenario without levels gives one row for its
 * whole summary), numbers unrounded and unitless as the column names say.
 */
final class SummaryCsv {
    private SummaryCsv() {}

    /** What a row describes: a level, or a whole scenario (level null) with its scenario-wide resource use. */
    private record Row(TargetResults target, ResultDocument result, LevelResult level) {
        SetSummary summary() {
            return level == null ? result.summary() : level.summary();
        }

        Resources resources() {
            return level != null ? level.resources() : result.telemetry() == null ? null : result.telemetry().usage();
        }
    }

    private record Column(String name, Function<Row, Object> value) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("target", r -> r.target().name()),
            new Column("model", r -> r.result().target().model()),
            new Column("scenario", r -> r.result().scenario()),
            new Column("status", r -> r.result().status()),
            new Column("concurrency", r -> r.level() == null ? null : r.level().concurrency()),
            new Column("input_tokens", r -> r.level() == null ? null : r.level().inputTokens()),
            new Column("rate", r -> r.level() == null ? null : r.level().rate()),
            new Column("trial", r -> r.level() == null ? null : r.level().trial()),
            new Column("passed", r -> r.level() == null ? null : r.level().passed()),
            new Column("requests_ok", r -> r.summary().requestsOk()),
            new Column("requests_failed", r -> r.summary().requestsFailed()),
            new Column("duration_s", r -> r.summary().durationS()),
            new Column("request_throughput", r -> r.summary().requestThroughput()),
            new Column("output_token_throughput", r -> r.summary().outputTokenThroughput()),
            new Column("total_token_throughput", r -> r.summary().totalTokenThroughput()),
            new Column("goodput", r -> r.summary().goodput()),
            new Column("slo_attainment", r -> r.summary().sloAttainment()),
            stat("ttft", SetSummary::ttftMs, 50), stat("ttft", SetSummary::ttftMs, 90), stat("ttft", SetSummary::ttftMs, 99),
            mean("ttft", SetSummary::ttftMs),
            stat("ttfo", SetSummary::ttfoMs, 50),
            stat("itl", SetSummary::itlMs, 50), stat("itl", SetSummary::itlMs, 99),
            stat("tpot", SetSummary::tpotMs, 50), stat("tpot", SetSummary::tpotMs, 90),
            stat("e2e", SetSummary::e2eMs, 50), stat("e2e", SetSummary::e2eMs, 90), stat("e2e", SetSummary::e2eMs, 99),
            mean("e2e", SetSummary::e2eMs),
            new Column("ttft_growth_pct", r -> r.level() == null || r.level().growthPct() == null ? null : r.level().growthPct().ttft()),
            new Column("e2e_growth_pct", r -> r.level() == null || r.level().growthPct() == null ? null : r.level().growthPct().e2e()),
            resource("server_cpu_pct_mean", Resources::serverCpuPctMean),
            resource("server_rss_bytes_max", Resources::serverRssBytesMax),
            resource("client_cpu_pct_mean", Resources::clientCpuPctMean),
            resource("gpu_util_pct_mean", Resources::gpuUtilPctMean),
            resource("gpu_memory_mib_max", Resources::gpuMemoryMibMax));

    static String render(List<TargetResults> targets) {
        StringBuilder out = new StringBuilder();
        out.append(COLUMNS.stream().map(Column::name).collect(Collectors.joining(","))).append("\r\n");
        for (Row r : rows(targets)) {
            out.append(COLUMNS.stream().map(c -> field(c.value().apply(r))).collect(Collectors.joining(","))).append("\r\n");
        }
        return out.toString();
    }

    private static List<Row> rows(List<TargetResults> targets) {
        List<Row> rows = new ArrayList<>();
        for (TargetResults t : targets) {
            for (ResultDocument d : t.results().values()) {
                if (d.levels().isEmpty()) rows.add(new Row(t, d, null));
                for (LevelResult l : d.levels()) rows.add(new Row(t, d, l));
            }
        }
        return rows;
    }

    private static Column stat(String metric, Function<SetSummary, Stats> f, int percentile) {
        return new Column(metric + "_p" + percentile + "_ms", r -> {
            Stats s = f.apply(r.summary());
            return s == null ? null : TargetMetrics.percentile(s, percentile);
        });
    }

    private static Column mean(String metric, Function<SetSummary, Stats> f) {
        return new Column(metric + "_mean_ms", r -> {
            Stats s = f.apply(r.summary());
            return s == null ? null : s.mean();
        });
    }

    private static Column resource(String name, Function<Resources, Object> f) {
        return new Column(name, r -> r.resources() == null ? null : f.apply(r.resources()));
    }

    private static String field(Object v) {
        if (v == null) return "";
        String s = v instanceof Double d ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : v.toString();
        return s.matches(".*[\",\\r\\n].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
