package dev.litebench.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.engine.generate.SamplingParams;
import dev.litebench.engine.generate.ToolCallGrammar;
import dev.litebench.engine.generate.ThinkingSplitter;
import dev.litebench.engine.runtime.Engine;
import dev.litebench.engine.runtime.GenerationRequest;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;


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
        boolean jsonObject = jsonObjectRequested(body);
        ToolChoice tools = ToolChoice.of(body);
        if (jsonObject && tools.grammar() != null) {
            throw ApiException.badRequest("response_format", "'response_format' json_object cannot be combined with a forced tool call");
        }
        List<ToolCallGrammar.Part> grammar = jsonObject ? List.of(new ToolCallGrammar.JsonObject()) : tools.grammar();
        PromptBuilder.Prompt prompt = model.prompts().build(body, tools.forcedPrefix());

        boolean logprobs = Boolean.TRUE.equals(Fields.bool(body, "logprobs"));
        Integer topLogprobs = Fields.intInRange(body, "top_logprobs", 0, SamplingParams.MAX_TOP_LOGPROBS);
        if (topLogprobs != null && topLogprobs > 0 && !logprobs) {
            throw ApiException.badRequest("top_logprobs", "'top_logprobs' needs 'logprobs': true");
        }
        SamplingParams sampling = SamplingFields.read(body, engine.config().contextLength(), logprobs, topLogprobs == null ? 0 : topLogprobs);
        GenerationRequest generation = new GenerationRequest(Api.nonEmpty(prompt.tokens(), "messages"), sampling, true,
                ThinkingSplitter.promptOpensReasoning(prompt.text()),
                grammar == null ? null : new ToolCallGrammar(engine.tokenizer(), grammar));
        api.responder().respond(req, res, engine, generation, new ChatShape(model.name(), engine.tokenizer(), tools),
                api.delivery(body));
    }

    /**
     * {@code response_format}: {@code {"type": "text"}} (the default), or {@code {"type": "json_object"}}, for which the
     * answer is held to one JSON object by the same byte-level grammar as a forced tool call's arguments, generation
     * ending when the object closes. {@code json_schema} is refused: the grammar does not follow a schema, and an answer
     * that ignored the schema would fail the client that asked for it.
     */
    static boolean jsonObjectRequested(ObjectNode body) {
        ObjectNode format = Fields.object(body, "response_format");
        if (format == null) return false;
        String type = Fields.string(format, "type");
        if (type == null) throw ApiException.badRequest("response_format", "'response_format' needs a 'type'");
        return switch (type) {
            case "text" -> false;
            case "json_object" -> true;
            case "json_schema" -> throw ApiException.badRequest("response_format", "'response_format' type 'json_schema' is"
                    + " not supported: LiteBench holds answers to JSON ('json_object') but not to a schema");
            default -> throw ApiException.badRequest("response_format",
                    "'response_format' type must be 'text', 'json_object' or 'json_schema', got '" + type + "'");
        };
    }
}
