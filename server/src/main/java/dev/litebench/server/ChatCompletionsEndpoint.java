package dev.litebench.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.engine.generate.SamplingParams;
import dev.litebench.engine.generate.ToolCallGrammar;
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
        requireTextFormat(body);
        ToolChoice tools = ToolChoice.of(body);
        PromptBuilder.Prompt prompt = model.prompts().build(body, tools.forcedPrefix());

        boolean logprobs = Boolean.TRUE.equals(Fields.bool(body, "logprobs"));
        Integer topLogprobs = Fields.intInRange(body, "top_logprobs", 0, SamplingParams.MAX_TOP_LOGPROBS);
        if (topLogprobs != null && topLogprobs > 0 && !logprobs) {
            throw ApiException.badRequest("top_logprobs", "'top_logprobs' needs 'logprobs': true");
        }
        SamplingParams sampling = SamplingFields.read(body, engine.config().contextLength(), logprobs, topLogprobs == null ? 0 : topLogprobs);
        GenerationRequest generation = new GenerationRequest(Api.nonEmpty(prompt.tokens(), "messages"), sampling, true,
                ThinkingSplitter.promptOpensReasoning(prompt.text()),
                tools.grammar() == null ? null : new ToolCallGrammar(engine.tokenizer(), tools.grammar()));
        api.responder().respond(req, res, engine, generation, new ChatShape(model.name(), engine.tokenizer(), tools),
                api.delivery(body));
    }

    /**
     * {@code response_format}: only {@code {"type": "text"}}, the default, is served. The JSON modes would need the
     * output held to JSON (a schema, even) by constrained decoding; answering them with free text, as the field used
     * to be ignored, would hand a client that parses the answer something it cannot parse.
     */
    static void requireTextFormat(ObjectNode body) {
        ObjectNode format = Fields.object(body, "response_format");
        if (format == null) return;
        String type = Fields.string(format, "type");
        if (type == null) throw ApiException.badRequest("response_format", "'response_format' needs a 'type'");
        switch (type) {
            case "text" -> { }
            case "json_object", "json_schema" -> throw ApiException.badRequest("response_format",
                    "'response_format' type '" + type + "' is not supported: LiteBench does not constrain answers to JSON;"
                            + " leave response_format out or use {\"type\": \"text\"}");
            default -> throw ApiException.badRequest("response_format",
                    "'response_format' type must be 'text', 'json_object' or 'json_schema', got '" + type + "'");
        }
    }
}
