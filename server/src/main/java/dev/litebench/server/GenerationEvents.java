package dev.litebench.server;

import dev.litebench.engine.generate.ThinkingSplitter;
import dev.litebench.engine.generate.TokenLogprobs;
import dev.litebench.engine.runtime.GenerationListener;
import dev.litebench.engine.runtime.GenerationResult;

import java.util.concurrent.LinkedBlockingQueue;

/**
 * Hands one generation's callbacks from the engine's scheduler thread to the connection's thread: the listener
 * only enqueues (never blocks the scheduler); the connection takes events in order with {@link #next()}.
 */
final class GenerationEvents implements GenerationListener {

    sealed interface Event {}

    /** A generated token, the text it completed (possibly empty) and when it was produced. */
    record Token(int id, ThinkingSplitter.Delta text, TokenLogprobs logprobs, long nanos) implements Event {}

    /** The end: text held back until now, and the result. */
    record Done(ThinkingSplitter.Delta tail, GenerationResult result, long nanos) implements Event {}

    record Failed(RuntimeException error) implements Event {}

    private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();

    @Override
    public void onToken(int token, ThinkingSplitter.Delta text, TokenLogprobs logprobs) {
        queue.add(new Token(token, text, logprobs, System.nanoTime()));
    }

    @Override
    public void onComplete(ThinkingSplitter.Delta tail, GenerationResult result) {
        queue.add(new Done(tail, result, System.nanoTime()));
    }

    @Override
    public void onError(RuntimeException error) {
        queue.add(new Failed(error));
    }

    /** The next event, waiting for it. */
    Event next() throws InterruptedException {
        return queue.take();
    }
}
