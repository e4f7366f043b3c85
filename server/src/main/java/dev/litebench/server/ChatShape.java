package dev.litebench.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.engine.generate.ThinkingSplitter;
import dev.litebench.engine.generate.TokenLogprobs;
import dev.litebench.engine.runtime.GenerationResult;
import dev.litebench.engine.tokenizer.Tokenizer;

import java.time.Instant;

/**
 * {@code chat.completion} and {@code chat.completion.chunk} objects. Reasoning goes to {@code reasoning_content},
 * which is left out when the model produced none; the answer to {@code content}.
 */
final class ChatShape implements ResponseShape {
    private final String id = ResponseParts.newId("chatcmpl-");
    private final long created = Instant.now().getEpochSecond();
    private final String model;
    private final Tokenizer tokenizer;

    ChatShape(String model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
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
        if (text.isEmpty() && logprobs == null) return null;
        ObjectNode delta = Json.object();
        if (!text.reasoning().isEmpty()) delta.put("reasoning_content", text.reasoning());
        if (!text.content().isEmpty()) delta.put("content", text.content());
        ObjectNode lp = null;
        if (logprobs != null) {
            lp = Json.object();
            lp.putArray("content").add(logprobsEntry(logprobs));
        }
        return chunk(delta, lp, null);
    }

    @Override
    public ObjectNode finishChunk(GenerationResult result) {
        return chunk(Json.object(), null, result.finishReason().apiName());
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
        message.put("content", out.content());
        if (!out.reasoning().isEmpty()) message.put("reasoning_content", out.reasoning());
        if (out.logprobs().isEmpty()) {
            choice.putNull("logprobs");
        } else {
            ArrayNode content = choice.putObject("logprobs").putArray("content");
            for (TokenLogprobs lp : out.logprobs()) content.add(logprobsEntry(lp));
        }
        choice.put("finish_reason", out.result().finishReason().apiName());
        r.set("usage", ResponseParts.usage(out.result()));
        r.set("timings", ResponseParts.timings(out.result().timings()));
        return r;
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
