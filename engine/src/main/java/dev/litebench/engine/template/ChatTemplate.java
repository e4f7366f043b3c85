package dev.litebench.engine.template;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face chat template: a Jinja2 template rendered with the semantics of transformers'
 * {@code apply_chat_template} (jinja2's ImmutableSandboxedEnvironment with {@code trim_blocks},
 * {@code lstrip_blocks}, loop controls, lenient undefined, no autoescape; {@code tojson} as Python's
 * {@code json.dumps}; {@code raise_exception} and {@code strftime_now} globals).
 *
 * <p>Parse once, render many times; a parsed template is immutable and thread-safe.
 */
public final class ChatTemplate {
    private final List<Stmt> body;
    private final Clock clock;

    private ChatTemplate(List<Stmt> body, Clock clock) {
        this.body = body;
        this.clock = clock;
    }

    /** Parses a template whose {@code strftime_now} reads the system clock in the default time zone. */
    public static ChatTemplate parse(String source) {
        return parse(source, Clock.systemDefaultZone());
    }

    /**
     * Parses a template whose {@code strftime_now} reads the local date and time from {@code clock}.
     *
     * @throws TemplateException on a syntax error or a construct this renderer does not support
     */
    public static ChatTemplate parse(String source, Clock clock) {
        try {
            return new ChatTemplate(Parser.parse(source), clock);
        } catch (StackOverflowError e) {
            throw new TemplateException("chat template nested too deeply", false);
        }
    }

    /**
     * Renders the template with these variables ({@code messages}, {@code tools}, {@code add_generation_prompt},
     * {@code bos_token}, ...). Values are plain Java objects: {@code Map<String, Object>} (iterated in its own order),
     * {@code List}, {@code String}, {@code Long}/{@code Integer}/{@code Double}/{@code BigDecimal}, {@code Boolean},
     * and null for Python's None. A variable left out is undefined to the template, one mapped to null is None.
     *
     * @throws TemplateException when the template fails, including its own {@code raise_exception(...)}
     */
    public String render(Map<String, Object> variables) {
        return new Interpreter(Globals.create(clock), Limits.MAX_WORK).render(body, variables);
    }
}
