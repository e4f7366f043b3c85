package dev.litebench.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Server-sent events as OpenAI streams them: {@code data: <json>} per event, flushed at once, then {@code data: [DONE]}. */
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
        out.write(PREFIX);
        out.write(Json.bytes(event));
        out.write(END_OF_EVENT);
        out.flush();
    }

    void done() throws IOException {
        out.write(DONE);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
