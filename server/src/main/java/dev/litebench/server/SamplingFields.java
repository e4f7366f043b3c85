package dev.litebench.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.engine.generate.SamplingParams;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sampling and stopping fields that chat and text completions share, read into {@link SamplingParams}. */
final class SamplingFields {
    static final int MAX_STOP_STRINGS = 16;
    /** The leading field name of a {@link SamplingParams} validation message, e.g. "top_p must be ...". */
    private static final Pattern LEADING_FIELD = Pattern.compile("^([a-z_]+) ");

    private SamplingFields() {}

    /**
     * Reads the fields; {@code logprobs} and {@code topLogprobs} come from the caller because the two endpoints
     * spell them differently. {@code max_tokens} beyond {@code trainedContext} (the model's own context length) is
     * refused as absurd; below it, the engine stops at the served context with finish reason "length", as
     * llama-server does, so clients that ask for generous limits work unchanged.
     */
    static SamplingParams read(ObjectNode body, int trainedContext, boolean logprobs, int topLogprobs) {
        requireOne(body, "n");
        requireOne(body, "best_of");
        SamplingParams.Builder b = SamplingParams.builder().logprobs(logprobs).topLogprobs(topLogprobs);
        String maxField = Fields.present(body, "max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        Integer max = Fields.intInRange(body, maxField, 1, trainedContext);
        if (max != null) b.maxTokens(max);
        Double d;
        if ((d = Fields.number(body, "temperature")) != null) b.temperature(d);
        if ((d = Fields.number(body, "top_p")) != null) b.topP(d);
        if ((d = Fields.number(body, "min_p")) != null) b.minP(d);
        if ((d = Fields.number(body, "presence_penalty")) != null) b.presencePenalty(d);
        if ((d = Fields.number(body, "frequency_penalty")) != null) b.frequencyPenalty(d);
        if ((d = Fields.number(body, "repetition_penalty")) != null) b.repetitionPenalty(d);
        Integer topK = Fields.intInRange(body, "top_k", -1, Integer.MAX_VALUE);
        if (topK != null) b.topK(topK);
        Integer minTokens = Fields.intInRange(body, "min_tokens", 0, trainedContext);
        if (minTokens != null) b.minTokens(minTokens);
        Long seed = Fields.integer(body, "seed");
        if (seed != null) b.seed(seed);
        Boolean ignoreEos = Fields.bool(body, "ignore_eos");
        if (ignoreEos != null) b.ignoreEos(ignoreEos);
        List<String> stop = Fields.stringOrStrings(body, "stop");
        if (stop.size() > MAX_STOP_STRINGS) {
            throw ApiException.badRequest("stop", "'stop' may hold at most " + MAX_STOP_STRINGS + " strings, got " + stop.size());
        }
        b.stop(stop);
        b.stopTokenIds(Fields.integers(body, "stop_token_ids"));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            Matcher m = LEADING_FIELD.matcher(e.getMessage());
            throw ApiException.badRequest(m.find() ? m.group(1) : null, e.getMessage());
        }
    }

    private static void requireOne(ObjectNode body, String name) {
        Long n = Fields.integer(body, name);
        if (n != null && n != 1) {
            throw ApiException.badRequest(name, "'" + name + "' must be 1: LiteBench returns one choice per request, got " + n);
        }
    }
}
