package dev.litebench.bench.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A blocking socket read by the calling (virtual) thread, stamped when {@code read} returns; used for TLS, whose
 * records must be decrypted in order on the reading thread anyway.
 */
final class SocketWire implements Wire {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[64 * 1024];

    SocketWire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The array is reused by the next read: the caller consumes it first. */
    @Override
    public Received read() throws IOException {
        int n = in.read(buf, 0, buf.length);
        long now = System.nanoTime();
        return n <= 0 ? null : new Received(buf, n, now);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
