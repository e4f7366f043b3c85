package dev.litebench.bench.http;

/** Receives a response body as it arrives, each piece stamped with the {@link System#nanoTime()} of its read. */
@FunctionalInterface
public interface BodySink {
    void accept(byte[] bytes, int offset, int length, long arrivalNanos);
}
