package dev.litebench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** vLLM-shaped {@code /tokenize} and {@code /detokenize}: exact prompt lengths, round trips. */
class TokenizeTest {
    final TestServer server = TestServer.shared();

    @Test
    void tokenizeThenDetokenizeRoundTrips() throws Exception {
        String text = "Hello, world! Ünïcödé and 中文 and <|im_start|> too.";
        ObjectNode req = Json.object();
        req.put("prompt", text);
        req.put("return_token_strs", true);
        JsonNode t = Json.MAPPER.readTree(server.post("/tokenize", req).body());
        assertThat(t.get("count").asInt()).isEqualTo(t.get("tokens").size()).isPositive();
        assertThat(t.get("max_model_len").asInt()).isEqualTo(1024);
        assertThat(t.get("token_strs")).hasSize(t.get("count").asInt());
        assertThat(t.get("tokens")).contains(Json.MAPPER.valueToTree(server.engine.tokenizer().specialTokenId("<|im_start|>")));
        ObjectNode back = Json.object();
        back.set("tokens", t.get("tokens"));
        assertThat(Json.MAPPER.readTree(server.post("/detokenize", back).body()).get("prompt").asText()).isEqualTo(text);
    }

    @Test
    void promptTokenCountMatchesWhatACompletionBills() throws Exception {
        ObjectNode req = Json.object();
        req.put("prompt", "Exactly this many tokens, please.");
        int count = Json.MAPPER.readTree(server.post("/tokenize", req).body()).get("count").asInt();
        ObjectNode completion = CompletionsTest.request(1);
        completion.put("prompt", "Exactly this many tokens, please.");
        JsonNode r = Json.MAPPER.readTree(server.post("/v1/completions", completion).body());
        assertThat(r.get("usage").get("prompt_tokens").asInt()).isEqualTo(count);
    }

    @Test
    void messagesAreRenderedWithTheTemplateLikeAChat() throws Exception {
        ObjectNode chat = ChatCompletionsTest.request("How long is this prompt?", 1);
        chat.putObject("chat_template_kwargs").put("enable_thinking", false);
        int count = Json.MAPPER.readTree(server.post("/tokenize", chat).body()).get("count").asInt();
        JsonNode r = Json.MAPPER.readTree(server.post("/v1/chat/completions", chat).body());
        assertThat(r.get("usage").get("prompt_tokens").asInt()).isEqualTo(count);
        ObjectNode withoutGenerationPrompt = chat.deepCopy();
        withoutGenerationPrompt.put("add_generation_prompt", false);
        assertThat(Json.MAPPER.readTree(server.post("/tokenize", withoutGenerationPrompt).body()).get("count").asInt()).isLessThan(count);
    }
}
