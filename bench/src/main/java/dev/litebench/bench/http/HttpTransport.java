package dev.litebench.bench.http;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Requests to one endpoint over a pool of keep-alive connections. A request that fails on a reused connection
 * before any byte of the response arrived (the server closed the idle connection) is retried once on a new one.
 */
public final class HttpTransport implements Closeable {
    private final Endpoint endpoint;
    private final Map<String, String> defaultHeaders;
    private final int connectTimeoutMs;
    private final int readTimeoutMs;
    private final ConcurrentLinkedDeque<HttpConnection> idle = new ConcurrentLinkedDeque<>();
    private final ReadLoop readLoop;

    public HttpTransport(Endpoint endpoint, String apiKey, int connectTimeoutMs, int readTimeoutMs) {
        this.endpoint = endpoint;
        this.connectTimeoutMs = connectTimeoutMs;
        this.readTimeoutMs = readTimeoutMs;
        Map<String, String> h = new LinkedHashMap<>();
        h.put("User-Agent", "litebench");
        if (apiKey != null && !apiKey.isEmpty()) h.put("Authorization", "Bearer " + apiKey);
        this.defaultHeaders = Map.copyOf(h);
        this.readLoop = new ReadLoop();
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** Where this transport's arrival timestamps have come from so far. */
    public ArrivalStamps arrivalStamps() {
        return readLoop.stamps();
    }

    /** Sends a request and feeds the response to {@code handler} as it arrives. */
    public void exchange(String method, String path, Map<String, String> headers, byte[] body, ResponseHandler handler)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>(defaultHeaders);
        all.putAll(headers);
        HttpConnection pooled = idle.pollFirst();
        if (pooled != null) {
            try {
                run(pooled, 0, method, path, all, body, handler);
                return;
            } catch (StaleConnection e) {
                pooled.close();
            } catch (IOException | RuntimeException e) {
                pooled.close();
                throw e;
            }
        }
        HttpConnection fresh = HttpConnection.open(endpoint, connectTimeoutMs, readTimeoutMs, readLoop);
        try {
            run(fresh, fresh.connectNanos(), method, path, all, body, handler);
        } catch (StaleConnection e) {
            fresh.close();
            throw (IOException) e.getCause();
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw e;
        }
    }

    private void run(HttpConnection c, long connectNanos, String method, String path, Map<String, String> headers,
                     byte[] body, ResponseHandler handler) throws IOException {
        long before = c.bytesRead();
        long sent;
        ResponseHead head;
        try {
            c.send(method, path, headers, body);
            sent = System.nanoTime();
            head = c.readHead();
        } catch (IOException e) {
            if (c.bytesRead() == before && !(e instanceof SocketTimeoutException)) throw new StaleConnection(e);
            throw e;
        }
        handler.onHead(head, sent, connectNanos);
        if (c.readBody(head, handler)) {
            idle.addFirst(c);
        } else {
            c.close();
        }
    }

    /** A request with a complete body in memory; for small calls such as /v1/models and /tokenize. */
    public Response call(String method, String path, byte[] body) throws IOException {
        Map<String, String> headers = body == null ? Map.of() : Map.of("Content-Type", "application/json");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int[] status = new int[1];
        exchange(method, path, headers, body, new ResponseHandler() {
            @Override
            public void onHead(ResponseHead head, long sentNanos, long connectNanos) {
                status[0] = head.status();
            }

            @Override
            public void accept(byte[] b, int off, int len, long arrivalNanos) {
                bytes.write(b, off, len);
            }
        });
        return new Response(status[0], bytes.toByteArray());
    }

    @Override
    public void close() {
        for (HttpConnection c; (c = idle.pollFirst()) != null; ) c.close();
        readLoop.close();
    }

    public record Response(int status, byte[] body) {
        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** No byte of the response arrived: on a pooled connection the server had most likely closed it, so retry. */
    private static final class StaleConnection extends IOException {
        StaleConnection(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
