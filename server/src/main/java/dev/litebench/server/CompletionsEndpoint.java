package dev.litebench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.engine.generate.SamplingParams;
import dev.litebench.engine.runtime.Engine;
import dev.litebench.engine.runtime.GenerationRequest;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /v1/completions}: one prompt, as a string or an array of token ids (or a one-element array of
 * either). The text is tokenized with special tokens parsed, as llama.cpp and vLLM do; {@code logprobs} is the
 * number of alternatives per token (legacy format).
 */
final class CompletionsEndpoint {
    private final Api api;

    CompletionsEndpoint(Api api) {
        this.api = api;
    }

    void handle(ServerRequest req, ServerResponse res) throws InterruptedException {
        ObjectNode body = api.body(req);
        ServedModel model = api.model(body);
        Engine engine = model.engine();
        if (Boolean.TRUE.equals(Fields.bool(body, "echo"))) throw ApiException.badRequest("echo", "'echo' is not supported");
        if (Fields.present(body, "suffix")) throw ApiException.badRequest("suffix", "'suffix' is not supported");
        int[] prompt = promptTokens(body.get("prompt"), model);
        Integer logprobs = Fields.intInRange(body, "logprobs", 0, SamplingParams.MAX_TOP_LOGPROBS);
        SamplingParams sampling = SamplingFields.read(body, engine.config().contextLength(), logprobs != null, logprobs == null ? 0 : logprobs);
        api.responder().respond(req, res, engine, new GenerationRequest(prompt, sampling, false, false),
                new CompletionShape(model.name(), engine.tokenizer()), api.delivery(body));
    }

    private static int[] promptTokens(JsonNode prompt, ServedModel model) {
        if (prompt == null || prompt.isNull()) throw ApiException.badRequest("prompt", "'prompt' is required");
        if (prompt.isArray() && !prompt.isEmpty() && (prompt.get(0).isTextual() || prompt.get(0).isArray())) {
            if (prompt.size() != 1) {
                throw ApiException.badRequest("prompt", "one prompt per request is supported, got " + prompt.size());
            }
            prompt = prompt.get(0);
        }
        if (prompt.isTextual()) return Api.nonEmpty(model.prompts().tokenize(prompt.asText()), "prompt");
        if (!prompt.isArray()) throw Fields.wrongType("prompt", "a string or an array of token ids", prompt);
        int vocab = model.engine().tokenizer().vocabSize();
        int[] ids = new int[prompt.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode t = prompt.get(i);
            if (!t.isIntegralNumber() || !t.canConvertToInt() || t.asInt() < 0 || t.asInt() >= vocab) {
                throw ApiException.badRequest("prompt", "prompt[" + i + "] must be a token id between 0 and " + (vocab - 1) + ", got " + t);
            }
            ids[i] = t.asInt();
        }
        return Api.nonEmpty(ids, "prompt");
    }
}
