package dev.litebench.bench.http;

import java.io.Closeable;
import java.io.IOException;

/** The byte transport under an {@link HttpConnection}: writes, and reads stamped with their arrival time. */
interface Wire extends Closeable {

    void write(byte[] bytes) throws IOException;

    /** The next bytes received, or null at end of stream; waits at most the read timeout. */
    Received read() throws IOException;

    @Override
    void close();

    /** {@code length} bytes of {@code bytes}, received at {@code nanos} ({@link System#nanoTime()}). */
    record Received(byte[] bytes, int length, long nanos) {}
}
