package dev.litebench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.litebench.bench.loopback.LoopbackBehavior;
import dev.litebench.bench.loopback.LoopbackServer;
import dev.litebench.bench.testing.Runs;
import dev.litebench.bench.testing.TlsProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An https:// endpoint: the loopback server behind a TLS proxy with a self-signed certificate for 127.0.0.1. */
class HttpsTest {
    @TempDir
    Path dir;
    private LoopbackServer server;
    private TlsProxy proxy;
    private SSLContext saved;

    @BeforeEach
    void start() throws Exception {
        saved = SSLContext.getDefault();
        server = LoopbackServer.start(new LoopbackBehavior().ttftMs(30).itlMs(10), 0);
        proxy = TlsProxy.start(dir, URI.create(server.url()).getPort());
    }

    @AfterEach
    void stop() throws Exception {
        SSLContext.setDefault(saved);
        proxy.close();
        server.close();
    }

    @Test
    void streamsAreMeasuredOverTls() throws Exception {
        SSLContext.setDefault(proxy.clientContext());
        var outcomes = Runs.run(Runs.settings("latency").latencyRequests(3).build(), dir, Runs.endpoint("tls", proxy.url()));
        assertThat(outcomes.getFirst().failure()).isNull();
        JsonNode r = Runs.read(dir.resolve("tls/latency.json"));
        assertThat(r.path("target").path("endpoint").asText()).startsWith("https://127.0.0.1:");
        JsonNode s = r.path("summary");
        assertThat(s.path("requests_ok").asInt()).isEqualTo(3);
        assertThat(s.path("ttft_ms").path("p50").asDouble()).isBetween(30.0, 30 + 200.0);
        assertThat(s.path("tpot_ms").path("mean").asDouble()).isBetween(6.0, 30.0);
        assertThat(r.path("requests").path(0).path("chunk_gaps_ms")).hasSize(4);
        // the ciphertext goes through the read loop like plain bytes, stamped by the kernel on Linux
        JsonNode stamps = r.path("environment").path("arrival_stamps");
        boolean linux = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux");
        assertThat(stamps.path("source").asText()).isEqualTo(linux ? "kernel" : "read-loop");
        assertThat(stamps.path(linux ? "kernel_stamped_reads" : "self_stamped_reads").asLong()).isPositive();
    }

    @Test
    void anUntrustedCertificateIsAClearFailureBeforeAnythingRuns() throws Exception {
        assertThatThrownBy(() -> Runs.run(Runs.settings("latency").latencyRequests(3).build(), dir, Runs.endpoint("tls", proxy.url())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("\n")
                .hasMessageContaining("target 'tls': cannot connect to 127.0.0.1:")
                .hasMessageContaining("TLS certificate is not trusted")
                .hasMessageContaining("javax.net.ssl.trustStore");
        assertThat(server.generationRequests()).isZero();
    }
}
