package dev.litebench.bench.result;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.bench.measure.RequestRecord;
import dev.litebench.bench.measure.RunClock;
import dev.litebench.bench.measure.Slo;
import dev.litebench.bench.measure.Summary;
import dev.litebench.bench.telemetry.ResourceUsage;
import dev.litebench.bench.telemetry.TelemetryRecorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The result of one scenario on one target, filled in as the scenario runs; {@link #snapshot} gives the JSON
 * document of docs/RESULTS.md at any moment, with the summary and audit computed from the requests so far.
 */
public final class ScenarioResult {
    public static final String SCHEMA_VERSION = "1.4";
    /** Mean host steal over a scenario above which the audit warns. */
    static final double STEAL_WARNING_PCT = 1.0;

    private final String scenario;
    private final String profile;
    private final TargetInfo target;
    private final Map<String, Object> config;
    private final Slo slo;
    private final RunClock clock;
    private final double startMs;
    private final Supplier<Environment> environment;
    private final TelemetryRecorder telemetry;
    private final String litebenchVersion;
    private final List<RequestRecord> requests = new ArrayList<>();
    private final List<Level> levels = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private String status = "running";
    private String error;
    private Double endMs;
    private Capacity capacity;
    private ColdStart coldStart;
    private TokenDrift tokenDrift;
    private int cacheAllowance;
    /** Counts the changes to what was measured (not telemetry, which grows on its own), so unchanged results are not rewritten. */
    private long revision;

    /** {@code startMs} opens the scenario's window (its telemetry and {@code started_at}), on {@code clock}. */
    public ScenarioResult(String scenario, String profile, TargetInfo target, Map<String, Object> config, Slo slo,
                          RunClock clock, double startMs, String litebenchVersion, Supplier<Environment> environment,
                          TelemetryRecorder telemetry) {
        this.scenario = scenario;
        this.profile = profile;
        this.target = target;
        this.config = config;
        this.slo = slo;
        this.clock = clock;
        this.startMs = startMs;
        this.environment = environment;
        this.telemetry = telemetry;
        this.litebenchVersion = litebenchVersion;
    }

    public String scenario() {
        return scenario;
    }

    public synchronized void add(RequestRecord r) {
        requests.add(r);
        revision++;
    }

    public synchronized void add(Level level) {
        levels.add(level);
        revision++;
    }

    public synchronized void warn(String warning) {
        warnings.add(warning);
        revision++;
    }

    public synchronized void capacity(Capacity c) {
        capacity = c;
        revision++;
    }

    public synchronized void coldStart(ColdStart c) {
        coldStart = c;
        revision++;
    }

    public synchronized void tokenDrift(TokenDrift d) {
        tokenDrift = d;
        revision++;
    }

    /** Cached prompt tokens every prompt legitimately shares (the chat template's); more counts as a cache hit. */
    public synchronized void cacheAllowance(int tokens) {
        cacheAllowance = tokens;
        revision++;
    }

    public synchronized List<Level> levels() {
        return List.copyOf(levels);
    }

    public synchronized Capacity capacity() {
        return capacity;
    }

    public synchronized ColdStart coldStart() {
        return coldStart;
    }

    public synchronized Summary summary() {
        return Summary.of(requests, slo);
    }

    public synchronized Audit audit() {
        return audit(usage(windowEnd()));
    }

    /** The audit, with the steal warning judged from {@code usage}, the telemetry over the scenario's window. */
    private Audit audit(ResourceUsage usage) {
        List<String> all = new ArrayList<>(warnings);
        String steal = stealWarning(usage);
        if (steal != null) all.add(steal);
        return Audit.of(requests, target.lengthForced(), cacheAllowance, tokenDrift, all);
    }

    /** The end of the scenario's window: when it finished, or now while it runs. */
    private double windowEnd() {
        return endMs != null ? endMs : clock.ms(System.nanoTime());
    }

    /** Telemetry means and maxima from the scenario's start to {@code end}; null without telemetry or samples. */
    private ResourceUsage usage(double end) {
        return telemetry == null ? null : telemetry.usage(startMs, end);
    }

    /** The audit line for a window whose mean host steal exceeds {@link #STEAL_WARNING_PCT}, else null. */
    static String stealWarning(ResourceUsage usage) {
        if (usage == null || usage.hostStealPctMean() == null || usage.hostStealPctMean() <= STEAL_WARNING_PCT) return null;
        return String.format(Locale.ROOT, "the hypervisor took %.1f%% of the machine's CPU time (steal, max %.1f%% in one sample):"
                + " latency outliers may be the host's, not the server's", usage.hostStealPctMean(), usage.hostStealPctMax());
    }

    public synchronized String status() {
        return status;
    }

    /** Marks the end: {@code complete}, {@code interrupted} or {@code failed} (with its error). */
    public synchronized void finish(String status, String error) {
        this.status = status;
        this.error = error;
        this.endMs = clock.ms(System.nanoTime());
        revision++;
    }

    /** A number that changes whenever the measured results do (requests, levels, warnings, outcomes, status). */
    public synchronized long revision() {
        return revision;
    }

    public synchronized ObjectNode snapshot() {
        double end = windowEnd();
        ResourceUsage usage = usage(end);
        ObjectNode o = ResultJson.MAPPER.createObjectNode();
        o.put("schema_version", SCHEMA_VERSION);
        o.put("litebench_version", litebenchVersion);
        o.put("scenario", scenario);
        o.put("profile", profile);
        o.put("status", status);
        if (error != null) o.put("error", error);
        o.set("target", tree(target));
        o.put("origin", clock.originInstant().toString());
        o.put("started_at", at(startMs));
        if (endMs != null) o.put("finished_at", at(endMs));
        o.put("start_ms", startMs);
        o.put("end_ms", end);
        o.set("config", tree(config));
        o.set("slo", tree(slo));
        o.set("summary", tree(Summary.of(requests, slo)));
        o.set("levels", tree(levels));
        if (capacity != null) o.set("capacity", tree(capacity));
        if (coldStart != null) o.set("cold_start", tree(coldStart));
        o.set("audit", tree(audit(usage)));
        ObjectNode t = o.putObject("telemetry");
        if (telemetry != null) {
            t.set("status", tree(telemetry.status()));
            if (usage != null) t.set("usage", tree(usage));
            t.set("samples", tree(telemetry.between(startMs, end)));
        }
        o.set("environment", tree(environment.get()));
        o.set("requests", tree(requests));
        return o;
    }

    private String at(double ms) {
        return clock.originInstant().plusNanos(Math.round(ms * 1e6)).toString();
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(Object value) {
        return ResultJson.MAPPER.valueToTree(value);
    }

}
