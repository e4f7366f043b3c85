package dev.litebench.bench.http;

import java.util.Map;

/** Status line and headers (names lower-cased) of a response, and the nanoTime when its last byte arrived. */
public record ResponseHead(int status, Map<String, String> headers, long arrivalNanos) {

    boolean chunked() {
        String te = headers.get("transfer-encoding");
        return te != null && te.toLowerCase(java.util.Locale.ROOT).contains("chunked");
    }

    long contentLength() {
        String cl = headers.get("content-length");
        if (cl == null) return -1;
        try {
            return Long.parseLong(cl.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    boolean keepAlive() {
        String c = headers.get("connection");
        return c == null || !c.toLowerCase(java.util.Locale.ROOT).contains("close");
    }
}
