package dev.litebench.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /v1/chat/completions}. Reasoning arrives as {@code delta.reasoning_content} (vLLM, llama.cpp, LiteBench)
 * or {@code delta.reasoning} (Ollama, OpenRouter); a tool call's arguments count as visible output.
 */
public record ChatApi() implements ApiShape {

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public String path() {
        return "/v1/chat/completions";
    }

    @Override
    public void putPrompt(ObjectNode body, String prompt) {
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
    }

    @Override
    public ChunkText text(JsonNode choice) {
        JsonNode delta = choice.path("delta");
        String content = delta.path("content").asText("");
        JsonNode tools = delta.path("tool_calls");
        if (content.isEmpty() && tools.isArray() && !tools.isEmpty()) {
            content = tools.path(0).path("function").path("arguments").asText("");
        }
        String reasoning = delta.path("reasoning_content").asText("");
        if (reasoning.isEmpty()) reasoning = delta.path("reasoning").asText("");
        return new ChunkText(content, reasoning);
    }
}
