package dev.litebench.bench.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.litebench.bench.BenchFailure;
import dev.litebench.bench.api.GenerationRequest;
import dev.litebench.bench.api.ServerTokenizer;
import dev.litebench.bench.http.ArrivalStamps;
import dev.litebench.bench.http.HttpTransport;
import dev.litebench.bench.measure.ErrorKind;
import dev.litebench.bench.measure.RequestRecord;
import dev.litebench.bench.measure.RunClock;
import dev.litebench.bench.measure.StreamAnalyzer;
import dev.litebench.bench.measure.StreamingClient;
import dev.litebench.bench.result.Environment;
import dev.litebench.bench.result.TargetInfo;
import dev.litebench.bench.scenario.BenchSettings;
import dev.litebench.bench.scenario.Prompts;
import dev.litebench.bench.telemetry.Machine;
import dev.litebench.bench.telemetry.TelemetryRecorder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A target ready to be measured: its server running (launched if need be) and answering, the model known, the
 * first request done (it tells whether output length can be forced, and is the cold-start measurement), the
 * server's tokenizer found if it has one, and telemetry running. Closing stops what was launched.
 */
public final class LiveTarget implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long READY_PROBE_MS = 20;
    private static final long TELEMETRY_INTERVAL_MS = 100;
    /** Assumed token length of a unique-prompt tag when the server has no tokenizer to count it. */
    private static final int TAG_TOKENS_UNKNOWN = 8;

    private final TargetSpec spec;
    private final HttpTransport http;
    private final ServerProcess process;
    private final ServerProcess.Readiness readiness;
    private final TelemetryRecorder telemetry;
    private final StreamingClient client;
    private final RequestRecord firstRequest;
    private final ServerTokenizer tokenizer;
    private final Integer templateTokens;
    private final int tagTokens;
    private final AtomicInteger promptSequence = new AtomicInteger(1);
    private final AtomicInteger servedConcurrency = new AtomicInteger(1);
    private final ServerVersion serverVersion;
    private final ModelDigest digest;
    private final Machine machine;
    private final String litebenchVersion;

    private LiveTarget(TargetSpec spec, HttpTransport http, ServerProcess process, ServerProcess.Readiness readiness,
                       TelemetryRecorder telemetry, StreamingClient client, RequestRecord firstRequest,
                       ServerTokenizer tokenizer, Integer templateTokens, int tagTokens, ServerVersion serverVersion, ModelDigest digest,
                       Machine machine, String litebenchVersion) {
        this.spec = spec;
        this.http = http;
        this.process = process;
        this.readiness = readiness;
        this.telemetry = telemetry;
        this.client = client;
        this.firstRequest = firstRequest;
        this.tokenizer = tokenizer;
        this.templateTokens = templateTokens;
        this.tagTokens = tagTokens;
        this.serverVersion = serverVersion;
        this.digest = digest;
        this.machine = machine;
        this.litebenchVersion = litebenchVersion;
    }

    /** Starts (if launched), waits for, and probes a target; {@code log} receives progress lines. */
    public static LiveTarget connect(TargetSpec spec, BenchSettings s, RunClock clock, Path dir, Machine machine,
                                     String litebenchVersion, Consumer<String> log) {
        HttpTransport http = new HttpTransport(spec.endpoint(), spec.apiKey(), s.connectTimeoutS() * 1000, s.readTimeoutS() * 1000);
        ServerProcess process = null;
        TelemetryRecorder telemetry = null;
        try {
            ServerProcess.Readiness readiness = null;
            Long pid = spec.pid();
            if (spec.launched()) {
                // a served file's command is a JVM line with the whole class path: name what it runs instead (the
                // result file's target.command keeps the full line)
                log.accept("starting " + (spec.kind() == TargetSpec.Kind.SERVE
                        ? "litebench serve " + spec.modelFile() + " at " + spec.endpoint()
                        : String.join(" ", spec.launchCommand())) + " (output: " + dir.resolve("server.log") + ")");
                process = ServerProcess.start(spec.launchCommand(), dir.resolve("server.log"));
                pid = process.pid();
                telemetry = TelemetryRecorder.start(clock, pid, TELEMETRY_INTERVAL_MS);
                readiness = process.awaitReady(http, Duration.ofSeconds(s.readyTimeoutS()), READY_PROBE_MS);
                log.accept(String.format(java.util.Locale.ROOT, "ready after %.2f s (%s)",
                        (readiness.readyNanos() - process.spawnNanos()) / 1e9, readiness.path()));
            } else {
                if (pid == null && spec.endpoint().isLoopback()) pid = ListeningProcess.find(spec.endpoint().port());
                telemetry = TelemetryRecorder.start(clock, pid, TELEMETRY_INTERVAL_MS);
            }
            ModelDigest digest = spec.modelFile() == null ? null : ModelDigest.start(spec.modelFile());
            String model = spec.model() != null ? spec.model() : discoverModel(http, spec.label());
            StreamAnalyzer analyzer = new StreamAnalyzer(spec.api(), clock);
            StreamingClient client = new StreamingClient(http, spec.api(), model, true);
            RequestRecord first = probe(client, analyzer, s);
            if (!first.ok() && first.error().kind() == ErrorKind.HTTP_4XX) {
                client = new StreamingClient(http, spec.api(), model, false);
                RequestRecord plain = probe(client, analyzer, s);
                if (plain.ok()) {
                    log.accept("the server rejects ignore_eos/min_tokens (" + first.error().message() + "); output length is not forced");
                    first = plain;
                }
            }
            if (!first.ok()) throw new BenchFailure("the first request to '" + spec.label() + "' failed: " + first.error().message());
            ServerTokenizer tokenizer = ServerTokenizer.detect(http, model);
            Integer template = null;
            if (tokenizer != null && first.inputTokens() != null) template = first.inputTokens() - tokenizer.count(firstPrompt(s));
            int tag = tokenizer == null ? TAG_TOKENS_UNKNOWN : tokenizer.count(Prompts.tag(0));
            return new LiveTarget(spec, http, process, readiness, telemetry, client, first, tokenizer, template, tag,
                    serverVersion(http), digest, machine, litebenchVersion);
        } catch (IOException | RuntimeException e) {
            if (telemetry != null) telemetry.close();
            if (process != null) process.close();
            http.close();
            if (e instanceof BenchFailure b) throw b;
            throw new BenchFailure("target '" + spec.label() + "': " + e.getMessage(), e);
        }
    }

    /** The first request's prompt: unique like those of the scenarios, so that its TTFT is a cold one. */
    private static String firstPrompt(BenchSettings s) {
        return Prompts.unique(0, s.prompt());
    }

    private static RequestRecord probe(StreamingClient client, StreamAnalyzer analyzer, BenchSettings s) {
        var x = client.send("first", new GenerationRequest(firstPrompt(s), s.outputTokens()), System.nanoTime());
        return analyzer.analyze(x, new StreamAnalyzer.Asked(null, s.outputTokens(), null));
    }

    private static String discoverModel(HttpTransport http, String label) throws IOException {
        HttpTransport.Response r = http.call("GET", http.endpoint().path("/v1/models"), null);
        if (r.status() != 200) throw new BenchFailure("'" + label + "': GET /v1/models answered HTTP " + r.status() + "; name the model with --model");
        JsonNode id = JSON.readTree(r.body()).path("data").path(0).path("id");
        if (!id.isTextual()) throw new BenchFailure("'" + label + "': /v1/models lists no model; name it with --model");
        return id.asText();
    }

    /** What {@code GET /version} says: the version, and where LiteBench's server placed its weights. */
    private record ServerVersion(String version, String weights) {}

    private static ServerVersion serverVersion(HttpTransport http) {
        try {
            HttpTransport.Response r = http.call("GET", http.endpoint().path("/version"), null);
            if (r.status() == 200) {
                JsonNode v = JSON.readTree(r.body());
                return new ServerVersion(v.path("version").isTextual() ? v.path("version").asText() : null,
                        v.path("weights").isTextual() ? v.path("weights").asText() : null);
            }
        } catch (IOException | RuntimeException e) {
            // no /version: unknown
        }
        return new ServerVersion(null, null);
    }

    public TargetSpec spec() {
        return spec;
    }

    public StreamingClient client() {
        return client;
    }

    public TelemetryRecorder telemetry() {
        return telemetry;
    }

    /** The first request sent after the server was ready (for a launched server, its very first). */
    public RequestRecord firstRequest() {
        return firstRequest;
    }

    /** Null for an endpoint target. */
    public ServerProcess process() {
        return process;
    }

    /** Null for an endpoint target. */
    public ServerProcess.Readiness readiness() {
        return readiness;
    }

    /** Null when the server has no usable /tokenize. */
    public ServerTokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * Prompt tokens the server adds around a prompt's own tokens (the chat template), from the first request's
     * {@code usage.prompt_tokens} minus the tokenizer's count; null when either is unknown.
     */
    public Integer templateTokens() {
        return templateTokens;
    }

    /** {@code base} behind a tag no other prompt sent to this target has (see {@link Prompts}). */
    public String uniquePrompt(String base) {
        return Prompts.unique(promptSequence.getAndIncrement(), base);
    }

    /**
     * The most prompt tokens two unique prompts can share: the chat template's leading tokens plus the tag's.
     * Cached tokens beyond this are a prefix-cache hit.
     */
    public int uniquePromptSharedTokens() {
        return (templateTokens == null ? 0 : templateTokens) + tagTokens;
    }

    /** The most requests this run has kept in flight at once on this target (closed loops, warm-ups included). */
    public int servedConcurrency() {
        return servedConcurrency.get();
    }

    /** Notes that a closed loop of {@code concurrency} requests ran against this target. */
    public void servedConcurrency(int concurrency) {
        servedConcurrency.accumulateAndGet(concurrency, Math::max);
    }

    public TargetInfo info() {
        return new TargetInfo(spec.label(), spec.kind().id(), spec.endpoint().toString(), client.model(), spec.api().name(),
                spec.launchCommand(), spec.modelFile() == null ? null : spec.modelFile().toString(), client.forcesLength(),
                tokenizer == null ? null : tokenizer.shape());
    }

    public ArrivalStamps arrivalStamps() {
        return http.arrivalStamps();
    }

    public Environment environment() {
        Environment.Model model = digest == null ? new Environment.Model(client.model(), null, null, null)
                : new Environment.Model(client.model(), spec.modelFile().toString(), digest.size(), digest.sha256());
        return new Environment(machine, litebenchVersion,
                new Environment.Server(serverVersion.version(), serverVersion.weights(), firstRequest.systemFingerprint(), telemetry.serverPid()), model,
                telemetry.status(), http.arrivalStamps());
    }

    @Override
    public void close() {
        telemetry.close();
        if (process != null) process.close();
        http.close();
    }
}
