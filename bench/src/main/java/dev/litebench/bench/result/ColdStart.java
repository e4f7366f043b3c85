package dev.litebench.bench.result;

/**
 * Start-up of a launched server. {@code spawnToReadyMs}: process start to the first successful readiness probe
 * (probed every {@code probeIntervalMs}, so late by at most that); {@code readyToFirstTokenMs}: readiness to the
 * first token of the first request, sent at once; {@code firstTtftMs} vs {@code steadyTtftMs} (median TTFT of the
 * requests that follow).
 */
public record ColdStart(double spawnToReadyMs, double probeIntervalMs, String readyPath, Double readyToFirstTokenMs,
                        Double firstTtftMs, Double steadyTtftMs, Double firstMinusSteadyTtftMs, Long peakRssBytes,
                        Long peakRssHwmBytes, Double peakGpuMemoryMib) {}
