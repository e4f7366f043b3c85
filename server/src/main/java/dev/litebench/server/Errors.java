package dev.litebench.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.engine.BadInputException;
import dev.litebench.engine.runtime.QueueFullException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Maps failures to OpenAI error objects and sends them; nothing of a stack trace reaches the client. */
final class Errors {
    /** Seconds a client told 429 should wait before retrying. */
    static final int RETRY_AFTER_SECONDS = 1;

    private Errors() {}

    /** The API error for any failure while serving a request; unexpected ones become a 500 and are logged. */
    static ApiException toApi(Throwable t) {
        return switch (t) {
            case ApiException a -> a;
            case QueueFullException q -> new ApiException(Status.TOO_MANY_REQUESTS_429, "rate_limit_error", "queue_full", null,
                    q.getMessage() + "; retry later");
            case BadInputException b -> ApiException.badRequest(null, b.getMessage());
            default -> {
                System.err.println("litebench: internal error: " + t);
                if (System.getenv("LITEBENCH_DEBUG") != null) t.printStackTrace();
                yield new ApiException(Status.INTERNAL_SERVER_ERROR_500, "server_error", null, null,
                        "internal server error (" + t.getClass().getSimpleName() + ")");
            }
        };
    }

    static ObjectNode body(ApiException e) {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("message", e.getMessage());
        error.put("type", e.type());
        error.put("param", e.param());
        error.put("code", e.code());
        return root;
    }

    static void send(ServerResponse res, Throwable failure) {
        ApiException e = toApi(failure);
        res.status(e.status());
        if (e.status().code() == Status.TOO_MANY_REQUESTS_429.code()) {
            res.header(HeaderNames.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        }
        Json.send(res, body(e));
    }
}
