package dev.litebench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/chat/completions} over plain HTTP: shapes, streaming, stop, logprobs, thinking, usage, timings. */
class ChatCompletionsTest {
    final TestServer server = TestServer.shared();

    static ObjectNode request(String userText, int maxTokens) {
        ObjectNode body = Json.object();
        body.put("model", TestServer.MODEL);
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", userText);
        body.put("max_tokens", maxTokens);
        body.put("temperature", 0);
        return body;
    }

    JsonNode ok(ObjectNode body) throws Exception {
        HttpResponse<String> r = server.post("/v1/chat/completions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void nonStreamingResponseHasOpenAiShapeUsageAndTimings() throws Exception {
        JsonNode r = ok(request("Say something.", 8));
        assertThat(r.get("id").asText()).startsWith("chatcmpl-");
        assertThat(r.get("object").asText()).isEqualTo("chat.completion");
        assertThat(r.get("model").asText()).isEqualTo(TestServer.MODEL);
        assertThat(r.get("created").asLong()).isPositive();
        JsonNode choice = r.get("choices").get(0);
        assertThat(choice.get("index").asInt()).isZero();
        assertThat(choice.get("message").get("role").asText()).isEqualTo("assistant");
        assertThat(choice.get("message").get("content").asText()).isNotEmpty();
        assertThat(choice.get("message").has("reasoning_content")).isFalse();
        assertThat(choice.get("finish_reason").asText()).isEqualTo("length");
        JsonNode usage = r.get("usage");
        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(8);
        assertThat(usage.get("prompt_tokens").asInt()).isPositive();
        assertThat(usage.get("total_tokens").asInt()).isEqualTo(usage.get("prompt_tokens").asInt() + 8);
        assertThat(usage.get("prompt_tokens_details").get("cached_tokens").isInt()).isTrue();
        JsonNode t = r.get("timings");
        for (String f : List.of("prompt_n", "prompt_ms", "prompt_per_second", "predicted_n", "predicted_ms",
                "predicted_per_token_ms", "predicted_per_second", "queue_ms")) {
            assertThat(t.has(f)).as(f).isTrue();
        }
        assertThat(t.get("predicted_n").asInt()).isEqualTo(8);
        assertThat(t.get("prompt_n").asInt() + t.get("cache_n").asInt()).isEqualTo(usage.get("prompt_tokens").asInt());
    }

    @Test
    void streamSendsRoleFirstThenTokensThenFinishUsageAndDone() throws Exception {
        ObjectNode body = request("Tell me a story.", 12);
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        HttpResponse<String> r = server.post("/v1/chat/completions", body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<JsonNode> events = Sse.events(r.body());
        JsonNode first = events.getFirst().get("choices").get(0).get("delta");
        assertThat(first.get("role").asText()).isEqualTo("assistant");
        for (JsonNode e : events.subList(1, events.size())) {
            assertThat(e.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(e.get("id").asText()).isEqualTo(events.getFirst().get("id").asText());
            if (!e.get("choices").isEmpty()) assertThat(e.get("choices").get(0).get("delta").has("role")).isFalse();
        }
        JsonNode finish = events.get(events.size() - 2);
        assertThat(finish.get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");
        JsonNode last = events.getLast();
        assertThat(last.get("choices")).isEmpty();
        assertThat(last.get("usage").get("completion_tokens").asInt()).isEqualTo(12);
        assertThat(last.get("timings").get("predicted_n").asInt()).isEqualTo(12);

        JsonNode whole = ok(request("Tell me a story.", 12));
        assertThat(Sse.joined(events, "content")).as("greedy stream = greedy response")
                .isEqualTo(whole.get("choices").get(0).get("message").get("content").asText());
    }

    @Test
    void streamWithoutUsagePutsTimingsOnTheFinishChunk() throws Exception {
        ObjectNode body = request("Hi", 3);
        body.put("stream", true);
        List<JsonNode> events = Sse.events(server.post("/v1/chat/completions", body).body());
        JsonNode last = events.getLast();
        assertThat(last.get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");
        assertThat(last.has("usage")).isFalse();
        assertThat(last.get("timings").get("predicted_n").asInt()).isEqualTo(3);
    }

    @Test
    void stopStringEndsTheAnswerBeforeIt() throws Exception {
        String full = ok(request("Count.", 12)).get("choices").get(0).get("message").get("content").asText();
        String[] words = full.trim().split(" ");
        assertThat(words.length).isGreaterThan(3);
        ObjectNode body = request("Count.", 12);
        body.put("stop", words[2]);
        JsonNode r = ok(body);
        String cut = r.get("choices").get(0).get("message").get("content").asText();
        assertThat(cut).isEqualTo(full.substring(0, full.indexOf(words[2])));
        assertThat(r.get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void thinkingOnReturnsReasoningContentAndOffReturnsNone() throws Exception {
        ObjectNode on = request("Think first.", 6);
        on.putObject("chat_template_kwargs").put("enable_thinking", true);
        JsonNode thinking = ok(on).get("choices").get(0).get("message");
        assertThat(thinking.get("reasoning_content").asText()).isNotBlank();
        assertThat(thinking.get("content").asText()).isEmpty();

        ObjectNode topLevel = request("Think first.", 6);
        topLevel.put("enable_thinking", true);
        assertThat(ok(topLevel).get("choices").get(0).get("message").get("reasoning_content").asText())
                .isEqualTo(thinking.get("reasoning_content").asText());

        ObjectNode off = request("Think first.", 6);
        off.putObject("chat_template_kwargs").put("enable_thinking", false);
        off.put("enable_thinking", true); // the kwargs win
        JsonNode answer = ok(off).get("choices").get(0).get("message");
        assertThat(answer.has("reasoning_content")).isFalse();
        assertThat(answer.get("content").asText()).isNotBlank();

        on.put("stream", true);
        List<JsonNode> events = Sse.events(server.post("/v1/chat/completions", on).body());
        assertThat(Sse.joined(events, "reasoning_content")).isEqualTo(thinking.get("reasoning_content").asText());
        assertThat(Sse.joined(events, "content")).isEmpty();
    }

    @Test
    void logprobsListEveryTokenWithAlternatives() throws Exception {
        ObjectNode body = request("Hi", 4);
        body.put("logprobs", true);
        body.put("top_logprobs", 3);
        JsonNode r = ok(body);
        JsonNode content = r.get("choices").get(0).get("logprobs").get("content");
        assertThat(content).hasSize(4);
        StringBuilder text = new StringBuilder();
        for (JsonNode e : content) {
            assertThat(e.get("logprob").asDouble()).isNegative();
            assertThat(e.get("bytes").isArray()).isTrue();
            assertThat(e.get("top_logprobs")).hasSize(3);
            assertThat(e.get("top_logprobs").get(0).get("logprob").asDouble()).isGreaterThanOrEqualTo(e.get("logprob").asDouble());
            text.append(e.get("token").asText());
        }
        assertThat(text.toString()).isEqualTo(r.get("choices").get(0).get("message").get("content").asText());
    }

    @Test
    void repeatedConversationPrefixIsServedFromTheCache() throws Exception {
        String system = "You are a patient assistant. Answer every question with care, in full sentences, and "
                + "never mention that you are a language model. ".repeat(3);
        ObjectNode first = request("What is two plus two?", 2);
        ((ArrayNode) first.get("messages")).insertObject(0).put("role", "system").put("content", system);
        JsonNode a = ok(first);
        ObjectNode second = first.deepCopy();
        ((ObjectNode) second.get("messages").get(1)).put("content", "And three plus three?");
        JsonNode b = ok(second);
        int cached = b.get("usage").get("prompt_tokens_details").get("cached_tokens").asInt();
        assertThat(cached).as("the system prompt is reused").isGreaterThanOrEqualTo(32);
        assertThat(b.get("timings").get("cache_n").asInt()).isEqualTo(cached);
        assertThat(b.get("timings").get("prompt_n").asInt()).isEqualTo(b.get("usage").get("prompt_tokens").asInt() - cached);
        assertThat(a.get("usage").get("prompt_tokens").asInt()).isGreaterThan(cached);
    }

    @Test
    void contentPartsAndAllRolesRender() throws Exception {
        ObjectNode body = request("unused", 2);
        var messages = body.putArray("messages");
        messages.addObject().put("role", "developer").put("content", "Be brief.");
        ObjectNode user = messages.addObject().put("role", "user");
        user.putArray("content").addObject().put("type", "text").put("text", "What is the weather?");
        ObjectNode assistant = messages.addObject().put("role", "assistant");
        assistant.putNull("content");
        assistant.putArray("tool_calls").addObject().put("id", "call_1").put("type", "function")
                .putObject("function").put("name", "weather").put("arguments", "{\"city\": \"Paris\"}");
        messages.addObject().put("role", "tool").put("tool_call_id", "call_1").put("content", "sunny");
        assertThat(ok(body).get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");

        ObjectNode tokenize = body.deepCopy();
        JsonNode count = Json.MAPPER.readTree(server.post("/tokenize", tokenize).body());
        assertThat(ok(body).get("usage").get("prompt_tokens").asInt()).isEqualTo(count.get("count").asInt());
    }

    @Test
    void everyRequestIsLoggedWithoutItsPrompt() throws Exception {
        ok(request("a secret prompt that must not be logged", 2));
        assertThat(server.accessLog()).contains("POST /v1/chat/completions 200 prompt=").contains("completion=2")
                .doesNotContain("secret prompt");
    }

    @Test
    void aForcedCallIsHeldToItsGrammarAndComesBackAsACall() throws Exception {
        ObjectNode body = request("Weather in Paris?", 400);
        body.put("temperature", 0);
        for (String name : List.of("get_weather", "get_time")) {
            ObjectNode tool = body.withArray("tools").addObject();
            tool.put("type", "function");
            tool.putObject("function").put("name", name);
        }
        // this random-weight model, greedy: held to the grammar, it closes the named call at once
        body.set("tool_choice", Json.MAPPER.readTree("{\"type\": \"function\", \"function\": {\"name\": \"get_weather\"}}"));
        JsonNode named = ok(body).get("choices").get(0);
        assertThat(named.get("finish_reason").asText()).isEqualTo("tool_calls");
        JsonNode call = named.get("message").get("tool_calls").get(0).get("function");
        assertThat(call.get("name").asText()).isEqualTo("get_weather");
        assertThat(Json.MAPPER.readTree(call.get("arguments").asText()).isObject()).isTrue();

        // "required": the name can only be one of the tools' (this model then writes a string key to its token limit)
        body.put("tool_choice", "required");
        body.put("max_tokens", 60);
        JsonNode required = ok(body).get("choices").get(0);
        String text = required.get("message").path("content").asText("");
        if (required.get("finish_reason").asText().equals("tool_calls")) {
            assertThat(required.get("message").get("tool_calls").get(0).get("function").get("name").asText()).isIn("get_weather", "get_time");
        } else {
            assertThat(text).matches("(?s)<tool_call>\n\\{\"name\": \"(get_weather|get_time)\", \"arguments\": .*");
        }
    }

    @Test
    void jsonObjectModeHoldsTheAnswerToOneJsonObject() throws Exception {
        ObjectNode body = request("Give me a JSON object.", 300);
        body.putObject("response_format").put("type", "json_object");
        JsonNode choice = ok(body).get("choices").get(0);
        String content = choice.get("message").get("content").asText();
        assertThat(content.strip()).startsWith("{");
        if (choice.get("finish_reason").asText().equals("stop")) {
            assertThat(Json.MAPPER.readTree(content).isObject()).as(content).isTrue();
        } else { // cut by max_tokens: what came is still a JSON object's beginning, which a free answer rarely is
            assertThat(choice.get("finish_reason").asText()).isEqualTo("length");
        }
        body.put("stream", true);
        StringBuilder streamed = new StringBuilder();
        for (JsonNode chunk : Sse.events(server.post("/v1/chat/completions", body).body())) {
            JsonNode delta = chunk.path("choices").path(0).path("delta");
            if (delta.has("content")) streamed.append(delta.get("content").asText());
        }
        assertThat(streamed.toString()).isEqualTo(content);
    }

    @Test
    void aForcedToolCallStartsTheAssistantTurnWithTheCall() throws Exception {
        ObjectNode auto = request("Weather in Paris?", 3);
        ObjectNode tool = auto.putArray("tools").addObject();
        tool.put("type", "function");
        tool.putObject("function").put("name", "get_weather");
        JsonNode offered = ok(auto);
        ObjectNode named = auto.deepCopy();
        named.putObject("tool_choice").put("type", "function").putObject("function").put("name", "get_weather");
        named.put("max_tokens", 1);
        JsonNode forced = ok(named);
        // the forced text is prompt: more prompt tokens; one token cannot close the call, so the answer comes back
        // as content that starts with the forced text
        assertThat(forced.get("usage").get("prompt_tokens").asInt()).isGreaterThan(offered.get("usage").get("prompt_tokens").asInt() + 5);
        String prefix = "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": ";
        assertThat(forced.get("choices").get(0).get("message").get("content").asText()).startsWith(prefix);
        assertThat(forced.get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");

        named.put("stream", true);
        StringBuilder streamed = new StringBuilder();
        for (JsonNode e : Sse.events(server.post("/v1/chat/completions", named).body())) {
            if (e.has("choices") && !e.get("choices").isEmpty()) streamed.append(e.get("choices").get(0).get("delta").path("content").asText(""));
        }
        assertThat(streamed.toString()).startsWith(prefix);
    }
}
