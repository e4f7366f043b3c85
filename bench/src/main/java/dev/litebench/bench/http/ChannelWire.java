package dev.litebench.bench.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

/** A plain TCP connection whose reads are done and stamped by a {@link ReadLoop}. */
final class ChannelWire implements Wire {
    private static final long WRITE_RETRY_NANOS = 50_000;

    private final SocketChannel channel;
    private final ReadLoop.Inbox inbox;
    private final long readTimeoutNanos;

    ChannelWire(SocketChannel channel, ReadLoop loop, long readTimeoutNanos) throws IOException {
        this.channel = channel;
        this.inbox = loop.register(channel);
        this.readTimeoutNanos = readTimeoutNanos;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            if (channel.write(b) == 0) LockSupport.parkNanos(WRITE_RETRY_NANOS);
        }
    }

    @Override
    public Received read() throws IOException {
        return inbox.take(readTimeoutNanos);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
