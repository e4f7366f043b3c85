package dev.litebench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.litebench.engine.generate.ToolCallGrammar;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a chat request's {@code tools} and {@code tool_choice} ask of the answer. {@code extract}: whether the answer
 * is searched for tool calls (tools offered, and {@code tool_choice} not {@code "none"}). {@code forcedPrefix}: text
 * the assistant's turn is started with, so that the model continues a call instead of choosing whether to make one:
 * {@code "required"} opens a call block ({@code <tool_call>\n}, the Hermes format of the Qwen templates), a named
 * function also writes the call's name up to its arguments. {@code grammar} (null when no call is forced) is the rest
 * of the call, which the model is then held to ({@link ToolCallGrammar}): one of the offered names where none was
 * named, a JSON object as the arguments, and the closing of the call. A model that thinks skips its reasoning when a
 * call is forced.
 */
record ToolChoice(boolean extract, String forcedPrefix, List<ToolCallGrammar.Part> grammar) {
    static final ToolChoice NONE = new ToolChoice(false, "", null);
    /** What follows the arguments: the call's object and block close. */
    private static final ToolCallGrammar.Literal CLOSE = new ToolCallGrammar.Literal("}\n" + ToolCallExtractor.CLOSE);

    static ToolChoice of(ObjectNode body) {
        Set<String> names = toolNames(body.get("tools"));
        JsonNode choice = body.get("tool_choice");
        String word = choice != null && choice.isTextual() ? choice.asText() : null;
        if (choice == null || choice.isNull() || "auto".equals(word)) return names.isEmpty() ? NONE : new ToolChoice(true, "", null);
        if ("none".equals(word)) return NONE;
        if ("required".equals(word)) {
            if (names.isEmpty()) throw ApiException.badRequest("tool_choice", "tool_choice 'required' needs at least one tool in 'tools'");
            // as they appear between the quotes of a JSON string
            List<String> quoted = names.stream().map(ToolChoice::jsonString).map(q -> q.substring(1, q.length() - 1)).sorted().toList();
            List<ToolCallGrammar.Part> grammar = quoted.size() > ToolCallGrammar.MAX_CHOICES ? null : List.of(new ToolCallGrammar.Literal("{\"name\": \""),
                    new ToolCallGrammar.OneOf(quoted), new ToolCallGrammar.Literal("\", \"arguments\": "), new ToolCallGrammar.JsonObject(), CLOSE);
            return new ToolChoice(true, ToolCallExtractor.OPEN + "\n", grammar);
        }
        if (choice.isObject() && choice.path("type").asText("").equals("function") && choice.path("function").path("name").isTextual()) {
            String name = choice.path("function").path("name").asText();
            if (!names.contains(name)) {
                throw ApiException.badRequest("tool_choice", "tool_choice names the function '" + name + "', which is not in 'tools'");
            }
            return new ToolChoice(true, ToolCallExtractor.OPEN + "\n{\"name\": " + jsonString(name) + ", \"arguments\": ",
                    List.of(new ToolCallGrammar.JsonObject(), CLOSE));
        }
        if (choice.isObject()) {
            throw ApiException.badRequest("tool_choice", "tool_choice objects other than {\"type\": \"function\", \"function\": {\"name\": ...}} "
                    + "(such as allowed_tools) are not supported");
        }
        throw ApiException.badRequest("tool_choice", "'tool_choice' must be 'auto', 'none', 'required' or {\"type\": \"function\", "
                + "\"function\": {\"name\": ...}}, got " + choice);
    }

    private static String jsonString(String s) {
        return Json.MAPPER.getNodeFactory().textNode(s).toString();
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
