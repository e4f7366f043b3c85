package dev.litebench.server;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

/**
 * Answers what the web server rejects before routing (malformed HTTP, oversized headers) with the same OpenAI
 * error object as everything else.
 */
final class JsonDirectHandler implements DirectHandler {
    @Override
    public TransportResponse handle(TransportRequest request, EventType type, Status status, ServerResponseHeaders headers,
                                    String message) {
        String text = message == null || message.isBlank() ? status.reasonPhrase() : message.lines().findFirst().orElse("");
        ApiException e = new ApiException(status, status.code() >= 500 ? "server_error" : "invalid_request_error", null, null,
                "malformed HTTP request: " + text);
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .entity(Json.bytes(Errors.body(e)))
                .keepAlive(type.keepAlive())
                .build();
    }
}
