package dev.litebench.bench.result;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps a scenario's JSON file up to date while it runs: rewritten whole (to a temporary file, then renamed
 * over the old one) at once when asked, and by {@link #checkpoint} when something was measured since the last
 * write, at most every {@code minIntervalMs}, so an interruption or crash leaves a valid file holding everything
 * measured until then. The file grows with the run, and the bench shares the machine with the server it measures:
 * checkpoints are spaced to at least {@link #COST_FACTOR} times the last write's duration, so they never take more
 * than 1/{@link #COST_FACTOR} of the time.
 */
public final class ResultFile {
    static final int COST_FACTOR = 50;

    private final Path path;
    private final ScenarioResult result;
    private final long minIntervalNanos;
    private long lastWrite;
    private long lastWriteNanos;
    private long writtenRevision = -1;

    public ResultFile(Path path, ScenarioResult result, long minIntervalMs) {
        this.path = path;
        this.result = result;
        this.minIntervalNanos = minIntervalMs * 1_000_000;
    }

    public Path path() {
        return path;
    }

    public ScenarioResult result() {
        return result;
    }

    /** Writes if the results changed since the last write and the last write is old enough (see the class comment). */
    public synchronized void checkpoint() {
        if (result.revision() != writtenRevision && System.nanoTime() - lastWrite >= spacingNanos()) write();
    }

    /** The least time between a write and the next checkpoint's. */
    private long spacingNanos() {
        return Math.max(minIntervalNanos, COST_FACTOR * lastWriteNanos);
    }

    synchronized long spacingMillis() {
        return spacingNanos() / 1_000_000;
    }

    /** Checkpoints every {@code intervalMs} on a background thread until the returned handle is closed. */
    public AutoCloseable autosave(long intervalMs) {
        Thread t = Thread.ofVirtual().name("autosave").start(() -> {
            try {
                while (true) {
                    Thread.sleep(intervalMs);
                    checkpoint();
                }
            } catch (InterruptedException e) {
                // closed
            }
        });
        return t::interrupt;
    }

    public synchronized void write() {
        long start = System.nanoTime();
        long revision = result.revision();
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            ResultJson.MAPPER.writeValue(tmp.toFile(), result.snapshot());
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
            lastWrite = System.nanoTime();
            lastWriteNanos = lastWrite - start;
            writtenRevision = revision;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
