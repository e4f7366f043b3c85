package dev.litebench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.Set;

/**
 * What a chat request's {@code tools} and {@code tool_choice} ask of the answer. {@code extract}: whether the answer
 * is searched for tool calls (tools offered, and {@code tool_choice} not {@code "none"}). {@code forcedPrefix}: text
 * the assistant's turn is started with, so that the model continues a call instead of choosing whether to make one:
 * {@code "required"} opens a call block ({@code <tool_call>\n}, the Hermes format of the Qwen templates), a named
 * function also writes the call's name up to its arguments. The model then writes the arguments; nothing constrains
 * their syntax (no grammar), so an ill-formed call comes back as content, starting with the forced text, and the
 * response still completes. A model that thinks skips its reasoning when a call is forced.
 */
record ToolChoice(boolean extract, String forcedPrefix) {
    static final ToolChoice NONE = new ToolChoice(false, "");

    static ToolChoice of(ObjectNode body) {
        Set<String> names = toolNames(body.get("tools"));
        JsonNode choice = body.get("tool_choice");
        String word = choice != null && choice.isTextual() ? choice.asText() : null;
        if (choice == null || choice.isNull() || "auto".equals(word)) return names.isEmpty() ? NONE : new ToolChoice(true, "");
        if ("none".equals(word)) return NONE;
        if ("required".equals(word)) {
            if (names.isEmpty()) throw ApiException.badRequest("tool_choice", "tool_choice 'required' needs at least one tool in 'tools'");
            return new ToolChoice(true, ToolCallExtractor.OPEN + "\n");
        }
        if (choice.isObject() && choice.path("type").asText("").equals("function") && choice.path("function").path("name").isTextual()) {
            String name = choice.path("function").path("name").asText();
            if (!names.contains(name)) {
                throw ApiException.badRequest("tool_choice", "tool_choice names the function '" + name + "', which is not in 'tools'");
            }
            return new ToolChoice(true, ToolCallExtractor.OPEN + "\n{\"name\": " + Json.MAPPER.getNodeFactory().textNode(name) + ", \"arguments\": ");
        }
        if (choice.isObject()) {
            throw ApiException.badRequest("tool_choice", "tool_choice objects other than {\"type\": \"function\", \"function\": {\"name\": ...}} "
                    + "(such as allowed_tools) are not supported");
        }
        throw ApiException.badRequest("tool_choice", "'tool_choice' must be 'auto', 'none', 'required' or {\"type\": \"function\", "
                + "\"function\": {\"name\": ...}}, got " + choice);
    }

    /** The function names of {@code tools}, validated: each must be {@code {"type": "function", "function": {"name": ...}}}. */
    private static Set<String> toolNames(JsonNode tools) {
        Set<String> names = new HashSet<>();
        if (tools == null || tools.isNull()) return names;
        if (!tools.isArray()) throw Fields.wrongType("tools", "an array of tools", tools);
        for (int i = 0; i < tools.size(); i++) {
            JsonNode t = tools.get(i);
            if (!t.path("type").asText("").equals("function") || !t.path("function").path("name").isTextual()) {
                throw ApiException.badRequest("tools", "tools[" + i + "] must be {\"type\": \"function\", \"function\": {\"name\": ...}}");
            }
            names.add(t.path("function").path("name").asText());
        }
        return names;
    }
}
