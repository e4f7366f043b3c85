package dev.litebench.engine.runtime;

import dev.litebench.engine.BadInputException;

/** A request that can never fit the context, however long it waits (HTTP 400). */
public final class ContextOverflowException extends BadInputException {
    public ContextOverflowException(String message) {
        super(message);
    }
}
