package dev.litebench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.engine.BadInputException;
import dev.litebench.engine.runtime.Engine;
import dev.litebench.engine.template.ChatTemplate;
import dev.litebench.engine.tokenizer.Tokenizer;
import dev.litebench.engine.tokenizer.Vocabulary;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns OpenAI chat messages into the model's prompt with its own chat template, and the prompt into token ids.
 * Content given as parts is joined into one string (text parts only), as templates expect strings.
 */
final class PromptBuilder {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");
    /** Template variables that chat_template_kwargs may not replace. */
    private static final Set<String> RESERVED = Set.of("messages", "tools", "add_generation_prompt", "bos_token", "eos_token");

    private final ChatTemplate template;
    /** Why chat is unavailable (no template, or one that does not parse), or null. */
    private final String noChatReason;
    private final Tokenizer tokenizer;
    private final Map<String, Object> specialTokens = new HashMap<>();

    PromptBuilder(Engine engine) {
        this.tokenizer = engine.tokenizer();
        ChatTemplate parsed = null;
        String reason = null;
        if (engine.chatTemplate() == null) {
            reason = "this model has no chat template; use /v1/completions with a prompt";
        } else {
            try {
                parsed = ChatTemplate.parse(engine.chatTemplate());
            } catch (BadInputException e) {
                reason = "this model's chat template cannot be used (" + e.getMessage() + "); use /v1/completions with a prompt";
                System.err.println("litebench: warning: " + reason);
            }
        }
        this.template = parsed;
        this.noChatReason = reason;
        Vocabulary v = tokenizer.vocabulary();
        if (v.bos() != Vocabulary.NONE) specialTokens.put("bos_token", v.token(v.bos()));
        if (v.eos() != Vocabulary.NONE) specialTokens.put("eos_token", v.token(v.eos()));
    }

    /** A chat request's rendered prompt. */
    record Prompt(String text, int[] tokens) {}

    /**
     * Renders a chat request's {@code messages} (validated here) and {@code tools} with the template variables
     * {@code enable_thinking} (top level) and {@code chat_template_kwargs} (which win), and
     * {@code add_generation_prompt} (default true); then tokenizes the result, special tokens parsed.
     * {@code assistantPrefix} (may be empty) is appended after the rendering: the start of the assistant's turn.
     */
    Prompt build(ObjectNode body, String assistantPrefix) {
        if (template == null) throw ApiException.badRequest(null, noChatReason);
        Map<String, Object> variables = new LinkedHashMap<>(specialTokens);
        Boolean enableThinking = Fields.bool(body, "enable_thinking");
        if (enableThinking != null) variables.put("enable_thinking", enableThinking);
        ObjectNode kwargs = Fields.object(body, "chat_template_kwargs");
        if (kwargs != null) {
            for (Map.Entry<String, JsonNode> e : kwargs.properties()) {
                if (RESERVED.contains(e.getKey())) {
                    throw ApiException.badRequest("chat_template_kwargs", "chat_template_kwargs may not set '" + e.getKey() + "'");
                }
                variables.put(e.getKey(), Json.MAPPER.convertValue(e.getValue(), Object.class));
            }
        }
        Boolean addGenerationPrompt = Fields.bool(body, "add_generation_prompt");
        JsonNode tools = body.get("tools");
        variables.put("messages", plainMessages(body.get("messages")));
        variables.put("tools", tools == null || tools.isNull() ? null : Json.MAPPER.convertValue(tools, Object.class));
        variables.put("add_generation_prompt", addGenerationPrompt == null || addGenerationPrompt);
        String text = template.render(variables) + assistantPrefix;
        return new Prompt(text, tokenize(text));
    }

    /**
     * A sample conversation rendered through the template (or, without a usable one, plain text) and tokenized:
     * what the server's warm-up cuts its prompts from, so that rendering and tokenizing warm up with the engine.
     */
    int[] warmupTokens() {
        String text = "Summarize the history of artificial intelligence in a few sentences. 请简要介绍人工智能的发展历程。 ";
        if (template == null) return tokenizer.encode(text.repeat(8), false);
        ObjectNode body = Json.object();
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", "You are a helpful assistant.");
        messages.addObject().put("role", "user").put("content", text.repeat(8));
        return build(body, "").tokens();
    }

    /** Token ids of a rendered prompt: special tokens written in it are parsed, BOS added only if the vocabulary asks. */
    int[] tokenize(String text) {
        Vocabulary v = tokenizer.vocabulary();
        int[] ids = tokenizer.encode(text, false, true);
        if (!v.addBos() || v.bos() == Vocabulary.NONE || (ids.length > 0 && ids[0] == v.bos())) return ids;
        int[] withBos = new int[ids.length + 1];
        withBos[0] = v.bos();
        System.arraycopy(ids, 0, withBos, 1, ids.length);
        return withBos;
    }

    private static Object plainMessages(JsonNode messages) {
        if (messages == null || messages.isNull()) throw ApiException.badRequest("messages", "'messages' is required");
        if (!messages.isArray()) throw Fields.wrongType("messages", "an array of messages", messages);
        if (messages.isEmpty()) throw ApiException.badRequest("messages", "'messages' must hold at least one message");
        ArrayNode plain = Json.MAPPER.createArrayNode();
        for (int i = 0; i < messages.size(); i++) plain.add(plainMessage(messages.get(i), "messages[" + i + "]"));
        return Json.MAPPER.convertValue(plain, Object.class);
    }

    private static ObjectNode plainMessage(JsonNode m, String where) {
        if (!m.isObject()) throw ApiException.badRequest("messages", where + " must be an object, got " + Fields.typeName(m));
        ObjectNode message = ((ObjectNode) m).deepCopy();
        JsonNode role = message.get("role");
        if (role == null || !role.isTextual() || !ROLES.contains(role.asText())) {
            throw ApiException.badRequest("messages", where + ".role must be one of " + String.join(", ", ROLES.stream().sorted().toList())
                    + ", got " + (role == null ? "nothing" : role.toString()));
        }
        if (role.asText().equals("developer")) message.put("role", "system");
        JsonNode content = message.get("content");
        if (content == null || content.isNull()) {
            if (!role.asText().equals("assistant")) throw ApiException.badRequest("messages", where + ".content is required");
            message.put("content", "");
        } else if (content.isArray()) {
            message.put("content", joinTextParts(content, where + ".content"));
        } else if (!content.isTextual()) {
            throw ApiException.badRequest("messages", where + ".content must be a string or an array of content parts, got "
                    + Fields.typeName(content));
        }
        return message;
    }

    private static String joinTextParts(JsonNode parts, String where) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            JsonNode part = parts.get(i);
            JsonNode type = part.get("type");
            if (!part.isObject() || type == null || !type.isTextual()) {
                throw ApiException.badRequest("messages", where + "[" + i + "] must be an object with a 'type'");
            }
            if (!type.asText().equals("text")) {
                throw ApiException.badRequest("messages", where + "[" + i + "]: content parts of type '" + type.asText()
                        + "' are not supported (text only)");
            }
            JsonNode t = part.get("text");
            if (t == null || !t.isTextual()) throw ApiException.badRequest("messages", where + "[" + i + "].text must be a string");
            if (!text.isEmpty()) text.append('\n');
            text.append(t.asText());
        }
        return text.toString();
    }
}
