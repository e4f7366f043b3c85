package dev.litebench.bench.targets;

import dev.litebench.bench.BenchFailure;
import dev.litebench.bench.http.HttpTransport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A server process LiteBench started: its output goes to a log file, readiness is polled over HTTP, and it is
 * stopped with SIGTERM to the whole process tree, then killed if still alive after a grace period.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final Process process;
    private final long spawnNanos;
    private final Path log;

    private ServerProcess(Process process, long spawnNanos, Path log) {
        this.process = process;
        this.spawnNanos = spawnNanos;
        this.log = log;
    }

    public static ServerProcess start(List<String> command, Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            long spawn = System.nanoTime();
            return new ServerProcess(pb.start(), spawn, log);
        } catch (IOException e) {
            throw new BenchFailure("cannot start '" + String.join(" ", command) + "': " + e.getMessage(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** nanoTime just before the process was started. */
    public long spawnNanos() {
        return spawnNanos;
    }

    /** When the server first answered its readiness probe, and on which path. */
    public record Readiness(long readyNanos, String path, long probeIntervalMs) {}

    /**
     * Polls {@code GET /health} (200 ready, 503 loading, as llama.cpp, vLLM and LiteBench answer) every
     * {@code intervalMs}; a server without /health (404) is polled on {@code /v1/models} instead.
     */
    public Readiness awaitReady(HttpTransport http, Duration timeout, long intervalMs) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String path = "/health";
        while (true) {
            if (!process.isAlive()) {
                throw new BenchFailure("the server exited with code " + process.exitValue() + " before it was ready; "
                        + "its last output: " + tail(5));
            }
            try {
                int status = http.call("GET", http.endpoint().path(path), null).status();
                if (status == 200) return new Readiness(System.nanoTime(), path, intervalMs);
                if ((status == 404 || status == 405) && path.equals("/health")) {
                    path = "/v1/models";
                    continue;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("the server did not become ready within " + timeout.toSeconds() + " s; its last output: " + tail(5));
            }
            LockSupport.parkNanos(intervalMs * 1_000_000);
        }
    }

    /** The last lines of the server's output, joined on one line. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            String joined = String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size())).strip();
            return joined.isEmpty() ? "(none; log " + log + ")" : joined;
        } catch (IOException | RuntimeException e) {
            return "(unreadable; log " + log + ")";
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
