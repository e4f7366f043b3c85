package dev.litebench.engine.generate;

/**
 * Vocabulary-sized work arrays for {@link Sampler}, allocated on first need and reused for every token. Each sampler
 * makes its own unless given one; samplers that are only ever called from one thread (e.g. the scheduler thread
 * sampling a batch one sequence after another) may share one to save about 2.4 MB per sequence for a 152k
 * vocabulary. Not thread-safe.
 */
public final class SamplerScratch {
    float[] work;     // modified copy of the logits row (penalties, EOG mask)
    float[] weights;  // unnormalised probabilities being drawn from
    int[] candidates; // ids kept by top-k / top-p, best first
    int[] counts;     // per-id counters for penalties; all zero between calls
    int[] touched;    // ids whose counter is non-zero

    float[] work(int n) {
        if (work == null || work.length < n) work = new float[n];
        return work;
    }

    float[] weights(int n) {
        if (weights == null || weights.length < n) weights = new float[n];
        return weights;
    }

    int[] candidates(int n) {
        if (candidates == null || candidates.length < n) candidates = new int[n];
        return candidates;
    }

    int[] counts(int n) {
        if (counts == null || counts.length < n) counts = new int[n];
        return counts;
    }

    int[] touched(int n) {
        if (touched == null || touched.length < n) touched = new int[Math.max(n, 64)];
        return touched;
    }
}
