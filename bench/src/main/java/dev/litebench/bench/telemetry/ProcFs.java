package dev.litebench.bench.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Reads what Linux's /proc says about a process: CPU ticks, resident memory, peak resident memory. */
final class ProcFs {
    static final boolean AVAILABLE = Files.isDirectory(Path.of("/proc/self"));
    static final long CLOCK_TICKS = getconf("CLK_TCK", 100);
    static final long PAGE_SIZE = getconf("PAGESIZE", 4096);

    private ProcFs() {}

    /** User plus system CPU time in clock ticks, or -1 if the process is gone. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name, which is in parentheses and may hold spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Resident set size in bytes, or -1. */
    static long rssBytes(long pid) {
        try {
            String[] f = Files.readString(Path.of("/proc", Long.toString(pid), "statm")).strip().split(" ");
            return Long.parseLong(f[1]) * PAGE_SIZE;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Peak resident set size ({@code VmHWM}) in bytes, or -1. */
    static long peakRssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.substring(6).strip().split("\\s+")[0]) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    /** The process and all its descendants that are alive now. */
    static List<Long> tree(long pid) {
        List<Long> pids = new ArrayList<>();
        Optional<ProcessHandle> root = ProcessHandle.of(pid);
        if (root.isEmpty()) return pids;
        pids.add(pid);
        root.get().descendants().forEach(p -> pids.add(p.pid()));
        return pids;
    }

    private static long getconf(String name, long fallback) {
        try {
            Process p = new ProcessBuilder("getconf", name).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            // no getconf: use the usual Linux value
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return fallback;
    }
}
