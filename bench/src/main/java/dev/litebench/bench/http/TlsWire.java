package dev.litebench.bench.http;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * TLS over a plain connection of the transport's {@link ReadLoop}: the ciphertext is read, and stamped (by the kernel
 * where it can), like any other connection's bytes, and the request's thread decrypts it with an {@link SSLEngine}.
 * Each piece of plaintext carries the stamp of the read that completed its TLS record, so HTTPS streams are timed
 * as exactly as plain ones; a TLS socket read by the request's own thread was stamped only when that thread ran.
 */
final class TlsWire implements Wire {
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final ChannelWire raw;
    private final SSLEngine engine;
    /** Received ciphertext not yet decrypted, ready to read. */
    private ByteBuffer netIn = ByteBuffer.allocate(0);
    private ByteBuffer plain;
    private ByteBuffer netOut;
    private long lastStamp;

    private TlsWire(ChannelWire raw, SSLEngine engine) {
        this.raw = raw;
        this.engine = engine;
        this.plain = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    }

    /**
     * Shakes hands with the server at {@code host}, whose certificate must name it (as browsers require), using the
     * JDK's default trust (which {@code -Djavax.net.ssl.trustStore} changes).
     */
    static TlsWire connect(ChannelWire raw, String host, int port) throws IOException {
        SSLEngine engine;
        try {
            engine = SSLContext.getDefault().createSSLEngine(host, port);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new SSLException("no TLS implementation: " + e.getMessage(), e);
        }
        engine.setUseClientMode(true);
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(params);
        TlsWire wire = new TlsWire(raw, engine);
        engine.beginHandshake();
        wire.handshake();
        return wire;
    }

    private void handshake() throws IOException {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrap(NOTHING);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (unwrap() < 0 && !receive()) throw new EOFException("the server closed the connection during the TLS handshake");
                }
                case NEED_TASK -> runTasks();
                case FINISHED, NOT_HANDSHAKING -> {
                    return;
                }
            }
        }
    }

    private void runTasks() {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) task.run();
    }

    /**
     * Decrypts what has been received into {@link #plain}: the plaintext bytes it produced (0 for a record without
     * any, such as a session ticket), or -1 when a whole record has not arrived yet.
     */
    private int unwrap() throws IOException {
        while (true) {
            SSLEngineResult r = engine.unwrap(netIn, plain);
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    return -1;
                }
                case BUFFER_OVERFLOW -> plain = grow(plain, engine.getSession().getApplicationBufferSize());
                case OK, CLOSED -> {
                    return r.bytesProduced();
                }
            }
        }
    }

    /** Appends the next read's ciphertext; false at the end of the stream. */
    private boolean receive() throws IOException {
        Received r = raw.read();
        if (r == null) return false;
        ByteBuffer joined = ByteBuffer.allocate(netIn.remaining() + r.length());
        joined.put(netIn).put(r.bytes(), 0, r.length()).flip();
        netIn = joined;
        lastStamp = r.nanos();
        return true;
    }

    private void wrap(ByteBuffer src) throws IOException {
        while (true) {
            netOut.clear();
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = grow(netOut, engine.getSession().getPacketBufferSize());
                continue;
            }
            if (r.getStatus() == SSLEngineResult.Status.CLOSED && r.bytesProduced() == 0) throw new SSLException("the TLS session is closed");
            netOut.flip();
            if (netOut.hasRemaining()) raw.write(Arrays.copyOfRange(netOut.array(), 0, netOut.limit()));
            if (!src.hasRemaining() || r.getStatus() != SSLEngineResult.Status.OK) return;
        }
    }

    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(atLeast, 2 * b.capacity()));
        b.flip();
        return bigger.put(b);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        ByteBuffer src = ByteBuffer.wrap(bytes);
        while (src.hasRemaining()) wrap(src);
    }

    /** The next plaintext, stamped with the arrival of the read that completed its record; null at the end. */
    @Override
    public Received read() throws IOException {
        while (true) {
            plain.clear();
            int n = unwrap();
            if (n > 0) return new Received(Arrays.copyOf(plain.array(), n), n, lastStamp);
            if (engine.isInboundDone()) return null;
            // a post-handshake message (a session ticket, a key update) may want an answer
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> wrap(NOTHING);
                default -> { }
            }
            if (n < 0 && !receive()) return null;
        }
    }

    @Override
    public void close() {
        engine.closeOutbound();
        try {
            wrap(NOTHING); // close_notify
        } catch (IOException | RuntimeException ignored) {
            // best effort: the connection is going away
        }
        raw.close();
    }
}
