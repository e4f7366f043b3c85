package dev.litebench.bench.telemetry;

/**
 * One telemetry sample at {@code tMs} since the run's origin. Server fields are null when no server process is
 * known, GPU fields when there is no GPU telemetry. CPU is percent of one core; {@code hostStealPct} is the share
 * of all the host's CPU time since the previous sample that the hypervisor gave to other guests (null off Linux).
 */
public record Sample(double tMs, Double serverCpuPct, Long serverRssBytes, Integer serverProcesses, double clientCpuPct,
                     Double gpuUtilPct, Double gpuMemoryMib, Double hostStealPct) {}
