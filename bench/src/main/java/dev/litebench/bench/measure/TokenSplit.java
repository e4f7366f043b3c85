package dev.litebench.bench.measure;

import java.util.List;

/**
 * How many tokens each token-carrying chunk held. Exact when the server counted per chunk (a running
 * {@code usage.completion_tokens} on every chunk, as vLLM's {@code continuous_usage_stats} gives) or when there
 * are as many chunks as tokens; otherwise the total is spread in proportion to each chunk's characters,
 * at least one token per chunk while there are enough (largest-remainder rounding).
 */
final class TokenSplit {
    private TokenSplit() {}

    static int[] perChunk(List<Integer> chars, List<Integer> cumulative, int total) {
        int m = chars.size();
        int[] k = new int[m];
        if (runningCounts(cumulative, total, k)) return k;
        if (m == total) {
            java.util.Arrays.fill(k, 1);
            return k;
        }
        int base = total >= m ? 1 : 0;
        int rest = total - base * m;
        long weight = 0;
        for (int c : chars) weight += c;
        double[] remainder = new double[m];
        int given = 0;
        for (int i = 0; i < m; i++) {
            double share = weight == 0 ? (double) rest / m : (double) rest * chars.get(i) / weight;
            int whole = (int) Math.floor(share);
            k[i] = base + whole;
            remainder[i] = share - whole;
            given += whole;
        }
        for (int left = rest - given; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < m; i++) if (remainder[i] > remainder[best]) best = i;
            k[best]++;
            remainder[best] = -1;
        }
        return k;
    }

    private static boolean runningCounts(List<Integer> cumulative, int total, int[] k) {
        int previous = 0;
        for (int i = 0; i < cumulative.size(); i++) {
            int c = cumulative.get(i);
            if (c < previous) return false;
            k[i] = c - previous;
            previous = c;
        }
        return !cumulative.isEmpty() && previous == total;
    }
}
