package dev.litebench.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/** The request and streamed-chunk shapes of one OpenAI-compatible generation API. */
public sealed interface ApiShape permits ChatApi, CompletionsApi {

    String name();

    String path();

    /** Puts the prompt into {@code body} the way this API expects it. */
    void putPrompt(ObjectNode body, String prompt);

    /** The text a streamed choice carries: visible content and reasoning (either may be empty). */
    ChunkText text(JsonNode choice);

    /**
     * A streaming request body. With {@code forceLength}, {@code ignore_eos} and {@code min_tokens} are sent so
     * that the server generates exactly {@code outputTokens} (vLLM, llama.cpp and LiteBench honour them).
     */
    default ObjectNode body(String model, GenerationRequest r, boolean forceLength) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (model != null) body.put("model", model);
        putPrompt(body, r.prompt());
        body.put("max_tokens", r.outputTokens());
        body.put("temperature", 0);
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        if (forceLength) {
            body.put("ignore_eos", true);
            body.put("min_tokens", r.outputTokens());
        }
        return body;
    }

    static ApiShape byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "chat" -> new ChatApi();
            case "completions" -> new CompletionsApi();
            default -> throw new IllegalArgumentException("unknown --api '" + name + "' (use chat or completions)");
        };
    }

    /** Visible and reasoning text of one chunk. */
    record ChunkText(String content, String reasoning) {
        public static final ChunkText NONE = new ChunkText("", "");

        public boolean hasToken() {
            return !content.isEmpty() || !reasoning.isEmpty();
        }
    }
}
