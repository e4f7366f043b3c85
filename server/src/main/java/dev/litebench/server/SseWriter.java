package dev.litebench.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events as OpenAI streams them: {@code data: <json>} per event, flushed at once, then
 * {@code data: [DONE]}. Any failure to write means the client is gone and surfaces as an {@link IOException}.
 */
final class SseWriter implements AutoCloseable {
    private static final byte[] PREFIX = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;

    SseWriter(ServerResponse res) {
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header("X-Accel-Buffering", "no");
        this.out = res.outputStream();
    }

    void send(JsonNode event) throws IOException {
        byte[] json = Json.bytes(event);
        byte[] frame = new byte[PREFIX.length + json.length + END_OF_EVENT.length];
        System.arraycopy(PREFIX, 0, frame, 0, PREFIX.length);
        System.arraycopy(json, 0, frame, PREFIX.length, json.length);
        System.arraycopy(END_OF_EVENT, 0, frame, PREFIX.length + json.length, END_OF_EVENT.length);
        write(frame);
    }

    void done() throws IOException {
        write(DONE);
    }

    private void write(byte[] frame) throws IOException {
        try {
            out.write(frame);
            out.flush();
        } catch (RuntimeException e) { // Helidon reports a closed connection with unchecked exceptions
            throw new IOException("the client disconnected", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (RuntimeException e) {
            throw new IOException("the client disconnected", e);
        }
    }
}
