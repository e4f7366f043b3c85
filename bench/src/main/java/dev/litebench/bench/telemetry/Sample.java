package dev.litebench.bench.telemetry;

/**
 * One telemetry sample at {@code tMs} since the run's origin. Server fields are null when no server process is
 * known, GPU fields when there is no GPU telemetry. CPU is percent of one core.
 */
public record Sample(double tMs, Double serverCpuPct, Long serverRssBytes, Integer serverProcesses, double clientCpuPct,
                     Double gpuUtilPct, Double gpuMemoryMib) {}
