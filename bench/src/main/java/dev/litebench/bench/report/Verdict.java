package dev.litebench.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Which target is better on one metric, and whether by enough to say so. The better value follows {@link Better};
 * it is a clear win only when it beats the runner-up by at least the {@link Difference}'s threshold and, where both
 * values have intervals, the intervals do not overlap. Otherwise {@code winner} is null and {@code reason} says why.
 *
 * @param best      index of the better value (null: no rule, a tie, or fewer than two values)
 * @param winner    {@code best} when the win is clear, else null
 * @param runnerUp  index of the next best value (null with {@code best})
 * @param difference best vs runner-up in the {@link Difference}'s terms (percent, points or units), never negative
 */
record Verdict(Integer best, Integer winner, Integer runnerUp, double difference, Difference kind, Better better, String reason) {

    /** How a difference is measured, and from how much on it counts. */
    enum Difference {
        /** Percent of the runner-up's value. */
        RELATIVE(5),
        /** Percentage points, for values that are percentages already (growth, SLO attainment). */
        POINTS(5),
        /** In the metric's own unit, for exact counts (audit warnings): any difference counts. */
        ABSOLUTE(Double.MIN_VALUE);

        final double threshold;

        Difference(double threshold) {
            this.threshold = threshold;
        }
    }

    static Verdict of(List<Estimate> values, Better better, Difference kind) {
        List<Double> v = values.stream().map(e -> e == null ? null : e.value()).toList();
        TreeSet<Integer> top = better.best(v);
        if (top.size() != 1) return new Verdict(null, null, null, 0, kind, better, better == Better.NONE ? "" : "equal");
        int best = top.first();
        List<Double> rest = new ArrayList<>(v);
        rest.set(best, null);
        Integer runnerUp = null;
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i) != null && (runnerUp == null || better.beats(rest.get(i), rest.get(runnerUp)))) runnerUp = i;
        }
        double b = v.get(best);
        double r = v.get(runnerUp);
        double diff = switch (kind) {
            case RELATIVE -> r == 0 ? Double.POSITIVE_INFINITY : Math.abs(b - r) / Math.abs(r) * 100;
            case POINTS, ABSOLUTE -> Math.abs(b - r);
        };
        String reason = null;
        Estimate.Interval bi = values.get(best).interval();
        Estimate.Interval ri = values.get(runnerUp).interval();
        if (diff < kind.threshold) {
            reason = String.format(Locale.ROOT, "difference %s below the %s threshold", amount(diff, kind), amount(kind.threshold, kind));
        } else if (bi != null && ri != null && bi.overlaps(ri)) {
            reason = "intervals overlap";
        }
        return new Verdict(best, reason == null ? best : null, runnerUp, diff, kind, better, reason);
    }

    /** When a better value counts as a clear win, in words, for the notes under the tables. */
    static String clearWinRule() {
        return "better by at least " + amount(Difference.RELATIVE.threshold, Difference.RELATIVE) + " ("
                + amount(Difference.POINTS.threshold, Difference.POINTS) + " for values in percent, such as growth) and, where both "
                + "values have an interval, with intervals that do not overlap";
    }

    /** "21% lower", "4.0 pp higher", "2 fewer"; empty when there is no best value. */
    String differenceText() {
        if (best == null) return "";
        if (kind == Difference.ABSOLUTE) {
            return Format.number(difference) + (better == Better.LOWER ? " fewer" : " more");
        }
        return amount(difference, kind) + " " + better.word;
    }

    static String amount(double d, Difference kind) {
        return switch (kind) {
            case RELATIVE -> Double.isInfinite(d) ? "∞%" : String.format(Locale.ROOT, d >= 10 ? "%.0f%%" : "%.1f%%", d);
            case POINTS -> String.format(Locale.ROOT, "%.1f pp", d);
            case ABSOLUTE -> Format.number(d);
        };
    }
}
