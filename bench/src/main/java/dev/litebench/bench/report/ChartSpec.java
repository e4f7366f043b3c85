package dev.litebench.bench.report;

import java.util.List;

/**
 * One chart of report.html, serialized into the page for its script. Each series is drawn in its target's colour;
 * a dashed series is a second metric of the same target (p90 next to p50). {@code logX} for concurrency axes.
 */
record ChartSpec(String id, String title, String type, String xTitle, String yTitle, boolean logX, List<Series> series) {

    /** Points are (x, y) pairs, finite only. */
    record Series(String label, int target, boolean dashed, List<double[]> points) {}

    int points() {
        return series.stream().mapToInt(s -> s.points().size()).sum();
    }
}
