package dev.litebench.bench.result;

import dev.litebench.bench.measure.Summary;
import dev.litebench.bench.telemetry.ResourceUsage;

/**
 * One point of a multi-point scenario: its key (a concurrency, an input length, a rate; with a trial number for
 * capacity), the summary of its requests and the server's resource use while it ran.
 *
 * @param passed       capacity only: whether the chosen percentile met the SLO in this trial
 * @param percentileMs capacity only: the value of the chosen percentile of the chosen metric
 * @param growthPct    context only: growth of mean TTFT and mean E2E over the shortest input length
 */
public record Level(Integer concurrency, Integer inputTokens, Double rate, Integer trial, double startMs, double endMs,
                    Summary summary, ResourceUsage resources, Boolean passed, Double percentileMs, Growth growthPct) {

    public record Growth(Double ttft, Double e2e) {}

    public static Level concurrency(int c, double startMs, double endMs, Summary s, ResourceUsage r) {
        return new Level(c, null, null, null, startMs, endMs, s, r, null, null, null);
    }
}
