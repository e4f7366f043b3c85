package dev.litebench.engine.template;

/**
 * A runtime error raised while evaluating template code, the counterpart of a Python exception inside jinja2.
 * The interpreter attaches the line of the innermost expression and turns it into a {@link TemplateException}.
 */
final class PyException extends RuntimeException {
    PyException(String message) {
        super(message, null, false, false);
    }
}
