package dev.litebench.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** With an API key, every /v1 request needs {@code Authorization: Bearer KEY}; the rest stays open. */
class ApiKeyTest {
    static final String KEY = "sk-test-litebench";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(new ServerOptions("127.0.0.1", 0, TestServer.MODEL, KEY, ServerOptions.DEFAULT_MAX_BODY_BYTES),
                TestServer.ENGINE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    HttpResponse<String> chat(String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(ChatCompletionsTest.request("hi", 1).toString()));
        if (authorization != null) b.header("Authorization", authorization);
        return server.send(b.build());
    }

    @Test
    void missingOrWrongKeyIs401() throws Exception {
        for (String auth : new String[] {null, "Bearer wrong", KEY, "Basic " + KEY, "Bearer " + KEY + "x"}) {
            HttpResponse<String> r = chat(auth);
            assertThat(BadInputTest.assertError(r, 401).get("code").asText()).as("%s", auth).isEqualTo("invalid_api_key");
        }
        BadInputTest.assertError(server.get("/v1/models"), 401);
        BadInputTest.assertError(server.get("/v1/no-such-thing"), 401);
    }

    @Test
    void rightKeyIsServedAndNonV1PathsNeedNone() {
        assertThat(chat("Bearer " + KEY).statusCode()).isEqualTo(200);
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        assertThat(server.get("/metrics").statusCode()).isEqualTo(200);
        assertThat(server.get("/version").statusCode()).isEqualTo(200);
    }
}
