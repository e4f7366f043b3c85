package dev.litebench.bench.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The host's CPU time counters from the first line of /proc/stat: user, nice, system, idle, iowait, irq, softirq, steal. */
public final class HostCpu {
    private static final int STEAL = 7;

    private HostCpu() {}

    /** The counters in clock ticks, or null where /proc/stat cannot be read. */
    public static long[] read() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/stat")).getFirst());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The counters of a {@code cpu ...} line; null when it has fewer than 8 of them. */
    static long[] parse(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (f.length < 9 || !f[0].equals("cpu")) return null;
        long[] v = new long[8];
        for (int i = 0; i < 8; i++) v[i] = Long.parseLong(f[i + 1]);
        return v;
    }

    /** Steal ticks between two readings as a percentage of all ticks; null when either is missing or no time passed. */
    public static Double stealPct(long[] before, long[] after) {
        if (before == null || after == null) return null;
        long total = 0;
        for (int i = 0; i < 8; i++) total += after[i] - before[i];
        return total <= 0 ? null : 100.0 * (after[STEAL] - before[STEAL]) / total;
    }
}
