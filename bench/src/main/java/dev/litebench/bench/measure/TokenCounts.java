package dev.litebench.bench.measure;

/** Mean, min and max of a token count over the successful requests. */
public record TokenCounts(double mean, int min, int max) {

    public static TokenCounts of(int[] counts) {
        if (counts.length == 0) return null;
        long sum = 0;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int c : counts) {
            sum += c;
            min = Math.min(min, c);
            max = Math.max(max, c);
        }
        return new TokenCounts((double) sum / counts.length, min, max);
    }
}
