package dev.litebench.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test support: renders small templates against a fixed set of variables. The expected strings in the unit tests
 * were produced by Python jinja2 3.1.6 configured as transformers configures it, over the same variables.
 */
final class Templates {
    static final Clock FIXED_NOW =
            Clock.fixed(LocalDateTime.of(2025, 3, 14, 15, 9, 26).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    /** The variables every test template sees (mirrored on the Python side when the expectations were made). */
    static final Map<String, Object> VARS = new HashMap<>();

    static {
        VARS.put("xs", List.of(1L, 2L, 3L));
        VARS.put("d", map("a", 1L, "b", List.of(1L, 2L)));
        VARS.put("s", "héllo wörld");
        VARS.put("e", "a😀b");
        VARS.put("n", null);
        VARS.put("t", true);
        VARS.put("f", 1.5);
        VARS.put("big", new BigInteger("12345678901234567890"));
        VARS.put("empty", List.of());
        VARS.put("users", List.of(map("name", "bob", "age", 30L), map("name", "Alice", "age", 25L),
                map("name", "carl", "age", 30L)));
    }

    private Templates() {
    }

    /** An insertion-ordered map from alternating keys and values. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static String render(String template) {
        return ChatTemplate.parse(template, FIXED_NOW).render(VARS);
    }

    static void assertRenders(String template, String expected) {
        assertThat(render(template)).as(template).isEqualTo(expected);
    }

    /** Asserts that parsing or rendering fails with exactly this message. */
    static void assertFails(String template, String message) {
        assertThatThrownBy(() -> render(template)).as(template).isInstanceOf(TemplateException.class)
                .hasMessage(message);
    }
}
