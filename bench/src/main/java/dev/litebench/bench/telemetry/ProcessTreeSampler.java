package dev.litebench.bench.telemetry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU and memory of a process and its descendants, from /proc. CPU% is the share of one core used since the
 * previous sample, summed over the tree (200 = two cores busy); a process first seen after the first sample
 * counts its whole CPU time, since it started within the interval or just before. Without descendants only the
 * process itself is sampled: the bench's own process, whose children are the servers it launched.
 */
final class ProcessTreeSampler {
    /**
     * Samples between two walks of the process table for the tree. Finding descendants reads every process's
     * /proc entry: at one walk per 100 ms sample that was ~2.6% of a core in the bench's own process (a perf profile of
     * the client during a context scenario), time taken from the server on a 2-core machine. A child started between
     * walks is counted from the next one, with its whole CPU time, as any process first seen.
     */
    static final int TREE_REFRESH_SAMPLES = 10;

    private final long pid;
    private final boolean descendants;
    private final Map<Long, Long> lastTicks = new HashMap<>();
    private long lastNanos;
    private List<Long> tree;
    private int samplesSinceTree;

    ProcessTreeSampler(long pid, boolean descendants) {
        this.pid = pid;
        this.descendants = descendants;
        sample();
    }

    record Reading(double cpuPct, long rssBytes, int processes) {}

    /** Null once the process is gone. */
    Reading sample() {
        long now = System.nanoTime();
        List<Long> pids = pids();
        if (pids.isEmpty()) return null;
        boolean first = lastNanos == 0;
        long ticks = 0;
        long rss = 0;
        Map<Long, Long> seen = new HashMap<>();
        for (long p : pids) {
            long t = ProcFs.cpuTicks(p);
            if (t < 0 && p == pid) return null; // the root: its tree may be cached, so this is where its end shows
            if (t < 0) continue;
            seen.put(p, t);
            ticks += t - lastTicks.getOrDefault(p, first ? t : 0L);
            rss += Math.max(0, ProcFs.rssBytes(p));
        }
        double seconds = (now - lastNanos) / 1e9;
        lastTicks.clear();
        lastTicks.putAll(seen);
        lastNanos = now;
        return new Reading(first ? 0 : 100.0 * ticks / ProcFs.CLOCK_TICKS / seconds, rss, seen.size());
    }

    /** The processes to read, the root first: the tree as last walked, walked again every few samples. */
    private List<Long> pids() {
        if (!descendants) return List.of(pid);
        if (tree == null || ++samplesSinceTree >= TREE_REFRESH_SAMPLES) {
            tree = ProcFs.tree(pid);
            samplesSinceTree = 0;
        }
        return tree;
    }

    /** Sum of the peak resident sizes (VmHWM) of the processes alive now: an upper bound of the tree's peak. */
    long peakRssHwm() {
        long sum = 0;
        for (long p : ProcFs.tree(pid)) sum += Math.max(0, ProcFs.peakRssBytes(p));
        return sum;
    }
}
