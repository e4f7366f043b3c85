package dev.litebench.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.engine.runtime.GenerationResult;
import dev.litebench.engine.runtime.Timings;
import dev.litebench.engine.tokenizer.Tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Pieces shared by the chat and text completion responses: ids, envelopes, usage, timings, token texts. */
final class ResponseParts {
    private ResponseParts() {}

    static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    /** {@code {"id", "object", "created", "model"}}, the start of every response and chunk. */
    static ObjectNode envelope(String id, String object, long created, String model) {
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put("object", object);
        o.put("created", created);
        o.put("model", model);
        return o;
    }

    static ObjectNode usage(GenerationResult r) {
        ObjectNode u = Json.object();
        u.put("prompt_tokens", r.promptTokens());
        u.put("completion_tokens", r.completionTokens());
        u.put("total_tokens", r.promptTokens() + r.completionTokens());
        u.putObject("prompt_tokens_details").put("cached_tokens", r.cachedTokens());
        return u;
    }

    /** llama.cpp's {@code timings} object plus {@code queue_ms}. */
    static ObjectNode timings(Timings t) {
        ObjectNode o = Json.object();
        o.put("cache_n", t.cachedN());
        o.put("prompt_n", t.promptN());
        o.put("prompt_ms", t.promptMs());
        o.put("prompt_per_token_ms", t.promptN() > 0 ? t.promptMs() / t.promptN() : 0);
        o.put("prompt_per_second", t.promptPerSecond());
        o.put("predicted_n", t.predictedN());
        o.put("predicted_ms", t.predictedMs());
        o.put("predicted_per_token_ms", t.predictedPerTokenMs());
        o.put("predicted_per_second", t.predictedPerSecond());
        o.put("queue_ms", t.queueMs());
        return o;
    }

    /** A token's own text; bytes that are not valid UTF-8 on their own become U+FFFD. */
    static String tokenText(Tokenizer tokenizer, int id) {
        return new String(tokenizer.tokenBytes(id), StandardCharsets.UTF_8);
    }

    /** A token's raw bytes as OpenAI's {@code bytes} array of integers. */
    static ArrayNode tokenBytes(Tokenizer tokenizer, int id) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (byte b : tokenizer.tokenBytes(id)) a.add(b & 0xff);
        return a;
    }
}
