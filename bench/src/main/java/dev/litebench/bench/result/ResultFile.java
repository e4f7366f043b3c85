package dev.litebench.bench.result;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps a scenario's JSON file up to date while it runs: rewritten whole (to a temporary file, then renamed
 * over the old one) at most every {@code minIntervalMs} while requests arrive, and at once when asked, so an
 * interruption or crash leaves a valid file holding everything measured until then.
 */
public final class ResultFile {
    private final Path path;
    private final ScenarioResult result;
    private final long minIntervalNanos;
    private long lastWrite;

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

    /** Writes if the last write is older than the interval. */
    public synchronized void checkpoint() {
        if (System.nanoTime() - lastWrite >= minIntervalNanos) write();
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
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
