package dev.litebench.engine.template;

import dev.litebench.engine.BadInputException;

/**
 * A chat template that cannot be parsed or that failed while rendering. The message is one line: either
 * {@code chat template line N: <problem>}, or, when the template itself called {@code raise_exception(msg)},
 * exactly {@code msg}.
 */
public final class TemplateException extends BadInputException {
    private final boolean raisedByTemplate;

    TemplateException(String message, boolean raisedByTemplate) {
        super(message);
        this.raisedByTemplate = raisedByTemplate;
    }

    static TemplateException at(int line, String problem) {
        return new TemplateException("chat template line " + line + ": " + problem, false);
    }

    /** True when the template called {@code raise_exception(...)}; the message is then the template's own text. */
    public boolean raisedByTemplate() {
        return raisedByTemplate;
    }
}
