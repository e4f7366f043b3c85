package dev.litebench.server;

import dev.litebench.engine.runtime.Engine;
import io.helidon.http.DirectHandler;
import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.PrintStream;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.function.Supplier;

/**
 * The OpenAI-compatible HTTP server: Helidon SE on virtual threads (one per request, so a streaming response is
 * plain blocking writes), in front of one engine doing continuous batching. The server listens at once and loads
 * the model in the background; {@code /health} says 503 until it is ready.
 */
public final class LiteBenchServer implements AutoCloseable {
    /** Helidon's own startup and per-connection notices are noise next to the access log; warnings still show. */
    private static final Logger HELIDON_LOG = Logger.getLogger("io.helidon");

    static {
        HELIDON_LOG.setLevel(Level.WARNING);
    }

    private final WebServer web;
    private final ModelSlot slot;

    private LiteBenchServer(WebServer web, ModelSlot slot) {
        this.web = web;
        this.slot = slot;
    }

    /** Starts listening, then loads the model with {@code loader} on a background thread. Requests are logged to {@code log}. */
    public static LiteBenchServer start(ServerOptions options, Supplier<Engine> loader, PrintStream log) {
        ModelSlot slot = new ModelSlot(options.modelName());
        ServerMetrics metrics = new ServerMetrics(slot);
        Api api = new Api(slot, options.maxBodyBytes(), new GenerationResponder(metrics));
        HttpRouting.Builder routing = HttpRouting.builder();
        routing.addFilter(new AccessLog(log));
        if (options.apiKey() != null) routing.addFilter(new ApiKeyFilter(options.apiKey()));
        Fallback fallback = new Fallback();
        ChatCompletionsEndpoint chat = new ChatCompletionsEndpoint(api);
        CompletionsEndpoint completions = new CompletionsEndpoint(api);
        TokenizeEndpoints tokenize = new TokenizeEndpoints(api);
        InfoEndpoints info = new InfoEndpoints(slot);
        route(routing, fallback, Method.POST, "/v1/chat/completions", chat::handle);
        route(routing, fallback, Method.POST, "/v1/completions", completions::handle);
        route(routing, fallback, Method.GET, "/v1/models", info::models);
        route(routing, fallback, Method.GET, "/v1/models/{id}", info::model);
        route(routing, fallback, Method.POST, "/tokenize", tokenize::tokenize);
        route(routing, fallback, Method.POST, "/detokenize", tokenize::detokenize);
        route(routing, fallback, Method.GET, "/health", info::health);
        route(routing, fallback, Method.GET, "/version", info::version);
        route(routing, fallback, Method.GET, "/metrics", (req, res) -> {
            res.header("Content-Type", metrics.contentType());
            res.send(metrics.scrape());
        });
        routing.any(guarded(fallback::handle));
        DirectHandler json = new JsonDirectHandler();
        DirectHandlers.Builder direct = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) direct.addHandler(type, json);
        WebServer web = WebServer.builder()
                .host(options.host())
                .port(options.port())
                .routing(routing)
                .directHandlers(direct.build())
                .build()
                .start();
        Thread.ofPlatform().name("litebench-model-loader").start(() -> {
            try {
                slot.loaded(ServedModel.of(options.modelName(), loader.get()));
            } catch (Throwable t) {
                slot.failed(t);
            }
        });
        return new LiteBenchServer(web, slot);
    }

    /** A request handler that may throw: whatever it throws is answered with an OpenAI error object. */
    @FunctionalInterface
    interface Endpoint {
        void handle(ServerRequest req, ServerResponse res) throws Exception;
    }

    private static void route(HttpRouting.Builder routing, Fallback fallback, Method method, String path, Endpoint endpoint) {
        routing.route(method, path, guarded(endpoint));
        fallback.add(method, path.endsWith("{id}") ? path.substring(0, path.length() - "{id}".length()) : path);
    }

    private static Handler guarded(Endpoint endpoint) {
        return (req, res) -> {
            try {
                endpoint.handle(req, res);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer(res, new IllegalStateException("the server is shutting down"));
            } catch (Throwable t) {
                answer(res, t);
            }
        };
    }

    private static void answer(ServerResponse res, Throwable failure) {
        if (res.isSent()) return;
        try {
            Errors.send(res, failure);
        } catch (RuntimeException clientGone) {
            // the connection is closed: nobody is left to answer
        }
    }

    /** Waits until the model is loaded and returns it; throws what loading it threw. */
    public Engine awaitModel() throws InterruptedException {
        return slot.await().engine();
    }

    public int port() {
        return web.port();
    }

    @Override
    public void close() {
        web.stop();
        slot.close();
    }
}
