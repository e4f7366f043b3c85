package dev.litebench.server;

import io.helidon.http.Status;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/** The served model: loading in the background while the server already answers {@code /health} with 503. */
final class ModelSlot implements AutoCloseable {
    private final String name;
    private final CompletableFuture<ServedModel> model = new CompletableFuture<>();

    ModelSlot(String name) {
        this.name = name;
    }

    /** The name clients use in {@code "model"}. */
    String name() {
        return name;
    }

    /** Called once by the loader; a model that arrives after {@link #close()} is closed at once. */
    void loaded(ServedModel loaded) {
        if (!model.complete(loaded)) loaded.engine().close();
    }

    void failed(Throwable failure) {
        model.completeExceptionally(failure);
    }

    boolean ready() {
        return model.isDone() && !model.isCompletedExceptionally();
    }

    /** The loaded model, or a 503 while it is loading (or failed to load). */
    ServedModel get() {
        if (!ready()) {
            throw new ApiException(Status.SERVICE_UNAVAILABLE_503, "unavailable_error", "model_loading", null,
                    "the model is not loaded; retry when GET /health answers 200");
        }
        return model.join();
    }

    void ifLoaded(Consumer<ServedModel> action) {
        if (ready()) action.accept(model.join());
    }

    /** Waits for the load to end; rethrows its failure. */
    ServedModel await() throws InterruptedException {
        try {
            return model.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException("loading the model failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        model.cancel(false);
        ifLoaded(m -> m.engine().close());
    }
}
