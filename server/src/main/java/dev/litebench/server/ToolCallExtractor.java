package dev.litebench.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.litebench.engine.generate.PartialMatch;

import java.util.ArrayList;
import java.util.List;

/**
 * Streaming extraction of tool calls from a model's answer text, in the Hermes format that Qwen2.5 and Qwen3 chat
 * templates teach: {@code <tool_call>\n{"name": ..., "arguments": {...}}\n</tool_call>} (the format vLLM's
 * {@code hermes} parser reads). Fed answer text in pieces (tags split anywhere), it returns what can be shown now as
 * content and the calls completed so far; the result depends only on the concatenated text.
 *
 * <p>A block whose body is not a JSON object with a string {@code name} stays in the content as the model wrote it,
 * so whatever the model generates, the response completes. A block left open at the end (max_tokens) is parsed if
 * its body is complete JSON, else it is content. Whitespace between and after calls is dropped; other text around
 * the calls stays content. Held back at any time: a partial {@code <tool_call>} tag, an open block, and whitespace
 * after a call. Not thread-safe; one per response.
 */
final class ToolCallExtractor {
    static final String OPEN = "<tool_call>";
    static final String CLOSE = "</tool_call>";

    /**
     * One call as OpenAI returns it: {@code arguments} is the JSON text of the arguments object; {@code index} its
     * position among the calls of the answer, which streamed chunks carry.
     */
    record ToolCall(int index, String id, String name, String arguments) {}

    /** Text to show as content now ("" when none) and the calls that completed with this piece. */
    record Piece(String content, List<ToolCall> calls) {
        static final Piece EMPTY = new Piece("", List.of());

        boolean isEmpty() {
            return content.isEmpty() && calls.isEmpty();
        }
    }

    private final StringBuilder pending = new StringBuilder();
    private boolean inCall;
    private int callCount;

    /** Extracts from a complete answer at once; same result as feeding it in any pieces and calling finish. */
    static Piece extractAll(String text) {
        ToolCallExtractor e = new ToolCallExtractor();
        Piece a = e.feed(text), b = e.finish();
        List<ToolCall> calls = new ArrayList<>(a.calls);
        calls.addAll(b.calls);
        return new Piece(a.content + b.content, calls);
    }

    /** Whether any call has been extracted: the choice then finishes with {@code tool_calls}. */
    boolean sawCalls() {
        return callCount > 0;
    }

    Piece feed(String text) {
        pending.append(text);
        StringBuilder content = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        while (true) {
            if (inCall) {
                int close = pending.indexOf(CLOSE);
                if (close < 0) break;
                String body = pending.substring(0, close);
                pending.delete(0, close + CLOSE.length());
                inCall = false;
                ToolCall call = parse(body);
                if (call != null) calls.add(call);
                else content.append(OPEN).append(body).append(CLOSE);
                continue;
            }
            int open = pending.indexOf(OPEN);
            if (open >= 0) {
                String before = pending.substring(0, open);
                if (!before.isBlank() || callCount == 0) content.append(before);
                pending.delete(0, open + OPEN.length());
                inCall = true;
                continue;
            }
            int keep = PartialMatch.heldSuffix(pending, OPEN);
            String free = pending.substring(0, pending.length() - keep);
            if (callCount > 0 && free.isBlank()) break; // whitespace after a call: shown only if text follows it
            content.append(free);
            pending.delete(0, free.length());
            break;
        }
        return content.isEmpty() && calls.isEmpty() ? Piece.EMPTY : new Piece(content.toString(), calls);
    }

    /** Releases what is held back at the end of the answer. */
    Piece finish() {
        String rest = pending.toString();
        pending.setLength(0);
        if (inCall) {
            inCall = false;
            ToolCall call = parse(rest);
            return call != null ? new Piece("", List.of(call)) : new Piece(OPEN + rest, List.of());
        }
        if (callCount > 0 && rest.isBlank()) return Piece.EMPTY;
        return rest.isEmpty() ? Piece.EMPTY : new Piece(rest, List.of());
    }

    private ToolCall parse(String body) {
        JsonNode call;
        try {
            call = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (call == null || !call.isObject() || !call.path("name").isTextual()) return null;
        JsonNode args = call.get("arguments");
        String arguments;
        if (args == null || args.isNull()) arguments = "{}";
        else if (args.isTextual()) arguments = args.asText();
        else arguments = args.toString();
        return new ToolCall(callCount++, ResponseParts.newId("call_"), call.get("name").asText(), arguments);
    }
}
