package dev.litebench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.engine.runtime.EngineOptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Many streams at once, garbage alongside them, a full queue, and clients that walk away. */
class ServingUnderLoadTest {

    static ObjectNode streamingChat(String text, int maxTokens) {
        ObjectNode body = ChatCompletionsTest.request(text, maxTokens);
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        body.put("logprobs", true);
        return body;
    }

    /**
     * A stream is intact when it is well framed, starts with the role, has one chunk per token in order (the bytes of
     * the tokens, joined, decode to exactly the streamed text) and ends with the finish reason, usage and [DONE].
     */
    static void assertIntact(HttpResponse<String> r, int maxTokens) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> events = Sse.events(r.body());
        assertThat(events.getFirst().get("choices").get(0).get("delta").get("role").asText()).isEqualTo("assistant");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int tokens = 0;
        for (JsonNode e : events) {
            if (e.get("choices").isEmpty() || e.get("choices").get(0).get("logprobs").isNull()) continue;
            for (JsonNode t : e.get("choices").get(0).get("logprobs").get("content")) {
                tokens++;
                for (JsonNode b : t.get("bytes")) bytes.write(b.asInt());
            }
        }
        assertThat(tokens).isEqualTo(maxTokens);
        assertThat(Sse.joined(events, "content")).isEqualTo(bytes.toString(StandardCharsets.UTF_8));
        assertThat(events.get(events.size() - 2).get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");
        assertThat(events.getLast().get("usage").get("completion_tokens").asInt()).isEqualTo(maxTokens);
    }

    @Test
    void garbageBurstWhileStreamingLeavesEveryStreamIntact() throws Exception {
        TestServer server = TestServer.shared();
        int streams = 6;
        int maxTokens = 24;
        List<CompletableFuture<HttpResponse<String>>> running = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            HttpRequest req = HttpRequest.newBuilder(server.uri("/v1/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString(streamingChat("Stream number " + i, maxTokens).toString())).build();
            running.add(server.http.sendAsync(req, HttpResponse.BodyHandlers.ofString()));
        }
        String[] garbage = {
                "{\"messages\": [", "null", "\u0000\u0001\u0002", "{\"messages\": [{\"role\": \"user\", \"content\": 1}]}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"max_tokens\": -1}", "[[[[[[[[",
                "{\"prompt\": [99999999999]}", "\"just a string\"", "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"temperature\": \"NaN\"}",
        };
        int answered = 0;
        for (int round = 0; round < 8; round++) {
            for (String g : garbage) {
                int status = server.post(round % 2 == 0 ? "/v1/chat/completions" : "/v1/completions", g).statusCode();
                assertThat(status).isBetween(400, 499);
                answered++;
            }
            try (RawHttp raw = new RawHttp(server.server.port())) {
                String reply = raw.send("THIS IS NOT HTTP\r\n\r\n").readAll();
                assertThat(reply).startsWith("HTTP/1.1 4").contains("application/json", "{\"error\":{\"message\":\"malformed HTTP request");
            }
            try (RawHttp raw = new RawHttp(server.server.port())) { // promises 1000 bytes, sends 10, hangs up
                raw.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"messages\"");
            }
            assertThat(server.get("/v1/nothing-here").statusCode()).isEqualTo(404);
        }
        assertThat(answered).isEqualTo(8 * garbage.length);
        for (CompletableFuture<HttpResponse<String>> f : running) assertIntact(f.get(120, TimeUnit.SECONDS), maxTokens);
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void fullQueueGets429WithRetryAfterAndDisconnectedClientsFreeTheirBlocks() throws Exception {
        EngineOptions oneAtATime = new EngineOptions(2, 1024, 1, 0, 256, 1);
        try (TestServer server = TestServer.start(TestServer.options(), oneAtATime);
             RawHttp first = new RawHttp(server.server.port());
             RawHttp second = new RawHttp(server.server.port())) {
            String longStream = streamingChat("Go on and on", 1000).toString();
            first.post("/v1/chat/completions", longStream);
            assertThat(first.readUntil("\"content\":\" ")).as("first stream produces tokens").isTrue();
            second.post("/v1/chat/completions", longStream);
            awaitCondition(() -> server.engine.waiting() == 1, "second request queued");

            HttpResponse<String> refused = server.post("/v1/chat/completions", ChatCompletionsTest.request("hi", 2));
            JsonNode error = BadInputTest.assertError(refused, 429);
            assertThat(error.get("code").asText()).isEqualTo("queue_full");
            assertThat(refused.headers().firstValue("retry-after")).hasValue("1");

            first.hangUp();
            second.hangUp();
            awaitCondition(() -> server.engine.running() == 0 && server.engine.waiting() == 0, "both requests cancelled");
            assertThat(server.engine.cache().freeBlocks()).isEqualTo(server.engine.cache().blocks());
            assertThat(server.post("/v1/chat/completions", ChatCompletionsTest.request("hi", 2)).statusCode()).isEqualTo(200);
            assertThat(server.get("/metrics").body()).contains("litebench_requests_finished_total{finish_reason=\"cancelled\"} 2.0");
        }
    }

    static void awaitCondition(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for: " + what);
            Thread.sleep(20);
        }
    }
}
