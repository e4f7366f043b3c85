package dev.litebench.engine.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * How one sequence picks its tokens and when it stops. Field names follow the OpenAI / vLLM request fields
 * (given in parentheses); validation failures are one-line {@link IllegalArgumentException}s that name the
 * request field, e.g. {@code "temperature must be between 0 and 2, got -1"}.
 *
 * @param temperature       ({@code temperature}) 0 = greedy (argmax, ties to the lowest id); otherwise logits are
 *                          divided by it just before the final softmax, in [0, 2]
 * @param topK              ({@code top_k}) keep the k most likely tokens; 0 or -1 = off
 * @param topP              ({@code top_p}) nucleus: keep the smallest most-likely prefix whose probability reaches
 *                          top_p, in (0, 1]; 1 = off
 * @param minP              ({@code min_p}) drop tokens whose probability is below min_p times the top token's,
 *                          in [0, 1]; 0 = off
 * @param repetitionPenalty ({@code repetition_penalty}) llama.cpp / HF style: for each distinct token among the last
 *                          {@code penaltyWindow} tokens of prompt + output, a positive logit is divided by it and a
 *                          non-positive one multiplied by it; 1 = off, must be &gt; 0
 * @param presencePenalty   ({@code presence_penalty}) OpenAI: subtracted once from the logit of every token that
 *                          occurs in the generated output so far, in [-2, 2]
 * @param frequencyPenalty  ({@code frequency_penalty}) OpenAI: subtracted from a token's logit once per occurrence in
 *                          the generated output so far, in [-2, 2]
 * @param penaltyWindow     ({@code repeat_last_n}) how many of the most recent prompt + output tokens the
 *                          repetition penalty looks at; -1 = all, 0 = none; default 64 as in llama.cpp. Presence and
 *                          frequency penalties ignore it and always count the whole generated output (OpenAI)
 * @param seed              ({@code seed}) RNG seed; null = a random seed, see {@link Sampler#seed()}
 * @param maxTokens         ({@code max_tokens}) most tokens to generate; -1 = until the context is full
 * @param minTokens         ({@code min_tokens}) end-of-generation tokens and stop token ids are masked until this
 *                          many tokens have been generated
 * @param ignoreEos         ({@code ignore_eos}) end-of-generation tokens are masked for the whole generation
 * @param stop              ({@code stop}) stop strings; the output ends before the first one, which is not emitted
 * @param stopTokenIds      ({@code stop_token_ids}) extra token ids that end generation (besides the model's EOG set)
 * @param topLogprobs       ({@code top_logprobs}) how many most-likely alternatives to report per token, 0..20
 * @param logprobs          ({@code logprobs}) report the chosen token's log-probability
 */
public record SamplingParams(
        double temperature,
        int topK,
        double topP,
        double minP,
        double repetitionPenalty,
        double presencePenalty,
        double frequencyPenalty,
        int penaltyWindow,
        Long seed,
        int maxTokens,
        int minTokens,
        boolean ignoreEos,
        List<String> stop,
        List<Integer> stopTokenIds,
        int topLogprobs,
        boolean logprobs) {

    public static final double DEFAULT_TEMPERATURE = 1.0;
    public static final int DEFAULT_PENALTY_WINDOW = 64;
    public static final int MAX_TOP_LOGPROBS = 20;

    public SamplingParams {
        if (!(temperature >= 0 && temperature <= 2)) {
            throw bad("temperature must be between 0 and 2, got " + num(temperature));
        }
        if (topK < -1) {
            throw bad("top_k must be -1 or 0 (off) or a positive number, got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw bad("top_p must be greater than 0 and at most 1, got " + num(topP));
        }
        if (!(minP >= 0 && minP <= 1)) {
            throw bad("min_p must be between 0 and 1, got " + num(minP));
        }
        if (!(repetitionPenalty > 0 && Double.isFinite(repetitionPenalty))) {
            throw bad("repetition_penalty must be a finite number greater than 0, got " + num(repetitionPenalty));
        }
        if (!(presencePenalty >= -2 && presencePenalty <= 2)) {
            throw bad("presence_penalty must be between -2 and 2, got " + num(presencePenalty));
        }
        if (!(frequencyPenalty >= -2 && frequencyPenalty <= 2)) {
            throw bad("frequency_penalty must be between -2 and 2, got " + num(frequencyPenalty));
        }
        if (penaltyWindow < -1) {
            throw bad("repeat_last_n must be -1 (all tokens) or at least 0, got " + penaltyWindow);
        }
        if (maxTokens != -1 && maxTokens < 1) {
            throw bad("max_tokens must be at least 1, got " + maxTokens);
        }
        if (minTokens < 0) {
            throw bad("min_tokens must be at least 0, got " + minTokens);
        }
        if (maxTokens != -1 && minTokens > maxTokens) {
            throw bad("min_tokens must be at most max_tokens (" + maxTokens + "), got " + minTokens);
        }
        stop = copyStops(stop);
        stopTokenIds = copyIds(stopTokenIds);
        if (topLogprobs < 0 || topLogprobs > MAX_TOP_LOGPROBS) {
            throw bad("top_logprobs must be between 0 and " + MAX_TOP_LOGPROBS + ", got " + topLogprobs);
        }
    }

    /** Defaults as in the OpenAI API: temperature 1, no truncation, no penalties, random seed, no limits. */
    public static SamplingParams defaults() {
        return builder().build();
    }

    /** Deterministic argmax decoding with otherwise default settings. */
    public static SamplingParams greedy() {
        return builder().temperature(0).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Temperature 0: argmax, no RNG. */
    public boolean isGreedy() {
        return temperature == 0;
    }

    /** Whether the sampler computes {@link TokenLogprobs} for each token: {@code logprobs || top_logprobs > 0}. */
    public boolean wantsLogprobs() {
        return logprobs || topLogprobs > 0;
    }

    /** Whether any of the three penalties changes logits. */
    public boolean hasPenalties() {
        return repetitionPenalty != 1.0 || presencePenalty != 0.0 || frequencyPenalty != 0.0;
    }

    private static List<String> copyStops(List<String> in) {
        if (in == null) return List.of();
        List<String> out = new ArrayList<>(in.size());
        for (String s : in) {
            if (s == null) throw bad("stop strings must not be null");
            if (s.isEmpty()) throw bad("stop strings must not be empty");
            out.add(s);
        }
        return List.copyOf(out);
    }

    private static List<Integer> copyIds(List<Integer> in) {
        if (in == null) return List.of();
        for (Integer id : in) {
            if (id == null) throw bad("stop_token_ids must not contain null");
            if (id < 0) throw bad("stop_token_ids must not be negative, got " + id);
        }
        return List.copyOf(in);
    }

    private static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException(message);
    }

    /** -1.0 prints as "-1", 0.5 as "0.5". */
    static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return Double.toString(d);
    }

    /** Mutable builder; {@link #build()} validates. Starts from {@link #defaults()}. */
    public static final class Builder {
        private double temperature = DEFAULT_TEMPERATURE;
        private int topK = 0;
        private double topP = 1.0;
        private double minP = 0.0;
        private double repetitionPenalty = 1.0;
        private double presencePenalty = 0.0;
        private double frequencyPenalty = 0.0;
        private int penaltyWindow = DEFAULT_PENALTY_WINDOW;
        private Long seed = null;
        private int maxTokens = -1;
        private int minTokens = 0;
        private boolean ignoreEos = false;
        private List<String> stop = List.of();
        private List<Integer> stopTokenIds = List.of();
        private int topLogprobs = 0;
        private boolean logprobs = false;

        private Builder() {
        }

        private Builder(SamplingParams p) {
            temperature = p.temperature;
            topK = p.topK;
            topP = p.topP;
            minP = p.minP;
            repetitionPenalty = p.repetitionPenalty;
            presencePenalty = p.presencePenalty;
            frequencyPenalty = p.frequencyPenalty;
            penaltyWindow = p.penaltyWindow;
            seed = p.seed;
            maxTokens = p.maxTokens;
            minTokens = p.minTokens;
            ignoreEos = p.ignoreEos;
            stop = p.stop;
            stopTokenIds = p.stopTokenIds;
            topLogprobs = p.topLogprobs;
            logprobs = p.logprobs;
        }

        public Builder temperature(double v) { temperature = v; return this; }
        public Builder topK(int v) { topK = v; return this; }
        public Builder topP(double v) { topP = v; return this; }
        public Builder minP(double v) { minP = v; return this; }
        public Builder repetitionPenalty(double v) { repetitionPenalty = v; return this; }
        public Builder presencePenalty(double v) { presencePenalty = v; return this; }
        public Builder frequencyPenalty(double v) { frequencyPenalty = v; return this; }
        public Builder penaltyWindow(int v) { penaltyWindow = v; return this; }
        public Builder seed(Long v) { seed = v; return this; }
        public Builder maxTokens(int v) { maxTokens = v; return this; }
        public Builder minTokens(int v) { minTokens = v; return this; }
        public Builder ignoreEos(boolean v) { ignoreEos = v; return this; }
        public Builder stop(List<String> v) { stop = v; return this; }
        public Builder stop(String... v) { stop = v == null ? null : java.util.Arrays.asList(v); return this; }
        public Builder stopTokenIds(List<Integer> v) { stopTokenIds = v; return this; }
        public Builder topLogprobs(int v) { topLogprobs = v; return this; }
        public Builder logprobs(boolean v) { logprobs = v; return this; }

        public SamplingParams build() {
            return new SamplingParams(temperature, topK, topP, minP, repetitionPenalty, presencePenalty,
                    frequencyPenalty, penaltyWindow, seed, maxTokens, minTokens, ignoreEos, stop, stopTokenIds,
                    topLogprobs, logprobs);
        }
    }
}
