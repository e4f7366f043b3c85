package dev.litebench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.engine.runtime.EngineOptions;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/completions}: text and token prompts, streaming, legacy logprobs. */
class CompletionsTest {
    final TestServer server = TestServer.shared();

    static ObjectNode request(int maxTokens) {
        ObjectNode body = Json.object();
        body.put("model", TestServer.MODEL);
        body.put("max_tokens", maxTokens);
        body.put("temperature", 0);
        return body;
    }

    JsonNode ok(ObjectNode body) throws Exception {
        HttpResponse<String> r = server.post("/v1/completions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void textPromptAndItsTokenIdsGiveTheSameCompletion() throws Exception {
        ObjectNode text = request(6);
        text.put("prompt", "The quick brown fox");
        JsonNode byText = ok(text);
        assertThat(byText.get("object").asText()).isEqualTo("text_completion");
        assertThat(byText.get("id").asText()).startsWith("cmpl-");
        JsonNode choice = byText.get("choices").get(0);
        assertThat(choice.get("text").asText()).isNotEmpty();
        assertThat(choice.get("finish_reason").asText()).isEqualTo("length");

        JsonNode ids = Json.MAPPER.readTree(server.post("/tokenize", "{\"prompt\": \"The quick brown fox\"}").body()).get("tokens");
        ObjectNode tokens = request(6);
        tokens.set("prompt", ids);
        JsonNode byTokens = ok(tokens);
        assertThat(byTokens.get("choices").get(0).get("text").asText()).isEqualTo(choice.get("text").asText());
        assertThat(byTokens.get("usage").get("prompt_tokens").asInt()).isEqualTo(ids.size());

        ObjectNode wrapped = request(6);
        wrapped.putArray("prompt").add("The quick brown fox");
        assertThat(ok(wrapped).get("choices").get(0).get("text").asText()).isEqualTo(choice.get("text").asText());
    }

    @Test
    void streamedTextEqualsTheWholeResponse() throws Exception {
        ObjectNode body = request(10);
        body.put("prompt", "Once upon a time");
        String whole = ok(body).get("choices").get(0).get("text").asText();
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        List<JsonNode> events = Sse.events(server.post("/v1/completions", body).body());
        assertThat(Sse.joined(events, "text")).isEqualTo(whole);
        assertThat(events.get(events.size() - 2).get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");
        assertThat(events.getLast().get("usage").get("completion_tokens").asInt()).isEqualTo(10);
        assertThat(events.getLast().get("timings").get("predicted_n").asInt()).isEqualTo(10);
    }

    @Test
    void legacyLogprobsHaveOneEntryPerToken() throws Exception {
        ObjectNode body = request(5);
        body.put("prompt", "Hello");
        body.put("logprobs", 2);
        JsonNode lp = ok(body).get("choices").get(0).get("logprobs");
        assertThat(lp.get("tokens")).hasSize(5);
        assertThat(lp.get("token_logprobs")).hasSize(5);
        assertThat(lp.get("text_offset")).hasSize(5);
        assertThat(lp.get("top_logprobs")).hasSize(5);
        assertThat(lp.get("top_logprobs").get(0).size()).isEqualTo(2);
    }

    @Test
    void maxTokensBeyondTheServedContextStopsWhereTheContextEnds() throws Exception {
        try (TestServer small = TestServer.start(TestServer.options(), new EngineOptions(2, 48, 1, 0, 64, 4))) {
            ObjectNode body = request(30_000); // within the model's trained context, far beyond the served one
            body.put("prompt", "Count to ten:");
            body.put("ignore_eos", true);
            HttpResponse<String> r = small.post("/v1/completions", body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode usage = Json.MAPPER.readTree(r.body()).get("usage");
            assertThat(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt()).isEqualTo(48);
            assertThat(Json.MAPPER.readTree(r.body()).get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");
        }
    }

    @Test
    void minTokensAndIgnoreEosAreAccepted() throws Exception {
        ObjectNode body = request(4);
        body.put("prompt", "Go");
        body.put("min_tokens", 4);
        body.put("ignore_eos", true);
        body.put("seed", 1234);
        body.put("temperature", 0.8);
        body.put("top_k", 40);
        body.put("top_p", 0.9);
        body.put("min_p", 0.05);
        body.put("presence_penalty", 0.5);
        body.put("frequency_penalty", 0.5);
        body.put("repetition_penalty", 1.1);
        JsonNode first = ok(body);
        assertThat(first.get("usage").get("completion_tokens").asInt()).isEqualTo(4);
        assertThat(ok(body).get("choices").get(0).get("text").asText()).as("same seed, same text")
                .isEqualTo(first.get("choices").get(0).get("text").asText());
    }
}
