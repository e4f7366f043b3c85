package dev.litebench.server;

import dev.litebench.engine.BadInputException;
import dev.litebench.engine.runtime.Engine;
import dev.litebench.engine.runtime.Warmup;
import io.helidon.http.DirectHandler;
import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
        requireFreePort(options.host(), options.port());
        WebServer web = WebServer.builder()
                .host(options.host())
                .port(options.port())
                .routing(routing)
                .directHandlers(direct.build())
                .build()
                .start();
        if (!web.isRunning()) throw cannotListen(options.host(), options.port(), "the web server did not start");
        Thread.ofPlatform().name("litebench-model-loader").start(() -> load(slot, loader, options.warmup(), log));
        return new LiteBenchServer(web, slot);
    }

    /** Helidon only logs a failed bind; trying the address first turns the usual case into a one-line error. */
    private static void requireFreePort(String host, int port) {
        if (port == 0) return;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw cannotListen(host, port, e.getMessage());
        }
    }

    private static UncheckedIOException cannotListen(String host, int port, String why) {
        return new UncheckedIOException(new BindException("cannot listen on " + host + ":" + port + ": " + why));
    }

    /**
     * Loads the model and allocates its whole KV pool at once (a pool the heap cannot hold fails now, not under
     * load), then warms it up when asked to. A failed warm-up is logged and the model served anyway: its requests
     * will say what is wrong.
     */
    private static void load(ModelSlot slot, Supplier<Engine> loader, boolean warmup, PrintStream log) {
        Engine engine = null;
        try {
            engine = loader.get();
            engine.cache().allocateAll();
            ServedModel served = ServedModel.of(slot.name(), engine);
            if (warmup) {
                try {
                    served = served.warmedUp(Warmup.run(engine, served.prompts()::warmupTokens, ServerOptions.WARMUP_BUDGET_NANOS));
                } catch (RuntimeException e) {
                    log.println("litebench: the warm-up failed (" + e.getMessage() + "); serving anyway");
                }
            }
            slot.loaded(served);
        } catch (OutOfMemoryError e) {
            String what = engine == null ? "the model" : "a KV cache of " + engine.cache().blocks() * engine.cache().blockBytes() + " bytes";
            if (engine != null) engine.close();
            slot.failed(new BadInputException(what + " does not fit in the Java heap; use a smaller --kv-cache-size "
                    + "or give the JVM more heap (LITEBENCH_JAVA_OPTS=-Xmx...)"));
        } catch (Throwable t) {
            if (engine != null) engine.close();
            slot.failed(t);
        }
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

    /** The loaded model's warm-up, or null when it had none (waits for the load like {@link #awaitModel()}). */
    public Warmup.Result awaitWarmup() throws InterruptedException {
        return slot.await().warmup();
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
