package dev.litebench.engine.runtime;

/** Why a generation ended, named as in the OpenAI API where it has a name. */
public enum FinishReason {
    /** An end-of-generation token, a stop token id or a stop string. */
    STOP,
    /** max_tokens reached, or the sequence's context is full. */
    LENGTH,
    /** The caller cancelled (e.g. the client disconnected). */
    CANCELLED;

    public String apiName() {
        return switch (this) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case CANCELLED -> "cancelled";
        };
    }
}
