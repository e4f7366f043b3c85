package dev.litebench.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.engine.tokenizer.Tokenizer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;

/**
 * vLLM's {@code POST /tokenize} and {@code POST /detokenize}, so clients can build prompts of an exact length.
 * Tokenize takes a {@code prompt} (special tokens parsed; {@code add_special_tokens}, default true, adds BOS when
 * the vocabulary asks for it) or chat {@code messages} rendered exactly as a chat completion would render them.
 */
final class TokenizeEndpoints {
    private final Api api;

    TokenizeEndpoints(Api api) {
        this.api = api;
    }

    void tokenize(ServerRequest req, ServerResponse res) {
        ObjectNode body = api.body(req);
        ServedModel model = api.model(body);
        Tokenizer tokenizer = model.engine().tokenizer();
        int[] tokens;
        if (Fields.present(body, "messages")) {
            tokens = model.prompts().build(body, "").tokens();
        } else {
            String prompt = Fields.string(body, "prompt");
            if (prompt == null) throw ApiException.badRequest("prompt", "'prompt' (a string) or 'messages' is required");
            Boolean addSpecial = Fields.bool(body, "add_special_tokens");
            tokens = addSpecial == null || addSpecial ? model.prompts().tokenize(prompt) : tokenizer.encode(prompt, false, true);
        }
        ObjectNode out = Json.object();
        out.put("count", tokens.length);
        out.put("max_model_len", model.engine().contextSize());
        ArrayNode ids = out.putArray("tokens");
        for (int t : tokens) ids.add(t);
        if (Boolean.TRUE.equals(Fields.bool(body, "return_token_strs"))) {
            ArrayNode strs = out.putArray("token_strs");
            for (int t : tokens) strs.add(ResponseParts.tokenText(tokenizer, t));
        } else {
            out.putNull("token_strs");
        }
        Json.send(res, out);
    }

    void detokenize(ServerRequest req, ServerResponse res) {
        ObjectNode body = api.body(req);
        Tokenizer tokenizer = api.model(body).engine().tokenizer();
        if (!Fields.present(body, "tokens")) throw ApiException.badRequest("tokens", "'tokens' is required");
        List<Integer> tokens = Fields.integers(body, "tokens");
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokens.get(i);
            if (ids[i] < 0 || ids[i] >= tokenizer.vocabSize()) {
                throw ApiException.badRequest("tokens", "tokens[" + i + "] must be a token id between 0 and "
                        + (tokenizer.vocabSize() - 1) + ", got " + ids[i]);
            }
        }
        ObjectNode out = Json.object();
        out.put("prompt", tokenizer.decode(ids, true));
        Json.send(res, out);
    }
}
