package dev.litebench.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.litebench.engine.BadInputException;
import dev.litebench.engine.runtime.Engine;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Models, health (503 while loading), version, and Prometheus metrics in a format Prometheus accepts. */
class InfoEndpointsTest {
    /** A sample line of the Prometheus text format 0.0.4: name, optional labels, a float value. */
    static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\.|[^\"\\\\])*\",?)*})? (-?[0-9.]+(E[-+]?[0-9]+)?|NaN|[+-]Inf)");
    static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");

    final TestServer server = TestServer.shared();

    @Test
    void modelsListsTheServedModel() throws Exception {
        JsonNode list = Json.MAPPER.readTree(server.get("/v1/models").body());
        assertThat(list.get("object").asText()).isEqualTo("list");
        JsonNode model = list.get("data").get(0);
        assertThat(model.get("id").asText()).isEqualTo(TestServer.MODEL);
        assertThat(model.get("object").asText()).isEqualTo("model");
        assertThat(model.get("max_model_len").asInt()).isEqualTo(1024);
        assertThat(Json.MAPPER.readTree(server.get("/v1/models/" + TestServer.MODEL).body())).isEqualTo(model);
    }

    @Test
    void versionAndHealth() throws Exception {
        var version = Json.MAPPER.readTree(server.get("/version").body());
        assertThat(version.get("version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(version.path("weights").asText()).startsWith("mapped from the file, "); // the test model is too small to copy
        HttpResponse<String> health = server.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(health.body()).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void healthIs503WhileTheModelLoadsThen200() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (LiteBenchServer loading = LiteBenchServer.start(TestServer.options(), () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return Engine.load(TestModel.path(), TestServer.ENGINE);
        }, new PrintStream(new ByteArrayOutputStream()))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + loading.port();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(BadInputTest.assertError(health, 503).get("code").asText()).isEqualTo("model_loading");
            HttpResponse<String> chat = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString(ChatCompletionsTest.request("hi", 1).toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            BadInputTest.assertError(chat, 503);
            release.countDown();
            loading.awaitModel();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aModelThatFailsToLoadIsReported() {
        try (LiteBenchServer failing = LiteBenchServer.start(TestServer.options(), () -> {
            throw new BadInputException("model.gguf: not a GGUF file");
        }, new PrintStream(new ByteArrayOutputStream()))) {
            assertThatThrownBy(failing::awaitModel).isInstanceOf(BadInputException.class).hasMessageContaining("not a GGUF file");
        }
    }

    @Test
    void metricsAreValidPrometheusTextAndCountTokens() throws Exception {
        server.post("/v1/chat/completions", ChatCompletionsTest.request("count me", 3));
        HttpResponse<String> r = server.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
        Set<String> typed = new HashSet<>();
        Set<String> sampled = new HashSet<>();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("# HELP ")) continue;
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                typed.add(type.group(1));
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("sample line: %s", line).isTrue();
            sampled.add(sample.group(1));
        }
        assertThat(typed).contains("litebench_requests_running", "litebench_requests_waiting", "litebench_kv_cache_usage_ratio",
                "litebench_prompt_tokens_total", "litebench_generation_tokens_total", "litebench_time_to_first_token_seconds",
                "litebench_inter_token_latency_seconds", "litebench_e2e_request_latency_seconds",
                "litebench_request_queue_time_seconds", "litebench_decode_row_streams", "litebench_weights_copied",
                "litebench_weights_huge_page_ratio");
        assertThat(sampled).contains("litebench_prompt_tokens_total", "litebench_generation_tokens_total",
                "litebench_time_to_first_token_seconds_bucket", "litebench_time_to_first_token_seconds_count",
                "litebench_inter_token_latency_seconds_sum");
        assertThat(value(r.body(), "litebench_generation_tokens_total")).isGreaterThanOrEqualTo(3);
        assertThat(value(r.body(), "litebench_inter_token_latency_seconds_count")).isGreaterThanOrEqualTo(2);
        assertThat(value(r.body(), "litebench_kv_cache_usage_ratio")).isBetween(0.0, 1.0);
        assertThat(value(r.body(), "litebench_decode_row_streams")).isIn(0.0, 1.0, 2.0, 4.0);
        assertThat(value(r.body(), "litebench_weights_copied")).isZero(); // the test model is too small to copy
        assertThat(value(r.body(), "litebench_weights_huge_page_ratio")).isBetween(-1.0, 1.0);
    }

    static double value(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(metrics);
        assertThat(m.find()).as(name).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
