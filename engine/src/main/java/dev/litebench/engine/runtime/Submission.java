package dev.litebench.engine.runtime;

/** A request handed to the scheduler, and the handle its caller cancels it with. */
public final class Submission {
    private final GenerationRequest request;
    private final GenerationListener listener;
    final long submittedNanos = System.nanoTime();
    private volatile boolean cancelled;

    Submission(GenerationRequest request, GenerationListener listener) {
        this.request = request;
        this.listener = listener;
    }

    GenerationRequest request() {
        return request;
    }

    GenerationListener listener() {
        return listener;
    }

    /** Stops the generation at the next step and frees its cache; the listener gets onComplete with CANCELLED. */
    public void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }
}
