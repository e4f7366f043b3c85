package dev.litebench.bench.result;

/**
 * The largest concurrency whose chosen percentile of the chosen metric stays within the SLO.
 *
 * @param value  the largest tested concurrency judged to pass (null: even concurrency 1 fails)
 * @param low    the largest tested concurrency that passed in every trial (at or below value)
 * @param high   the smallest tested concurrency judged to fail, minus one (null: none failed up to the maximum)
 * @param sloMs   the limit the percentile was held to
 * @param goodput mean goodput (requests/s meeting every SLO) over the trials at {@code value}
 * @param text    the result in words, e.g. "18, between 16 and 20"
 */
public record Capacity(Integer value, Integer low, Integer high, String metric, int percentile, double sloMs, int trials,
                       int maxConcurrency, double goodput, String text) {}
