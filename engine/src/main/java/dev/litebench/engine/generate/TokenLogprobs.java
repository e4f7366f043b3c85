package dev.litebench.engine.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * Log-probabilities for one generated token, taken from the <em>raw model distribution</em>: the log-softmax of the
 * logits exactly as the model produced them, before penalties, EOG masking, top-k/top-p/min-p and temperature. This
 * is vLLM's default ({@code logprobs_mode=raw_logprobs}) and what the OpenAI API reports; so with temperature 0.7
 * the reported numbers are still the temperature-1 model probabilities.
 *
 * @param token   the sampled token
 * @param logprob its log-probability under the raw distribution
 * @param top     the {@code top_logprobs} most likely tokens of the raw distribution, best first, ties by lower id;
 *                may or may not contain {@code token}; empty when {@code top_logprobs} is 0
 */
public record TokenLogprobs(int token, double logprob, List<Alternative> top) {

    /** One of the most likely tokens at this position. */
    public record Alternative(int token, double logprob) {
    }

    public TokenLogprobs {
        top = List.copyOf(top);
    }

    /**
     * Computes the logprobs of {@code token} and the {@code topN} best alternatives from the row
     * {@code logits[offset .. offset+vocabSize)}. Two passes over the row (max, sum of exponentials, in double) plus a
     * bounded-heap selection for the alternatives.
     */
    public static TokenLogprobs compute(float[] logits, int offset, int vocabSize, int token, int topN) {
        if (token < 0 || token >= vocabSize) {
            throw new IllegalArgumentException("token must be in [0, " + vocabSize + "), got " + token);
        }
        double lse = logSumExp(logits, offset, vocabSize);
        double lp = logits[offset + token] - lse;
        if (topN <= 0) return new TokenLogprobs(token, lp, List.of());
        int[] ids = new int[Math.min(topN, vocabSize)];
        int n = Selection.top(logits, offset, vocabSize, ids.length, ids);
        List<Alternative> alts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) alts.add(new Alternative(ids[i], logits[offset + ids[i]] - lse));
        return new TokenLogprobs(token, lp, alts);
    }

    /** log(sum(exp(x))) over the row, stable: max + log(sum(exp(x - max))). */
    static double logSumExp(float[] a, int base, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float v = a[base + i];
            if (v > max) max = v;
        }
        if (max == Float.NEGATIVE_INFINITY) return Double.NEGATIVE_INFINITY;
        double m = max, sum = 0;
        for (int i = 0; i < n; i++) sum += Math.exp(a[base + i] - m);
        return m + Math.log(sum);
    }
}
