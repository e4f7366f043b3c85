package dev.litebench.engine;

/**
 * Input the user can fix: a corrupt model file, an unsupported architecture, a malformed template or message.
 * The message is one line that names the problem; callers print it as is.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
