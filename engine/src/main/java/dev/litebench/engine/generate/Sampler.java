package dev.litebench.engine.generate;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks the next token of one sequence from its logits row. One instance per sequence: it owns the sequence's RNG,
 * so a fixed seed gives the same tokens for the same logits on every run and JVM. Not thread-safe.
 *
 * <p>Order of operations, llama.cpp's default chain ({@code penalties → top_k → top_p → min_p → temperature →
 * dist}):
 * <ol>
 *   <li>penalties ({@link SamplingParams#repetitionPenalty()} over the penalty window of prompt + output, then
 *       presence/frequency over the whole output: {@code l = rep(l) - count*frequency - (count > 0)*presence});</li>
 *   <li>EOG mask: the EOG ids get -inf while {@code generated < min_tokens} (together with
 *       {@code stop_token_ids}) or for the whole generation with {@code ignore_eos};</li>
 *   <li>temperature 0: argmax, ties to the lowest id (top-k/top-p/min-p cannot change the argmax);</li>
 *   <li>otherwise top-k (bounded heap), top-p over the distribution renormalised to the top-k survivors (prefix of
 *       the sorted candidates until the cumulative probability reaches top_p, the crossing token included), min-p
 *       (keep logits &ge; max + ln(min_p)), then divide by the temperature, softmax and draw.</li>
 * </ol>
 * Like llama.cpp, top-p and min-p see the temperature-1 distribution; the temperature only reshapes what survives.
 *
 * <p>Cost per token: no sort of the vocabulary. Without top-k/top-p the draw is two passes (max, exp) over the row;
 * top-k is one heap pass; top-p alone is an expected-linear quickselect by probability mass (only the survivors of
 * top-k are ever sorted, and ties at the top-p boundary sorted by id). The logits array is never modified: when penalties or the mask
 * apply, the row is copied into scratch first.
 */
public final class Sampler {
    private final SamplingParams params;
    private final int[] eogIds;
    private final int[] minTokensMask;
    private final long seed;
    private final Rng rng;
    private final SamplerScratch scratch;
    private TokenLogprobs lastLogprobs;

    /** A sampler with its own scratch arrays. {@code eogIds}: the model's end-of-generation token ids. */
    public Sampler(SamplingParams params, int[] eogIds) {
        this(params, eogIds, new SamplerScratch());
    }

    /** A sampler using {@code scratch}, which may be shared with other samplers called from the same thread. */
    public Sampler(SamplingParams params, int[] eogIds, SamplerScratch scratch) {
        this.params = params;
        this.eogIds = eogIds == null ? new int[0] : eogIds.clone();
        int[] mask = Arrays.copyOf(this.eogIds, this.eogIds.length + params.stopTokenIds().size());
        for (int i = 0; i < params.stopTokenIds().size(); i++) mask[this.eogIds.length + i] = params.stopTokenIds().get(i);
        this.minTokensMask = mask;
        this.seed = params.seed() != null ? params.seed() : ThreadLocalRandom.current().nextLong();
        this.rng = new Rng(seed);
        this.scratch = scratch;
    }

    public SamplingParams params() {
        return params;
    }

    /** The seed in use: the requested one, or the random one drawn when the request gave none. */
    public long seed() {
        return seed;
    }

    /** See {@link #sample(float[], int, int, TokenHistory)}; the row starts at index 0. */
    public int sample(float[] logits, int vocabSize, TokenHistory history) {
        return sample(logits, 0, vocabSize, history);
    }

    /**
     * Samples the next token from {@code logits[offset .. offset+vocabSize)} (ids beyond vocabSize, e.g. padding rows
     * of the output matrix, are never picked). {@code history} (prompt + tokens generated so far; null = none) feeds
     * the penalties and min_tokens; the caller appends the returned token to it. When the params ask for logprobs
     * they are available from {@link #lastLogprobs()} afterwards.
     *
     * @throws IllegalStateException when every candidate logit is NaN or -inf
     */
    public int sample(float[] logits, int offset, int vocabSize, TokenHistory history) {
        if (vocabSize <= 0) throw new IllegalArgumentException("vocabSize must be positive, got " + vocabSize);
        if (offset < 0 || offset > logits.length - vocabSize) {
            throw new IllegalArgumentException("logits row [" + offset + ", " + (offset + (long) vocabSize)
                    + ") is outside an array of " + logits.length);
        }
        lastLogprobs = null;
        int generated = history == null ? 0 : history.generatedCount();
        int[] mask = generated < params.minTokens() ? minTokensMask : params.ignoreEos() ? eogIds : null;
        boolean penalize = params.hasPenalties() && history != null && history.size() > 0;

        float[] src = logits;
        int base = offset;
        if (penalize || (mask != null && mask.length > 0)) {
            src = scratch.work(vocabSize);
            base = 0;
            System.arraycopy(logits, offset, src, 0, vocabSize);
            if (penalize) applyPenalties(src, vocabSize, history);
            if (mask != null) {
                for (int id : mask) if (id >= 0 && id < vocabSize) src[id] = Float.NEGATIVE_INFINITY;
            }
        }

        int token = params.isGreedy() ? argmax(src, base, vocabSize) : draw(src, base, vocabSize);
        if (params.wantsLogprobs()) {
            lastLogprobs = TokenLogprobs.compute(logits, offset, vocabSize, token, params.topLogprobs());
        }
        return token;
    }

    /** Logprobs of the token returned by the last {@code sample} call; null when the params do not ask for them. */
    public TokenLogprobs lastLogprobs() {
        return lastLogprobs;
    }

    // ---- penalties ----

    /** Applies the three penalties to {@code w[0..vocab)} in place (package-private for tests). */
    void applyPenalties(float[] w, int vocab, TokenHistory h) {
        int[] ids = h.rawIds();
        int size = h.size();
        int[] counts = scratch.counts(vocab);

        float rep = (float) params.repetitionPenalty();
        if (rep != 1f && params.penaltyWindow() != 0) {
            int from = params.penaltyWindow() < 0 ? 0 : Math.max(0, size - params.penaltyWindow());
            int[] touched = scratch.touched(Math.min(vocab, size - from));
            int nt = 0;
            for (int i = from; i < size; i++) {
                int id = ids[i];
                if (id < 0 || id >= vocab || counts[id] != 0) continue;
                counts[id] = 1;
                touched[nt++] = id;
                float l = w[id];
                w[id] = l <= 0 ? l * rep : l / rep;
            }
            for (int t = 0; t < nt; t++) counts[touched[t]] = 0;
        }

        double presence = params.presencePenalty(), frequency = params.frequencyPenalty();
        if (presence != 0 || frequency != 0) {
            int from = h.promptLength();
            int[] touched = scratch.touched(Math.min(vocab, size - from));
            int nt = 0;
            for (int i = from; i < size; i++) {
                int id = ids[i];
                if (id < 0 || id >= vocab) continue;
                if (counts[id]++ == 0) touched[nt++] = id;
            }
            for (int t = 0; t < nt; t++) {
                int id = touched[t];
                w[id] = (float) (w[id] - counts[id] * frequency - presence);
                counts[id] = 0;
            }
        }
    }

    // ---- greedy ----

    static int argmax(float[] a, int base, int n) {
        int best = -1;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float v = a[base + i];
            if (v > bestValue) {
                bestValue = v;
                best = i;
            }
        }
        if (best < 0) throw nothingToSample();
        return best;
    }

    // ---- stochastic ----

    private int draw(float[] a, int base, int n) {
        double invTemp = 1.0 / params.temperature();
        int k = params.topK();
        double topP = params.topP();
        if (k > 0 && k < n) {
            int[] cand = scratch.candidates(k);
            int m = Selection.top(a, base, n, k, cand);
            if (m == 0) throw nothingToSample();
            if (topP < 1) m = cutTopP(a, base, cand, m, topP);
            return drawCandidates(a, base, cand, cutMinP(a, base, cand, m), a[base + cand[0]], invTemp);
        }
        if (topP < 1) {
            // Nucleus over the whole row without sorting it: weights in one pass, then a selection by mass.
            float max = max(a, base, n);
            int[] ids = scratch.candidates(n);
            float[] w = scratch.weights(n);
            int count = 0;
            double total = 0;
            for (int i = 0; i < n; i++) {
                float v = a[base + i];
                if (v > Float.NEGATIVE_INFINITY) { // also skips NaN
                    float e = (float) Math.exp(v - (double) max);
                    w[i] = e;
                    total += e;
                    ids[count++] = i;
                }
            }
            int m = Selection.nucleus(a, base, ids, count, w, topP * total);
            if (params.minP() > 0) {
                float threshold = (float) (max + Math.log(params.minP()));
                int kept = 0;
                for (int j = 0; j < m; j++) if (a[base + ids[j]] >= threshold) ids[kept++] = ids[j];
                m = kept; // the max itself always passes
            }
            return drawCandidates(a, base, ids, m, max, invTemp);
        }
        return drawFull(a, base, n, invTemp);
    }

    /** Keeps the shortest best-first prefix whose probability (renormalised over the m candidates) reaches p. */
    private static int cutTopP(float[] a, int base, int[] cand, int m, double p) {
        double max = a[base + cand[0]];
        double total = 0;
        for (int j = 0; j < m; j++) total += Math.exp(a[base + cand[j]] - max);
        double target = p * total, cum = 0;
        for (int j = 0; j < m; j++) {
            cum += Math.exp(a[base + cand[j]] - max);
            if (cum >= target) return j + 1;
        }
        return m;
    }

    /** Keeps the best-first prefix with logit &ge; best + ln(min_p), as llama.cpp does (at least one token). */
    private int cutMinP(float[] a, int base, int[] cand, int m) {
        double minP = params.minP();
        if (minP <= 0) return m;
        float threshold = (float) (a[base + cand[0]] + Math.log(minP));
        int j = 1;
        while (j < m && a[base + cand[j]] >= threshold) j++;
        return j;
    }

    /** Softmax of the candidates' logits at the temperature, one draw. {@code max}: the largest candidate logit. */
    private int drawCandidates(float[] a, int base, int[] cand, int m, double max, double invTemp) {
        float[] w = scratch.weights(m);
        double total = 0;
        for (int j = 0; j < m; j++) {
            w[j] = (float) Math.exp((a[base + cand[j]] - max) * invTemp);
            total += w[j];
        }
        double u = rng.nextDouble() * total;
        double cum = 0;
        int last = 0;
        for (int j = 0; j < m; j++) {
            if (w[j] > 0) {
                cum += w[j];
                last = j;
                if (u < cum) return cand[j];
            }
        }
        return cand[last];
    }

    /** Softmax over the whole row (with the min-p threshold) and one draw; no sorting. */
    private int drawFull(float[] a, int base, int n, double invTemp) {
        float max = max(a, base, n);
        double minP = params.minP();
        float threshold = minP > 0 ? (float) (max + Math.log(minP)) : Float.NEGATIVE_INFINITY;
        float[] w = scratch.weights(n);
        double total = 0;
        for (int i = 0; i < n; i++) {
            float v = a[base + i];
            float x = v >= threshold ? (float) Math.exp((v - (double) max) * invTemp) : 0f; // NaN fails >=
            w[i] = x;
            total += x;
        }
        double u = rng.nextDouble() * total;
        double cum = 0;
        int last = -1;
        for (int i = 0; i < n; i++) {
            float x = w[i];
            if (x > 0) {
                cum += x;
                last = i;
                if (u < cum) return i;
            }
        }
        if (last < 0) return argmax(a, base, n); // every weight underflowed: cannot happen for the max itself
        return last;
    }

    private static float max(float[] a, int base, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float v = a[base + i];
            if (v > max) max = v;
        }
        if (max == Float.NEGATIVE_INFINITY) throw nothingToSample();
        return max;
    }

    private static IllegalStateException nothingToSample() {
        return new IllegalStateException("no token can be sampled: every logit is NaN or -inf");
    }
}
