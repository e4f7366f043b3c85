package dev.litebench.bench.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.bench.measure.StreamingClient;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An OpenAI-compatible server on 127.0.0.1 that streams tokens on an exactly known schedule
 * ({@link LoopbackBehavior}), one virtual thread per connection. It powers {@code litebench bench --calibrate}
 * and the bench's tests. For each request that names itself with {@link StreamingClient#REQUEST_ID_HEADER} it
 * records when each token chunk's write returned, on the same {@link System#nanoTime()} clock as the client, so
 * the client's measurement error can be computed exactly.
 */
public final class LoopbackServer implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PREFIX_MEMORY = 64;

    private final LoopbackBehavior behavior;
    private final ServerSocket socket;
    private final long startNanos = System.nanoTime();
    private final AtomicInteger generationRequests = new AtomicInteger();
    private final AtomicInteger activeStreams = new AtomicInteger();
    private final Map<String, StreamLog> logs = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<List<Integer>> recentPrompts = new ConcurrentLinkedDeque<>();
    private final List<Socket> open = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean recordStreams;

    private LoopbackServer(LoopbackBehavior behavior, ServerSocket socket) {
        this.behavior = behavior;
        this.socket = socket;
    }

    /** Starts on a free port (or {@code port} when non-zero). */
    public static LoopbackServer start(LoopbackBehavior behavior, int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
        LoopbackServer server = new LoopbackServer(behavior, s);
        Thread.ofVirtual().name("loopback-accept").start(server::acceptLoop);
        return server;
    }

    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    public LoopbackBehavior behavior() {
        return behavior;
    }

    /** Generation requests received so far. */
    public int generationRequests() {
        return generationRequests.get();
    }

    /** Keep a {@link StreamLog} of every named request (for calibration). */
    public void recordStreams(boolean on) {
        recordStreams = on;
    }

    /** What the server did for the request with this id, or null. */
    public StreamLog log(String requestId) {
        return logs.get(requestId);
    }

    /**
     * The server's own record of one stream: when the request arrived, when each token chunk was due, and when
     * its write started (the chunk cannot arrive before) and returned.
     */
    public record StreamLog(long arrivalNanos, long[] chunkDueNanos, long[] chunkWriteStartNanos, long[] chunkWrittenNanos) {}

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket c = socket.accept();
                c.setTcpNoDelay(true);
                open.add(c);
                Thread.ofVirtual().name("loopback-conn").start(() -> serve(c));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket c) {
        try (c) {
            InputStream in = new BufferedInputStream(c.getInputStream());
            OutputStream out = new BufferedOutputStream(c.getOutputStream(), 16 * 1024);
            while (true) {
                Request r = Request.read(in);
                if (r == null) return;
                if (!route(r, out, c)) return;
            }
        } catch (IOException e) {
            // the client went away; nothing to do
        } finally {
            open.remove(c);
        }
    }

    /** Answers one request; false when the connection must close. */
    private boolean route(Request r, OutputStream out, Socket c) throws IOException {
        String path = r.path.contains("?") ? r.path.substring(0, r.path.indexOf('?')) : r.path;
        switch (r.method + " " + path) {
            case "GET /health" -> {
                boolean loading = System.nanoTime() - startNanos < behavior.loadingMs * 1_000_000;
                respond(out, loading ? 503 : 200, loading ? "{\"error\":{\"message\":\"Loading model\"}}" : "{\"status\":\"ok\"}");
            }
            case "GET /v1/models" -> respond(out, 200, "{\"object\":\"list\",\"data\":[{\"id\":" + JSON.writeValueAsString(behavior.model)
                    + ",\"object\":\"model\",\"owned_by\":\"litebench\"}]}");
            case "GET /version" -> respond(out, 200, "{\"version\":\"loopback-1\"}");
            case "POST /tokenize" -> {
                if (!behavior.tokenizeEndpoint) return respond(out, 404, "{\"error\":{\"message\":\"not found\"}}");
                JsonNode body = JSON.readTree(r.body);
                List<Integer> ids = body.has("messages") ? chatTokens(body.path("messages").path(0).path("content").asText())
                        : WordTokenizer.encode(body.path("prompt").asText(""));
                ObjectNode o = JSON.createObjectNode();
                o.put("count", ids.size());
                o.put("max_model_len", 32768);
                ArrayNode arr = o.putArray("tokens");
                ids.forEach(arr::add);
                respond(out, 200, JSON.writeValueAsString(o));
            }
            case "POST /v1/chat/completions" -> {
                return generate(r, out, c, true);
            }
            case "POST /v1/completions" -> {
                return generate(r, out, c, false);
            }
            default -> respond(out, 404, "{\"error\":{\"message\":\"no route " + r.method + " " + path + "\"}}");
        }
        return true;
    }

    private boolean respond(OutputStream out, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return true;
    }

    private List<Integer> chatTokens(String content) {
        List<Integer> ids = new ArrayList<>();
        int template = behavior.chatTemplateTokens;
        int before = Math.min(3, template);
        for (int i = 0; i < before; i++) ids.add(-1 - i);
        ids.addAll(WordTokenizer.encode(content));
        for (int i = before; i < template; i++) ids.add(-1 - i);
        return ids;
    }

    private boolean generate(Request r, OutputStream out, Socket c, boolean chat) throws IOException {
        long arrival = System.nanoTime();
        int n = generationRequests.incrementAndGet();
        JsonNode body = JSON.readTree(r.body);
        LoopbackBehavior b = behavior;
        if (b.failEvery > 0 && n % b.failEvery == 0) {
            return respond(out, b.failStatus, "{\"error\":{\"message\":\"injected failure\",\"code\":" + b.failStatus + "}}");
        }
        boolean forced = body.path("ignore_eos").asBoolean(false) || body.has("min_tokens");
        if (b.rejectLengthControl && (body.has("ignore_eos") || body.has("min_tokens"))) {
            return respond(out, 400, "{\"error\":{\"message\":\"Unrecognized request argument supplied: ignore_eos\"}}");
        }
        int maxTokens = body.path("max_tokens").asInt(16);
        int outputTokens = forced ? maxTokens : Math.min(maxTokens, b.naturalLength);
        boolean includeUsage = b.usage && body.path("stream_options").path("include_usage").asBoolean(false);
        List<Integer> prompt = chat ? chatTokens(body.path("messages").path(0).path("content").asText(""))
                : WordTokenizer.encode(body.path("prompt").asText(""));
        int cached = b.reportCachedTokens ? rememberPrompt(prompt) : -1;
        int dropAfter = b.dropEvery > 0 && n % b.dropEvery == 0 ? b.dropAfterChunks : -1;
        String id = r.headers.get(StreamingClient.REQUEST_ID_HEADER.toLowerCase(Locale.ROOT));

        pauseUntil(arrival + millis(b.headerDelayMs));
        out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        ChunkWriter w = new ChunkWriter(out, chat, b.model);
        if (b.emptyFirstChunk) w.empty();
        out.flush();

        int chunkCount = (outputTokens + b.tokensPerChunk - 1) / b.tokensPerChunk;
        long[] writeStart = new long[chunkCount];
        long[] written = new long[chunkCount];
        long[] due = new long[chunkCount];
        activeStreams.incrementAndGet();
        try {
            long tokenDue = arrival + millis(b.ttftMs + b.prefillPerTokenMs * prompt.size());
            int sent = 0;
            for (int chunk = 0; chunk < chunkCount; chunk++) {
                int k = Math.min(b.tokensPerChunk, outputTokens - sent);
                for (int j = 1; j < k; j++) tokenDue += itl(b);
                pauseUntil(tokenDue);
                if (chunk == dropAfter) {
                    c.close();
                    return false;
                }
                int reasoning = chat ? Math.max(0, Math.min(k, b.reasoningTokens - sent)) : 0;
                w.tokens(sent, k, reasoning, b.continuousUsage ? sent + k : -1, prompt.size());
                // formatted into the buffer first: the stamp is the start of the write itself
                writeStart[chunk] = System.nanoTime();
                out.flush();
                written[chunk] = System.nanoTime();
                due[chunk] = tokenDue;
                sent += k;
                tokenDue += itl(b);
            }
        } finally {
            activeStreams.decrementAndGet();
        }
        // logged before the stream ends, so a client that saw the end can read it
        if (recordStreams && id != null) logs.put(id, new StreamLog(arrival, due, writeStart, written));
        String timings = null;
        if (b.timings) {
            double promptMs = (written[0] - arrival) / 1e6;
            double predictedMs = (written[chunkCount - 1] - written[0]) / 1e6;
            timings = "{\"cache_n\":" + Math.max(cached, 0) + ",\"prompt_n\":" + (prompt.size() - Math.max(cached, 0))
                    + ",\"prompt_ms\":" + promptMs + ",\"predicted_n\":" + outputTokens + ",\"predicted_ms\":" + predictedMs
                    + ",\"queue_ms\":0.0}";
        }
        w.finish(forced || outputTokens == maxTokens ? "length" : "stop", timings);
        if (includeUsage) w.usage(prompt.size(), outputTokens, cached, Math.min(outputTokens, chat ? b.reasoningTokens : 0));
        w.done();
        out.flush();
        return true;
    }

    private long itl(LoopbackBehavior b) {
        return millis(b.itlMs + b.itlPerActiveMs * Math.max(0, activeStreams.get() - 1));
    }

    private int rememberPrompt(List<Integer> prompt) {
        int best = 0;
        for (List<Integer> p : recentPrompts) {
            int i = 0;
            while (i < p.size() && i < prompt.size() && p.get(i).equals(prompt.get(i))) i++;
            best = Math.max(best, i);
        }
        recentPrompts.addFirst(prompt);
        while (recentPrompts.size() > PREFIX_MEMORY) recentPrompts.pollLast();
        return best;
    }

    private static long millis(double ms) {
        return Math.round(ms * 1_000_000);
    }

    private static void pauseUntil(long deadline) {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        synchronized (open) {
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    /** One parsed HTTP/1.1 request. */
    private record Request(String method, String path, Map<String, String> headers, byte[] body) {

        static Request read(InputStream in) throws IOException {
            String line = line(in);
            if (line == null) return null;
            String[] parts = line.split(" ");
            if (parts.length < 2) throw new IOException("bad request line");
            Map<String, String> headers = new HashMap<>();
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                if (colon > 0) headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            if (body.length < length) throw new IOException("truncated body");
            return new Request(parts[0], parts[1], headers, body);
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream(128);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
                if (c != '\r') b.write(c);
            }
            return b.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
