package dev.litebench.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.engine.generate.ThinkingSplitter;
import dev.litebench.engine.generate.TokenLogprobs;
import dev.litebench.engine.runtime.GenerationResult;
import dev.litebench.engine.tokenizer.Tokenizer;

import java.time.Instant;
import java.util.List;

/** {@code text_completion} objects, streamed or whole, with the legacy logprobs format of {@code /v1/completions}. */
final class CompletionShape implements ResponseShape {
    private final String id = ResponseParts.newId("cmpl-");
    private final long created = Instant.now().getEpochSecond();
    private final String model;
    private final Tokenizer tokenizer;
    /** Characters of text sent so far: the {@code text_offset} of the next token's logprobs. */
    private int textOffset;

    CompletionShape(String model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    @Override
    public ObjectNode openingChunk() {
        return null;
    }

    @Override
    public ObjectNode tokenChunk(ThinkingSplitter.Delta text, TokenLogprobs logprobs) {
        if (text.isEmpty() && logprobs == null) return null;
        String piece = text.reasoning() + text.content();
        ObjectNode chunk = envelope();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.put("text", piece);
        if (logprobs == null) choice.putNull("logprobs");
        else choice.set("logprobs", legacyLogprobs(List.of(logprobs), textOffset, List.of(piece)));
        choice.putNull("finish_reason");
        textOffset += piece.length();
        return chunk;
    }

    @Override
    public ObjectNode finishChunk(GenerationResult result) {
        ObjectNode chunk = envelope();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.put("text", "");
        choice.putNull("logprobs");
        choice.put("finish_reason", result.finishReason().apiName());
        return chunk;
    }

    @Override
    public ObjectNode emptyChunk() {
        ObjectNode chunk = envelope();
        chunk.putArray("choices");
        return chunk;
    }

    @Override
    public ObjectNode response(Output out) {
        ObjectNode r = envelope();
        ObjectNode choice = r.putArray("choices").addObject();
        choice.put("index", 0);
        choice.put("text", out.reasoning() + out.content());
        if (out.logprobs().isEmpty()) {
            choice.putNull("logprobs");
        } else {
            List<String> texts = out.logprobs().stream().map(lp -> ResponseParts.tokenText(tokenizer, lp.token())).toList();
            choice.set("logprobs", legacyLogprobs(out.logprobs(), 0, texts));
        }
        choice.put("finish_reason", out.result().finishReason().apiName());
        r.set("usage", ResponseParts.usage(out.result()));
        r.set("timings", ResponseParts.timings(out.result().timings()));
        return r;
    }

    private ObjectNode envelope() {
        return ResponseParts.envelope(id, "text_completion", created, model);
    }

    /**
     * {@code {"tokens", "token_logprobs", "top_logprobs", "text_offset"}}; {@code texts} gives how far each token
     * moves the text offset.
     */
    private ObjectNode legacyLogprobs(List<TokenLogprobs> entries, int offset, List<String> texts) {
        ObjectNode o = Json.object();
        ArrayNode tokens = o.putArray("tokens");
        ArrayNode tokenLogprobs = o.putArray("token_logprobs");
        ArrayNode top = o.putArray("top_logprobs");
        ArrayNode offsets = o.putArray("text_offset");
        for (int i = 0; i < entries.size(); i++) {
            TokenLogprobs lp = entries.get(i);
            tokens.add(ResponseParts.tokenText(tokenizer, lp.token()));
            tokenLogprobs.add(lp.logprob());
            ObjectNode alternatives = top.addObject();
            for (TokenLogprobs.Alternative a : lp.top()) alternatives.put(ResponseParts.tokenText(tokenizer, a.token()), a.logprob());
            offsets.add(offset);
            offset += texts.get(i).length();
        }
        return o;
    }
}
