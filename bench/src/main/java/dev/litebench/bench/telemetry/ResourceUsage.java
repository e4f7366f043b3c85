package dev.litebench.bench.telemetry;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Resource use over a time window: means and maxima of the samples taken in it (null where not measured). */
public record ResourceUsage(int samples, Double serverCpuPctMean, Double serverCpuPctMax, Long serverRssBytesMax,
                            Double clientCpuPctMean, Double clientCpuPctMax, Double gpuUtilPctMean, Double gpuUtilPctMax,
                            Double gpuMemoryMibMax, Double hostStealPctMean, Double hostStealPctMax) {

    public static ResourceUsage of(List<Sample> s) {
        if (s.isEmpty()) return null;
        Long rss = s.stream().map(Sample::serverRssBytes).filter(Objects::nonNull).max(Long::compare).orElse(null);
        return new ResourceUsage(s.size(), mean(s, Sample::serverCpuPct), max(s, Sample::serverCpuPct), rss,
                mean(s, Sample::clientCpuPct), max(s, Sample::clientCpuPct), mean(s, Sample::gpuUtilPct),
                max(s, Sample::gpuUtilPct), max(s, Sample::gpuMemoryMib), mean(s, Sample::hostStealPct), max(s, Sample::hostStealPct));
    }

    private static Double mean(List<Sample> s, Function<Sample, Double> f) {
        var stats = s.stream().map(f).filter(Objects::nonNull).mapToDouble(Double::doubleValue).summaryStatistics();
        return stats.getCount() == 0 ? null : stats.getAverage();
    }

    private static Double max(List<Sample> s, Function<Sample, Double> f) {
        var stats = s.stream().map(f).filter(Objects::nonNull).mapToDouble(Double::doubleValue).summaryStatistics();
        return stats.getCount() == 0 ? null : stats.getMax();
    }
}
