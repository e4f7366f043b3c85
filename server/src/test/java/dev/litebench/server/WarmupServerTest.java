package dev.litebench.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A server asked to warm up does so before /health says 200, and its warm-up is no client's request. */
class WarmupServerTest {

    @Test
    void warmsUpBeforeItIsReadyWithoutCountingItsOwnGenerations() throws Exception {
        ServerOptions options = new ServerOptions("127.0.0.1", 0, TestServer.MODEL, null, ServerOptions.DEFAULT_MAX_BODY_BYTES, true);
        try (TestServer s = TestServer.start(options, TestServer.ENGINE)) {
            var warm = s.server.awaitWarmup();
            assertThat(warm).isNotNull();
            assertThat(warm.rounds()).isPositive();
            assertThat(warm.requests()).isPositive();
            assertThat(s.get("/health").statusCode()).isEqualTo(200);
            HttpResponse<String> metrics = s.get("/metrics");
            assertThat(InfoEndpointsTest.value(metrics.body(), "litebench_generation_tokens_total")).isZero();
            assertThat(s.accessLog()).doesNotContain("warm-up failed").doesNotContain("POST");
            assertThat(s.post("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":2}")
                    .statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutItTheModelIsServedAsSoonAsItIsLoaded() throws Exception {
        assertThat(TestServer.shared().server.awaitWarmup()).isNull();
    }
}
