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
}
