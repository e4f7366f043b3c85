package dev.litebench.bench.measure;

import org.HdrHistogram.Histogram;

/**
 * Summary of a set of values (milliseconds unless named otherwise): exact count, mean, stddev (population),
 * min and max; percentiles from an HdrHistogram of nanosecond values at 3 significant digits (error at most
 * 0.1%, never more than one bucket). Values below zero (possible for client-minus-server) are shifted before
 * recording and shifted back.
 */
public record Distribution(long count, double mean, double stddev, double min, double p50, double p90, double p95,
                           double p99, double max) {

    /** Null when there are no values, so that absent metrics stay absent rather than zero. */
    public static Distribution of(double[] values) {
        if (values.length == 0) return null;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double v : values) squares += (v - mean) * (v - mean);
        double shift = Math.min(0, min);
        Histogram h = new Histogram(3);
        for (double v : values) h.recordValue(Math.round((v - shift) * 1e6));
        return new Distribution(values.length, mean, Math.sqrt(squares / values.length), min,
                percentile(h, 50, shift, min, max), percentile(h, 90, shift, min, max),
                percentile(h, 95, shift, min, max), percentile(h, 99, shift, min, max), max);
    }

    /** The chosen percentile (50, 90, 95 or 99; 100 means max). */
    public double percentile(int p) {
        return switch (p) {
            case 50 -> p50;
            case 90 -> p90;
            case 95 -> p95;
            case 99 -> p99;
            case 100 -> max;
            default -> throw new IllegalArgumentException("percentile must be 50, 90, 95, 99 or 100, not " + p);
        };
    }

    private static double percentile(Histogram h, double p, double shift, double min, double max) {
        double v = h.getValueAtPercentile(p) / 1e6 + shift;
        return Math.max(min, Math.min(max, v));
    }
}
