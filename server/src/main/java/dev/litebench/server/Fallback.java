package dev.litebench.server;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Answers requests no route took: 405 with {@code Allow} for a known path, 404 otherwise. */
final class Fallback {
    /** Known paths (exact, or a prefix ending in '/') and the methods they accept. */
    private final Map<String, Method> routes = new TreeMap<>();

    void add(Method method, String path) {
        routes.put(path, method);
    }

    void handle(ServerRequest req, ServerResponse res) {
        String path = req.path().path();
        String allowed = routes.entrySet().stream()
                .filter(e -> e.getKey().equals(path) || (e.getKey().endsWith("/") && path.startsWith(e.getKey()) && path.length() > e.getKey().length()))
                .map(e -> e.getValue().text()).distinct().collect(Collectors.joining(", "));
        if (allowed.isEmpty()) {
            throw ApiException.notFound("not_found", null, "no such endpoint: " + req.prologue().method().text() + " " + path);
        }
        res.header(HeaderNames.ALLOW, allowed);
        throw new ApiException(Status.METHOD_NOT_ALLOWED_405, "invalid_request_error", "method_not_allowed", null,
                req.prologue().method().text() + " is not allowed on " + path + "; use " + allowed);
    }
}
