package dev.litebench.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.engine.generate.ThinkingSplitter;
import dev.litebench.engine.generate.TokenLogprobs;
import dev.litebench.engine.runtime.FinishReason;
import dev.litebench.engine.runtime.GenerationResult;
import dev.litebench.engine.tokenizer.Tokenizer;

import java.time.Instant;
import java.util.List;

/**
 * {@code chat.completion} and {@code chat.completion.chunk} objects. Reasoning goes to {@code reasoning_content},
 * which is left out when the model produced none; the answer to {@code content}. When the request offered tools, tool
 * calls in the answer ({@link ToolCallExtractor}) go to {@code tool_calls} and a choice that stopped after one
 * finishes with {@code tool_calls}.
 */
final class ChatShape implements ResponseShape {
    private final String id = ResponseParts.newId("chatcmpl-");
    private final long created = Instant.now().getEpochSecond();
    private final String model;
    private final Tokenizer tokenizer;
    /** Extracts tool calls from the streamed answer; null when the request offered no tools. */
    private final ToolCallExtractor toolCalls;
    /** The forced start of the answer, part of the prompt: the model's text continues it (see {@link ToolChoice}). */
    private final String forcedPrefix;

    ChatShape(String model, Tokenizer tokenizer, ToolChoice tools) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.toolCalls = tools.extract() ? new ToolCallExtractor() : null;
        this.forcedPrefix = tools.forcedPrefix();
        // an open call block: the extractor holds it back until the model closes it, so this returns nothing
        if (toolCalls != null) toolCalls.feed(forcedPrefix);
    }

    @Override
    public ObjectNode openingChunk() {
        ObjectNode delta = Json.object();
        delta.put("role", "assistant");
        delta.put("content", "");
        return chunk(delta, null, null);
    }

    @Override
    public ObjectNode tokenChunk(ThinkingSplitter.Delta text, TokenLogprobs logprobs) {
        ToolCallExtractor.Piece answer = answerPiece(text.content());
        if (text.reasoning().isEmpty() && answer.isEmpty() && logprobs == null) return null;
        ObjectNode delta = Json.object();
        if (!text.reasoning().isEmpty()) delta.put("reasoning_content", text.reasoning());
        putAnswer(delta, answer);
        ObjectNode lp = null;
        if (logprobs != null) {
            lp = Json.object();
            lp.putArray("content").add(logprobsEntry(logprobs));
        }
        return chunk(delta, lp, null);
    }

    @Override
    public ObjectNode finishChunk(GenerationResult result) {
        ObjectNode delta = Json.object();
        if (toolCalls != null) putAnswer(delta, toolCalls.finish());
        return chunk(delta, null, finishReason(result, toolCalls != null && toolCalls.sawCalls()));
    }

    @Override
    public ObjectNode emptyChunk() {
        ObjectNode chunk = ResponseParts.envelope(id, "chat.completion.chunk", created, model);
        chunk.putArray("choices");
        return chunk;
    }

    @Override
    public ObjectNode response(Output out) {
        ObjectNode r = ResponseParts.envelope(id, "chat.completion", created, model);
        ObjectNode choice = r.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        ToolCallExtractor.Piece answer = toolCalls == null ? new ToolCallExtractor.Piece(out.content(), List.of())
                : ToolCallExtractor.extractAll(forcedPrefix + out.content());
        if (answer.calls().isEmpty()) {
            message.put("content", answer.content());
        } else {
            if (answer.content().isBlank()) message.putNull("content");
            else message.put("content", answer.content());
            message.set("tool_calls", toolCallsArray(answer.calls(), false));
        }
        if (!out.reasoning().isEmpty()) message.put("reasoning_content", out.reasoning());
        if (out.logprobs().isEmpty()) {
            choice.putNull("logprobs");
        } else {
            ArrayNode content = choice.putObject("logprobs").putArray("content");
            for (TokenLogprobs lp : out.logprobs()) content.add(logprobsEntry(lp));
        }
        choice.put("finish_reason", finishReason(out.result(), !answer.calls().isEmpty()));
        r.set("usage", ResponseParts.usage(out.result()));
        r.set("timings", ResponseParts.timings(out.result().timings()));
        return r;
    }

    private ToolCallExtractor.Piece answerPiece(String content) {
        if (toolCalls == null) return content.isEmpty() ? ToolCallExtractor.Piece.EMPTY : new ToolCallExtractor.Piece(content, List.of());
        return toolCalls.feed(content);
    }

    /** Puts an answer piece into a streamed delta: its text as {@code content}, its calls as {@code tool_calls}. */
    private static void putAnswer(ObjectNode delta, ToolCallExtractor.Piece answer) {
        if (!answer.content().isEmpty()) delta.put("content", answer.content());
        if (!answer.calls().isEmpty()) delta.set("tool_calls", toolCallsArray(answer.calls(), true));
    }

    /** Streamed calls carry their position in the choice's list ({@code index}), counted across chunks. */
    private static ArrayNode toolCallsArray(List<ToolCallExtractor.ToolCall> calls, boolean streamed) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (ToolCallExtractor.ToolCall call : calls) {
            ObjectNode c = array.addObject();
            if (streamed) c.put("index", call.index());
            c.put("id", call.id());
            c.put("type", "function");
            ObjectNode function = c.putObject("function");
            function.put("name", call.name());
            function.put("arguments", call.arguments());
        }
        return array;
    }

    /** {@code tool_calls} when the model stopped after calling a tool; a cut-off answer still says {@code length}. */
    private static String finishReason(GenerationResult result, boolean calledTools) {
        if (calledTools && result.finishReason() == FinishReason.STOP) return "tool_calls";
        return result.finishReason().apiName();
    }

    private ObjectNode chunk(ObjectNode delta, ObjectNode logprobs, String finishReason) {
        ObjectNode chunk = ResponseParts.envelope(id, "chat.completion.chunk", created, model);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.set("logprobs", logprobs == null ? Json.MAPPER.nullNode() : logprobs);
        choice.put("finish_reason", finishReason);
        return chunk;
    }

    private ObjectNode logprobsEntry(TokenLogprobs lp) {
        ObjectNode e = tokenLogprob(lp.token(), lp.logprob());
        ArrayNode top = e.putArray("top_logprobs");
        for (TokenLogprobs.Alternative a : lp.top()) top.add(tokenLogprob(a.token(), a.logprob()));
        return e;
    }

    private ObjectNode tokenLogprob(int token, double logprob) {
        ObjectNode o = Json.object();
        o.put("token", ResponseParts.tokenText(tokenizer, token));
        o.put("logprob", logprob);
        o.set("bytes", ResponseParts.tokenBytes(tokenizer, token));
        return o;
    }
}
