package dev.litebench.bench.report;

import java.util.List;

/**
 * One chart of report.html, serialized into the page for its script. Each series is one target's, drawn in its
 * colour: the {@code primary} metric, or the {@code secondary} one (dashed line, hollow point: p90 next to p50).
 * {@code logX} for concurrency axes.
 */
record ChartSpec(String id, String title, String type, String xTitle, String yTitle, boolean logX, String primary, String secondary,
                 List<Series> series) {

    /** Points are (x, y) pairs, finite only; {@code label} is the target's name. */
    record Series(String label, int target, boolean secondary, List<double[]> points) {}

    int points() {
        return series.stream().mapToInt(s -> s.points().size()).sum();
    }
}
