package dev.litebench.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.litebench.bench.report.ReportDocument.Cell;
import dev.litebench.bench.report.ReportDocument.Emphasis;
import dev.litebench.bench.report.ReportDocument.Table;
import dev.litebench.bench.report.input.ResultDocument;
import dev.litebench.bench.report.input.ResultDocument.EnvironmentInfo;
import dev.litebench.bench.report.input.TargetResults;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Where and how each target was measured: one row per property, one column per target, differing values in bold. */
final class EnvironmentTable {
    private EnvironmentTable() {}

    private record Property(String name, Function<TargetResults, String> value) {}

    private static final List<Property> PROPERTIES = List.of(
            new Property("model", t -> t.model()),
            new Property("target", t -> t.first().target().kind() + " " + t.first().target().endpoint()),
            new Property("API", t -> t.first().target().api()),
            new Property("CPU", t -> machine(t, m -> m.cpu())),
            new Property("cores", t -> machine(t, m -> m.cores() == null ? null : m.cores().toString())),
            new Property("memory", t -> machine(t, m -> m.memoryBytes() == null ? null : Format.bytes(m.memoryBytes()))),
            new Property("GPUs", t -> machine(t, m -> m.gpus() == null || m.gpus().isEmpty() ? "none" : String.join("; ", m.gpus()))),
            new Property("OS", t -> machine(t, m -> m.os())),
            new Property("JVM", t -> machine(t, m -> m.jvm())),
            new Property("LiteBench", t -> env(t, EnvironmentInfo::litebenchVersion)),
            new Property("server version", t -> env(t, e -> e.server() == null ? null : e.server().version())),
            new Property("server weights", t -> env(t, e -> e.server() == null ? null : e.server().weights())),
            new Property("model file", t -> env(t, e -> e.model() == null || e.model().file() == null ? null
                    : e.model().file() + (e.model().fileBytes() == null ? "" : " (" + Format.bytes(e.model().fileBytes()) + ")"))),
            new Property("model SHA-256", t -> env(t, e -> e.model() == null ? null : e.model().sha256())),
            new Property("arrival stamps", t -> env(t, e -> e.arrivalStamps() == null ? null : e.arrivalStamps().source())),
            new Property("telemetry", t -> telemetry(t, s -> s.process())),
            new Property("GPU telemetry", t -> telemetry(t, s -> s.gpu())),
            new Property("run started", t -> t.first().origin()),
            new Property("profile", t -> t.first().profile()),
            new Property("SLO", t -> slo(t.first().slo())));

    static Table of(List<TargetResults> targets) {
        List<Cell> header = new ArrayList<>(List.of(Cell.of("")));
        for (TargetResults t : targets) header.add(Cell.target(t.name(), t.index()));
        List<List<Cell>> rows = new ArrayList<>();
        for (Property p : PROPERTIES) {
            List<String> values = targets.stream().map(p.value()).toList();
            if (values.stream().allMatch(Objects::isNull)) continue;
            boolean differs = targets.size() > 1 && new LinkedHashSet<>(values).size() > 1;
            List<Cell> line = new ArrayList<>(List.of(Cell.of(p.name())));
            for (String v : values) line.add(Cell.of(v == null ? "-" : v, differs ? Emphasis.DIFFERS : Emphasis.NONE));
            rows.add(line);
        }
        return new Table(header, rows, targets.size() > 1 ? List.of("Bold: not the same for every target.") : List.of());
    }

    private static String env(TargetResults t, Function<EnvironmentInfo, String> f) {
        return t.environment() == null ? null : f.apply(t.environment());
    }

    private static String machine(TargetResults t, Function<ResultDocument.Machine, String> f) {
        return env(t, e -> e.machine() == null ? null : f.apply(e.machine()));
    }

    private static String telemetry(TargetResults t, Function<ResultDocument.TelemetryStatus, String> f) {
        ResultDocument.Telemetry tel = t.first().telemetry();
        return tel == null || tel.status() == null ? null : f.apply(tel.status());
    }

    private static String slo(JsonNode slo) {
        if (slo == null) return null;
        List<String> parts = new ArrayList<>();
        for (String k : List.of("ttft_ms", "tpot_ms", "e2e_ms")) {
            if (slo.has(k)) parts.add(k.substring(0, k.length() - 3).toUpperCase(java.util.Locale.ROOT) + " ≤ " + Format.ms(slo.get(k).asDouble()));
        }
        return String.join(", ", parts);
    }
}
