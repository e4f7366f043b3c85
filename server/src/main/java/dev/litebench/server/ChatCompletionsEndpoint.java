package dev.litebench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.engine.generate.SamplingParams;
import dev.litebench.engine.generate.ThinkingSplitter;
import dev.litebench.engine.runtime.Engine;
import dev.litebench.engine.runtime.GenerationRequest;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;


/**
 * {@code POST /v1/chat/completions}: messages rendered by the model's template ({@link PromptBuilder}), reasoning
 * split from the answer when the model thinks.
 */
final class ChatCompletionsEndpoint {
    private final Api api;

    ChatCompletionsEndpoint(Api api) {
        this.api = api;
    }

    void handle(ServerRequest req, ServerResponse res) throws InterruptedException {
        ObjectNode body = api.body(req);
        ServedModel model = api.model(body);
        Engine engine = model.engine();
        PromptBuilder.Prompt prompt = model.prompts().build(body);

        boolean logprobs = Boolean.TRUE.equals(Fields.bool(body, "logprobs"));
        Integer topLogprobs = Fields.intInRange(body, "top_logprobs", 0, SamplingParams.MAX_TOP_LOGPROBS);
        if (topLogprobs != null && topLogprobs > 0 && !logprobs) {
            throw ApiException.badRequest("top_logprobs", "'top_logprobs' needs 'logprobs': true");
        }
        SamplingParams sampling = SamplingFields.read(body, engine.config().contextLength(), logprobs, topLogprobs == null ? 0 : topLogprobs);
        GenerationRequest generation = new GenerationRequest(Api.nonEmpty(prompt.tokens(), "messages"), sampling, true,
                ThinkingSplitter.promptOpensReasoning(prompt.text()));
        api.responder().respond(req, res, engine, generation, new ChatShape(model.name(), engine.tokenizer(),
                extractsToolCalls(body)), api.delivery(body));
    }

    /**
     * Whether the answer is searched for tool calls: the request offers {@code tools} (each a function with a name)
     * and {@code tool_choice} is absent, {@code "auto"} or {@code "none"} (no extraction). {@code "required"} and a
     * named function are refused: forcing a call needs constrained decoding, which this server does not do.
     */
    static boolean extractsToolCalls(ObjectNode body) {
        JsonNode tools = body.get("tools");
        boolean offered = tools != null && !tools.isNull();
        if (offered) {
            if (!tools.isArray()) throw Fields.wrongType("tools", "an array of tools", tools);
            for (int i = 0; i < tools.size(); i++) {
                JsonNode t = tools.get(i);
                if (!t.path("type").asText("").equals("function") || !t.path("function").path("name").isTextual()) {
                    throw ApiException.badRequest("tools", "tools[" + i + "] must be {\"type\": \"function\", \"function\": {\"name\": ...}}");
                }
            }
            offered = !tools.isEmpty();
        }
        JsonNode choice = body.get("tool_choice");
        if (choice == null || choice.isNull() || choice.asText().equals("auto")) return offered;
        if (choice.asText().equals("none")) return false;
        if (choice.asText().equals("required") || choice.isObject()) {
            throw ApiException.badRequest("tool_choice", (choice.isObject() ? "tool_choice objects (a named function, allowed tools)" : "tool_choice 'required' and named functions")
                    + " are not supported: forcing a tool call needs constrained decoding, which this server does not do; use 'auto' or 'none'");
        }
        throw ApiException.badRequest("tool_choice", "'tool_choice' must be 'auto', 'none', 'required' or an object, got " + choice);
    }
}
