package dev.litebench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.litebench.bench.api.ChatApi;
import dev.litebench.bench.http.Endpoint;
import dev.litebench.bench.targets.TargetSpec;
import dev.litebench.bench.testing.FakeServerMain;
import dev.litebench.bench.testing.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --launch}: a fake server process that "loads" for a known time, measured from spawn and then stopped. */
class LaunchTest {
    private static final long LOADING_MS = 400;

    @TempDir
    Path dir;

    static List<String> fakeServer(int port, long loadingMs) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), FakeServerMain.class.getName(),
                Integer.toString(port), Long.toString(loadingMs), "20", "5");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void coldStartIsMeasuredFromSpawnAndTheServerIsStoppedAfterwards() throws Exception {
        int port = freePort();
        TargetSpec spec = new TargetSpec("fake", TargetSpec.Kind.LAUNCH, Endpoint.parse("http://127.0.0.1:" + port), null, null,
                new ChatApi(), fakeServer(port, LOADING_MS), null, null);
        var outcomes = Runs.run(Runs.settings("cold-start", "latency").latencyRequests(3).coldStartRequests(3).build(), dir, spec);
        assertThat(outcomes.getFirst().failure()).isNull();

        JsonNode r = Runs.read(dir.resolve("fake/cold-start.json"));
        JsonNode cs = r.path("cold_start");
        assertThat(r.path("status").asText()).isEqualTo("complete");
        assertThat(cs.path("spawn_to_ready_ms").asDouble()).isBetween((double) LOADING_MS, 15_000.0);
        assertThat(cs.path("ready_path").asText()).isEqualTo("/health");
        assertThat(cs.path("first_ttft_ms").asDouble()).isGreaterThanOrEqualTo(20.0);
        assertThat(cs.path("steady_ttft_ms").asDouble()).isGreaterThanOrEqualTo(20.0);
        assertThat(cs.path("ready_to_first_token_ms").asDouble()).isGreaterThanOrEqualTo(20.0);
        // the fake server holds 64 MiB of ballast
        assertThat(cs.path("peak_rss_bytes").asLong()).isGreaterThan(64L << 20);
        assertThat(cs.path("peak_rss_hwm_bytes").asLong()).isGreaterThanOrEqualTo(cs.path("peak_rss_bytes").asLong() / 2);
        assertThat(r.path("requests")).hasSize(4);
        // the window opens at spawn, so it holds the first request, sent the moment the server was ready
        assertThat(r.path("start_ms").asDouble()).isLessThan(r.path("requests").get(0).path("start_ms").asDouble());
        assertThat(r.path("requests").get(0).path("start_ms").asDouble() - r.path("start_ms").asDouble())
                .isGreaterThanOrEqualTo(cs.path("spawn_to_ready_ms").asDouble() - 1);
        assertThat(r.path("target").path("kind").asText()).isEqualTo("launch");

        assertThat(dev.litebench.bench.testing.SchemaCheck.resultSchema().violations(r)).isEmpty();

        JsonNode latency = Runs.read(dir.resolve("fake/latency.json"));
        assertThat(latency.path("summary").path("requests_ok").asInt()).isEqualTo(3);
        assertThat(latency.path("telemetry").path("samples").path(0).path("server_rss_bytes").asLong()).isGreaterThan(64L << 20);
        long pid = latency.path("environment").path("server").path("pid").asLong();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("server stopped").isFalse();
    }

    @Test
    void aServerThatDiesBeforeReadyFailsTheTargetWithItsOutput() throws Exception {
        int port = freePort();
        TargetSpec spec = new TargetSpec("dies", TargetSpec.Kind.LAUNCH, Endpoint.parse("http://127.0.0.1:" + port), null, null,
                new ChatApi(), List.of("/bin/sh", "-c", "echo model file is corrupt; exit 3"), null, null);
        var outcomes = Runs.run(Runs.settings("latency").build(), dir, spec);
        assertThat(outcomes.getFirst().failure()).contains("exited with code 3").contains("model file is corrupt");
    }

    @Test
    void aLaunchEndpointAlreadyInUseIsRefused() throws Exception {
        try (ServerSocket busy = new ServerSocket(0)) {
            TargetSpec spec = new TargetSpec("x", TargetSpec.Kind.LAUNCH, Endpoint.parse("http://127.0.0.1:" + busy.getLocalPort()),
                    null, null, new ChatApi(), List.of("/bin/true"), null, null);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Runs.run(Runs.settings("latency").build(), dir, spec))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already listens");
        }
    }
}
