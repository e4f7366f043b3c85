package dev.litebench.bench.report;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Which value of a metric is better: lower for latencies, memory, start-up times, growth and audit warnings;
 * higher for throughputs, goodput and capacity; neither for CPU and GPU utilisation. The one rule behind the
 * terminal tables' '*' and the report's "better" column.
 */
public enum Better {
    LOWER("lower"), HIGHER("higher"), NONE("");

    /** "lower" or "higher", for "lower latency", "12% higher"; empty for NONE. */
    public final String word;

    Better(String word) {
        this.word = word;
    }

    /** Whether {@code a} is strictly better than {@code b}. */
    public boolean beats(double a, double b) {
        return this == LOWER ? a < b : this == HIGHER && a > b;
    }

    /** Indices of the best of {@code values} (nulls skipped); empty without a rule, with fewer than two values, or a tie of all. */
    public TreeSet<Integer> best(List<Double> values) {
        TreeSet<Integer> best = new TreeSet<>();
        List<Double> present = values.stream().filter(Objects::nonNull).toList();
        if (this == NONE || present.size() < 2) return best;
        double target = this == LOWER ? present.stream().mapToDouble(d -> d).min().orElseThrow()
                : present.stream().mapToDouble(d -> d).max().orElseThrow();
        if (present.stream().allMatch(d -> d == target)) return best;
        for (int i = 0; i < values.size(); i++) if (values.get(i) != null && values.get(i) == target) best.add(i);
        return best;
    }
}
