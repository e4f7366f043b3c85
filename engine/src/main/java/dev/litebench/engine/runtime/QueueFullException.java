package dev.litebench.engine.runtime;

/** The engine's request queue is at its bound; the caller should retry later (HTTP 429). */
public final class QueueFullException extends RuntimeException {
    public QueueFullException(String message) {
        super(message);
    }
}
