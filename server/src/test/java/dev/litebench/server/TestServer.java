package dev.litebench.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.litebench.engine.runtime.Engine;
import dev.litebench.engine.runtime.EngineOptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A server over the {@link TestModel} on a free port, with a plain HTTP client and the captured access log. */
final class TestServer implements AutoCloseable {
    static final String MODEL = "tiny";
    /** Four parallel sequences, 1024-token context, room in the KV pool for all of them. */
    static final EngineOptions ENGINE = new EngineOptions(2, 1024, 4, 0, 256, 32);

    private static TestServer shared;

    final LiteBenchServer server;
    final Engine engine;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TestServer(ServerOptions options, EngineOptions engineOptions) throws InterruptedException {
        server = LiteBenchServer.start(options, () -> Engine.load(TestModel.path(), engineOptions),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        engine = server.awaitModel();
    }

    static TestServer start(ServerOptions options, EngineOptions engineOptions) {
        try {
            return new TestServer(options, engineOptions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static ServerOptions options() {
        return new ServerOptions("127.0.0.1", 0, MODEL, null, ServerOptions.DEFAULT_MAX_BODY_BYTES);
    }

    /** One server for the tests that do not need their own settings; it lives as long as the test JVM. */
    static synchronized TestServer shared() {
        if (shared == null) shared = start(options(), ENGINE);
        return shared;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> post(String path, JsonNode body) {
        return post(path, body.toString());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String accessLog() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
    }
}
