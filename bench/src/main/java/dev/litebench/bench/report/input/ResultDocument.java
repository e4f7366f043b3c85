package dev.litebench.bench.report.input;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One result file (docs/RESULTS.md, schema 1.x) as the report reads it: only the fields the report uses, absent
 * ones null. Kept apart from the classes that write results, so that files from other versions and machines are
 * read by the contract, not by whatever the writer looks like today.
 */
public record ResultDocument(String schemaVersion, String litebenchVersion, String scenario, String profile, String status,
                             String error, Target target, String origin, Double startMs, JsonNode config,
                             JsonNode slo, SetSummary summary, List<LevelResult> levels, CapacityResult capacity,
                             ColdStartResult coldStart, AuditResult audit, Telemetry telemetry, EnvironmentInfo environment,
                             List<RequestResult> requests) {

    public ResultDocument {
        levels = levels == null ? List.of() : levels;
        requests = requests == null ? List.of() : requests;
    }

    public record Target(String label, String kind, String endpoint, String model, String api) {}

    /** A distribution of milliseconds (read whole): exact count, mean, stddev, min, max; percentiles from a histogram. */
    public record Stats(long count, double mean, double stddev, double min, double p50, double p90, double p95, double p99,
                        double max) {}

    /** A set's summary: a scenario's, or one level's. Distributions are null when no request succeeded. */
    public record SetSummary(int requestsOk, int requestsFailed, Stats ttftMs, Stats ttfoMs, Stats itlMs, Stats tpotMs,
                             Stats e2eMs, double durationS, double requestThroughput, double outputTokenThroughput,
                             double totalTokenThroughput, double goodput, double sloAttainment) {}

    /** One level: its key (concurrency, input length or rate; capacity: concurrency and trial), summary and resources. */
    public record LevelResult(Integer concurrency, Integer inputTokens, Double rate, Integer trial, SetSummary summary,
                              Resources resources, Boolean passed, Growth growthPct) {}

    public record Growth(Double ttft, Double e2e) {}

    /** Means and maxima of the telemetry samples over a window; null where not measured. */
    public record Resources(Double serverCpuPctMean, Long serverRssBytesMax, Double clientCpuPctMean, Double gpuUtilPctMean,
                            Double gpuMemoryMibMax) {}

    public record CapacityResult(Integer value, Integer low, Integer high, String metric, int percentile, double sloMs,
                                 int trials, int maxConcurrency, double goodput, String text) {}

    public record ColdStartResult(double spawnToReadyMs, Double readyToFirstTokenMs, Double firstTtftMs, Double steadyTtftMs,
                                  Long peakRssBytes, Double peakGpuMemoryMib) {}

    public record AuditResult(List<String> warnings) {
        public AuditResult {
            warnings = warnings == null ? List.of() : warnings;
        }
    }

    public record Telemetry(TelemetryStatus status, Resources usage, List<Sample> samples) {
        public Telemetry {
            samples = samples == null ? List.of() : samples;
        }
    }

    public record TelemetryStatus(String process, String gpu) {}

    public record Sample(double tMs, Double serverCpuPct, Long serverRssBytes, Double clientCpuPct, Double gpuUtilPct,
                         Double gpuMemoryMib) {}

    public record EnvironmentInfo(Machine machine, String litebenchVersion, Server server, Model model, ArrivalStampsInfo arrivalStamps) {}

    /** Where the client's arrival timestamps came from: {@code kernel} or {@code read-loop}. */
    public record ArrivalStampsInfo(String source) {}

    public record Machine(String cpu, Integer cores, Long memoryBytes, List<String> gpus, String os, String jvm) {}

    public record Server(String version, String weights) {}

    /** For a served file: its path, size and SHA-256. */
    public record Model(String file, Long fileBytes, String sha256) {}

    /** One measured request; latencies are null for a failed one, which has an error. */
    public record RequestResult(Integer level, double startMs, double endMs, Double ttftMs, Double ttfoMs, Double tpotMs, Double e2eMs,
                                RequestFailure error) {}

    public record RequestFailure(String kind, String message) {}
}
