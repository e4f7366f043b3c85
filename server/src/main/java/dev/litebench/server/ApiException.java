package dev.litebench.server;

import io.helidon.http.Status;

/**
 * A request the API answers with an error: the HTTP status and the fields of OpenAI's error object
 * {@code {"error": {"message", "type", "param", "code"}}}. The message is one line meant for the client.
 */
final class ApiException extends RuntimeException {
    private final Status status;
    private final String type;
    private final String param;
    private final String code;

    ApiException(Status status, String type, String code, String param, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    static ApiException badRequest(String param, String message) {
        return new ApiException(Status.BAD_REQUEST_400, "invalid_request_error", null, param, message);
    }

    static ApiException notFound(String code, String param, String message) {
        return new ApiException(Status.NOT_FOUND_404, "invalid_request_error", code, param, message);
    }

    Status status() {
        return status;
    }

    String type() {
        return type;
    }

    String param() {
        return param;
    }

    String code() {
        return code;
    }
}
