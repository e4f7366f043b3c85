package dev.litebench.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /v1/completions}: a raw prompt, no chat template; text in {@code choices[0].text}. */
public record CompletionsApi() implements ApiShape {

    @Override
    public String name() {
        return "completions";
    }

    @Override
    public String path() {
        return "/v1/completions";
    }

    @Override
    public void putPrompt(ObjectNode body, String prompt) {
        body.put("prompt", prompt);
    }

    @Override
    public ChunkText text(JsonNode choice) {
        return new ChunkText(choice.path("text").asText(""), "");
    }
}
