package dev.litebench.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.litebench.bench.report.input.ResultDocument;
import dev.litebench.bench.report.input.ResultDocument.Machine;
import dev.litebench.bench.report.input.TargetResults;
import dev.litebench.bench.scenario.ScenarioName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What keeps the numbers from being compared as they stand, one alert line per kind of problem: targets measured
 * on different machines, by different LiteBench versions, with different settings (a scenario's config, the SLO,
 * the API), and scenarios that did not complete.
 */
final class Comparability {
    private Comparability() {}

    static List<String> alerts(List<TargetResults> targets) {
        List<String> alerts = new ArrayList<>();
        List<String> machine = differences(targets, Comparability::machineFields);
        if (!machine.isEmpty()) {
            alerts.add("Measured on different machines: " + String.join("; ", machine)
                    + ". Differences between targets are partly differences between the machines.");
        }
        List<String> version = differences(targets, t -> Map.of("LiteBench", String.valueOf(t.environment() == null ? null : t.environment().litebenchVersion())));
        if (!version.isEmpty()) alerts.add("Written by different LiteBench versions: " + String.join("; ", version) + ".");
        List<String> settings = settings(targets);
        if (!settings.isEmpty()) {
            alerts.add("Measured with different settings: " + String.join("; ", settings) + ". The same scenario did not ask the same of every target.");
        }
        List<String> unfinished = new ArrayList<>();
        for (TargetResults t : targets) {
            t.results().forEach((s, d) -> {
                if (!"complete".equals(d.status())) {
                    unfinished.add(t.name() + " " + s.id + " " + d.status() + (d.error() == null ? "" : " (" + d.error() + ")"));
                }
            });
        }
        if (!unfinished.isEmpty()) alerts.add("Incomplete results: " + String.join("; ", unfinished) + ". Their numbers cover only what ran.");
        return alerts;
    }

    private static Map<String, String> machineFields(TargetResults t) {
        Map<String, String> f = new LinkedHashMap<>();
        Machine m = t.environment() == null ? null : t.environment().machine();
        if (m == null) return f;
        f.put("CPU", m.cpu());
        f.put("cores", String.valueOf(m.cores()));
        f.put("memory", m.memoryBytes() == null ? "unknown" : Format.bytes(m.memoryBytes()));
        f.put("GPUs", m.gpus() == null || m.gpus().isEmpty() ? "none" : String.join(", ", m.gpus()));
        f.put("OS", m.os());
        f.put("JVM", m.jvm());
        return f;
    }

    /** For each field whose value is not the same for every target: "cores: fast 1, lean 2". */
    private static List<String> differences(List<TargetResults> targets, Function<TargetResults, Map<String, String>> fields) {
        if (targets.size() < 2) return List.of();
        Map<String, Map<String, String>> byField = new LinkedHashMap<>();
        for (TargetResults t : targets) fields.apply(t).forEach((k, v) -> byField.computeIfAbsent(k, x -> new LinkedHashMap<>()).put(t.name(), v));
        List<String> out = new ArrayList<>();
        byField.forEach((field, values) -> {
            if (values.size() < targets.size() || new LinkedHashSet<>(values.values()).size() > 1) {
                out.add(field + ": " + targets.stream().map(t -> t.name() + " " + values.getOrDefault(t.name(), "unknown"))
                        .collect(Collectors.joining(", ")));
            }
        });
        return out;
    }

    /** Differing config keys, SLOs and APIs, each listed once with the scenarios it differs in. */
    private static List<String> settings(List<TargetResults> targets) {
        Map<String, Set<String>> scenariosByDifference = new LinkedHashMap<>();
        for (ScenarioName s : ScenarioName.values()) {
            List<TargetResults> ran = targets.stream().filter(t -> t.result(s) != null).toList();
            if (ran.size() < 2) continue;
            Set<String> keys = new LinkedHashSet<>();
            keys.add("api");
            keys.add("slo");
            for (TargetResults t : ran) {
                JsonNode c = t.result(s).config();
                if (c != null) c.fieldNames().forEachRemaining(keys::add);
            }
            for (String key : keys) {
                Map<String, String> values = new LinkedHashMap<>();
                for (TargetResults t : ran) values.put(t.name(), setting(t.result(s), key));
                if (new LinkedHashSet<>(values.values()).size() > 1) {
                    String d = key + ": " + values.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
                    scenariosByDifference.computeIfAbsent(d, x -> new LinkedHashSet<>()).add(s.id);
                }
            }
        }
        List<String> out = new ArrayList<>();
        scenariosByDifference.forEach((d, scenarios) -> out.add(d + " (" + String.join(", ", scenarios) + ")"));
        return out;
    }

    private static String setting(ResultDocument d, String key) {
        if (key.equals("api")) return Objects.toString(d.target().api());
        JsonNode v = key.equals("slo") ? d.slo() : d.config() == null ? null : d.config().get(key);
        if (v == null || v.isNull()) return "unset";
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
