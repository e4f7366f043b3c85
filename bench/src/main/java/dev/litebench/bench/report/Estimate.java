package dev.litebench.bench.report;

import java.util.List;

/**
 * A measured value and, where the data gives one, an interval [low, high] that holds the true value: for a
 * median, the order-statistics interval of the requests (see {@link #median}); for capacity, the bracket of the
 * search. {@code interval} is null for a single measurement (a throughput, a peak memory).
 */
record Estimate(double value, Interval interval) {

    /** Bounds may be infinite (capacity with no failing concurrency has no upper bound). */
    record Interval(double low, double high) {
        boolean overlaps(Interval o) {
            return low <= o.high && o.low <= high;
        }
    }

    /** "128 ms [120 ms – 135 ms]", "16 [16 – ∞]". */
    String format(Unit unit) {
        String s = unit.format(value);
        if (interval == null) return s;
        return s + " [" + bound(interval.low, unit) + " – " + bound(interval.high, unit) + "]";
    }

    private static String bound(double b, Unit unit) {
        return Double.isInfinite(b) ? "∞" : unit.format(b);
    }

    static Estimate point(double value) {
        return new Estimate(value, null);
    }

    /** Confidence the {@link #median} interval is asked to reach. */
    static final double CONFIDENCE = 0.95;

    /**
     * The reported median {@code p50} with a distribution-free interval for the true median from the raw values:
     * the order statistics x(k) and x(n+1-k) for the largest k whose coverage, 1 - 2 P(Binomial(n, 1/2) < k), is
     * at least 95%. With fewer than 6 values no k reaches it, and the interval is their whole range. No values:
     * no interval.
     */
    static Estimate median(double p50, List<Double> values) {
        int n = values.size();
        if (n == 0) return point(p50);
        double[] x = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int k = 1;
        while (k + 1 <= n / 2 && 2 * binomialCdfHalf(n, k) <= 1 - CONFIDENCE) k++;
        return new Estimate(p50, new Interval(x[k - 1], x[n - k]));
    }

    /** P(Binomial(n, 1/2) <= m), computed in logs so that large n does not overflow. */
    static double binomialCdfHalf(int n, int m) {
        double sum = 0;
        double logChoose = 0;
        for (int i = 0; i <= m; i++) {
            if (i > 0) logChoose += Math.log(n - i + 1) - Math.log(i);
            sum += Math.exp(logChoose - n * Math.log(2));
        }
        return sum;
    }
}
