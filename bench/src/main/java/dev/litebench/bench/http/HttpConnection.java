package dev.litebench.bench.http;

import javax.net.ssl.SSLHandshakeException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection, driven by one virtual thread at a time. Every read is stamped with its
 * arrival time before any parsing, and each body piece is handed on with the stamp of the read that brought it.
 * Every connection is read by the transport's {@link ReadLoop}, so the stamp does not wait for the virtual thread
 * to be scheduled; TLS is decrypted by the virtual thread ({@link TlsWire}), keeping the ciphertext's stamps.
 * The JDK HttpClient was not used because its selector thread hands bytes to the caller later, and in batches,
 * when a thousand streams are open, with no way to learn when they arrived.
 */
public final class HttpConnection implements Closeable {
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final Endpoint endpoint;
    private final Wire wire;
    private byte[] buf = new byte[0];
    private int pos;
    private int lim;
    private long readNanos;
    private long bytesRead;
    private final long connectNanos;

    private HttpConnection(Endpoint endpoint, Wire wire, long connectNanos) {
        this.endpoint = endpoint;
        this.wire = wire;
        this.connectNanos = connectNanos;
    }

    /** Connects (and for https shakes hands); the connection's bytes are read by {@code loop}. */
    static HttpConnection open(Endpoint e, int connectTimeoutMs, int readTimeoutMs, ReadLoop loop) throws IOException {
        long t0 = System.nanoTime();
        SocketChannel ch = SocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.socket().connect(new InetSocketAddress(e.host(), e.port()), connectTimeoutMs);
            ChannelWire plain = new ChannelWire(ch, loop, readTimeoutMs * 1_000_000L);
            Wire wire = e.tls() ? TlsWire.connect(plain, e.host(), e.port()) : plain;
            return new HttpConnection(e, wire, System.nanoTime() - t0);
        } catch (IOException ex) {
            ch.close();
            throw new ConnectFailedException(e, ex);
        }
    }

    /** Time the TCP (and TLS) handshake took. */
    public long connectNanos() {
        return connectNanos;
    }

    /** Bytes received on this connection so far; zero means the server never answered. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Writes a request in one piece. {@code body} may be null (GET). */
    public void send(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder h = new StringBuilder(256);
        h.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        h.append("Host: ").append(endpoint.host()).append(':').append(endpoint.port()).append("\r\n");
        headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) h.append("Content-Length: ").append(body.length).append("\r\n");
        h.append("\r\n");
        byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + (body == null ? 0 : body.length)];
        System.arraycopy(head, 0, all, 0, head.length);
        if (body != null) System.arraycopy(body, 0, all, head.length, body.length);
        wire.write(all);
    }

    public ResponseHead readHead() throws IOException {
        Map<String, String> headers = new HashMap<>();
        int total = 0;
        String statusLine = readLine();
        total += statusLine.length();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) throw new MalformedResponseException("bad status line '" + statusLine + "'");
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new MalformedResponseException("bad status line '" + statusLine + "'");
        }
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            total += line.length();
            if (total > MAX_HEADER_BYTES) throw new MalformedResponseException("response headers larger than 64 KiB");
            int colon = line.indexOf(':');
            if (colon > 0) headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                    (a, b) -> a + ", " + b);
        }
        return new ResponseHead(status, headers, readNanos);
    }

    /**
     * Reads the body (chunked, sized or until close) into {@code sink}. Returns whether the connection may be
     * reused for another request.
     */
    public boolean readBody(ResponseHead head, BodySink sink) throws IOException {
        if (head.chunked()) {
            while (true) {
                String sizeLine = readLine();
                int semi = sizeLine.indexOf(';');
                long size;
                try {
                    size = Long.parseLong((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).strip(), 16);
                } catch (NumberFormatException e) {
                    throw new MalformedResponseException("bad chunk size '" + sizeLine + "'");
                }
                if (size == 0) {
                    while (!readLine().isEmpty()) { /* trailers */ }
                    return head.keepAlive();
                }
                copy(size, sink);
                if (!readLine().isEmpty()) throw new MalformedResponseException("chunk not followed by CRLF");
            }
        }
        long length = head.contentLength();
        if (length >= 0) {
            copy(length, sink);
            return head.keepAlive();
        }
        do {
            if (pos < lim) sink.accept(buf, pos, lim - pos, readNanos);
            pos = lim;
        } while (fill());
        return false;
    }

    private void copy(long n, BodySink sink) throws IOException {
        while (n > 0) {
            if (pos == lim && !fill()) throw new EOFException("connection closed mid-body");
            int k = (int) Math.min(n, lim - pos);
            sink.accept(buf, pos, k, readNanos);
            pos += k;
            n -= k;
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (pos == lim && !fill()) {
                throw new EOFException(bytesRead == 0 ? "connection closed before any response" : "connection closed mid-response");
            }
            for (int i = pos; i < lim; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    String piece = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    if (line == null) return piece;
                    line.append(piece);
                    int n = line.length();
                    if (n > 0 && line.charAt(n - 1) == '\r') line.setLength(n - 1);
                    return line.toString();
                }
            }
            if (line == null) line = new StringBuilder();
            line.append(new String(buf, pos, lim - pos, StandardCharsets.ISO_8859_1));
            if (line.length() > MAX_HEADER_BYTES) throw new MalformedResponseException("line longer than 64 KiB");
            pos = lim;
        }
    }

    private boolean fill() throws IOException {
        Wire.Received r = wire.read();
        if (r == null) return false;
        buf = r.bytes();
        pos = 0;
        lim = r.length();
        readNanos = r.nanos();
        bytesRead += lim;
        return true;
    }

    @Override
    public void close() {
        wire.close();
    }

    /** No connection could be made (refused, unreachable, handshake failed or timed out). */
    public static final class ConnectFailedException extends IOException {
        ConnectFailedException(Endpoint e, IOException cause) {
            super("cannot connect to " + e.host() + ":" + e.port() + ": " + reason(cause), cause);
        }

        private static String reason(IOException cause) {
            if (cause instanceof SSLHandshakeException && cause.getMessage() != null
                    && (cause.getMessage().contains("PKIX") || cause.getMessage().contains("No subject alternative"))) {
                return "the server's TLS certificate is not trusted for this host (" + cause.getMessage()
                        + "); for a private CA run with LITEBENCH_JAVA_OPTS=\"-Djavax.net.ssl.trustStore=STORE.p12\"";
            }
            return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        }
    }

    /** The server sent something that is not HTTP/1.1. */
    public static final class MalformedResponseException extends IOException {
        MalformedResponseException(String message) {
            super(message);
        }
    }
}
