package dev.litebench.bench.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code text/event-stream} body into events as bytes arrive. Each event keeps the arrival stamp of
 * the read that completed it; its JSON is left unparsed so that nothing slow runs while the stream is live.
 * Comment lines ({@code :keep-alive}) and fields other than {@code data} are skipped, as the SSE spec says.
 */
public final class SseParser implements BodySink {
    private final List<SseEvent> events = new ArrayList<>();
    private byte[] line = new byte[1024];
    private int lineLength;
    private StringBuilder data;
    private boolean done;

    @Override
    public void accept(byte[] bytes, int offset, int length, long arrivalNanos) {
        for (int i = offset, end = offset + length; i < end; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                endLine(arrivalNanos);
            } else {
                if (lineLength == line.length) line = java.util.Arrays.copyOf(line, line.length * 2);
                line[lineLength++] = b;
            }
        }
    }

    private void endLine(long arrivalNanos) {
        int n = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        lineLength = 0;
        if (n == 0) {
            if (data != null) {
                String d = data.toString();
                events.add(new SseEvent(arrivalNanos, d));
                if (d.equals("[DONE]")) done = true;
                data = null;
            }
            return;
        }
        if (n >= 5 && line[0] == 'd' && line[1] == 'a' && line[2] == 't' && line[3] == 'a' && line[4] == ':') {
            int start = n > 5 && line[5] == ' ' ? 6 : 5;
            String value = new String(line, start, n - start, StandardCharsets.UTF_8);
            if (data == null) data = new StringBuilder(value);
            else data.append('\n').append(value);
        }
    }

    public List<SseEvent> events() {
        return events;
    }

    /** Whether the {@code [DONE]} sentinel arrived. */
    public boolean done() {
        return done;
    }

    /** One server-sent event: its data and the nanoTime at which its last byte arrived. */
    public record SseEvent(long arrivalNanos, String data) {}
}
