package dev.litebench.engine.runtime;

import dev.litebench.engine.generate.ThinkingSplitter;
import dev.litebench.engine.generate.TokenLogprobs;

/**
 * Receives one generation's output. Called on the engine's scheduler thread, in order: must return quickly and
 * never block (hand the data to another thread to do I/O).
 */
public interface GenerationListener {
    /**
     * A generated token and the text it completes ({@code text} may be empty: part of a character, or a stop
     * string candidate held back). {@code logprobs} is null unless requested.
     */
    void onToken(int token, ThinkingSplitter.Delta text, TokenLogprobs logprobs);

    /** The end: {@code tail} is text that was held back until the end. */
    void onComplete(ThinkingSplitter.Delta tail, GenerationResult result);

    /** The request failed; no further calls follow. */
    void onError(RuntimeException error);
}
