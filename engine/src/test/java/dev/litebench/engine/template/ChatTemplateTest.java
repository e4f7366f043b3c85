package dev.litebench.engine.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The public API: the Java values a template accepts, the injectable clock, reuse of a parsed template. */
class ChatTemplateTest {
    @Test
    void acceptsPlainJavaValues() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("i", 7);
        vars.put("l", 7L);
        vars.put("dbl", 0.1);
        vars.put("flt", 1.5f);
        vars.put("bd", new BigDecimal("1.10"));
        vars.put("bi", BigInteger.TWO.pow(70));
        vars.put("yes", true);
        vars.put("nothing", null);
        vars.put("immutable", Map.of("k", "v"));
        vars.put("list", List.of(1, 2));
        vars.put("sorted", new TreeMap<>(Map.of("b", 2, "a", 1)));
        String template = "{{ i + l }}|{{ i == l }}|{{ dbl }}|{{ flt }}|{{ bd }}|{{ bd * 2 }}|{{ bi }}|{{ yes }}|"
                + "{{ nothing }}|{{ nothing is none }}|{{ missing is defined }}|{{ immutable.k }}|"
                + "{{ immutable.x is defined }}|{{ none in immutable }}|{{ list|sum }}|{{ sorted|list }}|"
                + "{{ [i, bd, bi, flt]|tojson }}";
        assertThat(ChatTemplate.parse(template).render(vars)).isEqualTo(
                "14|True|0.1|1.5|1.1|2.2|1180591620717411303424|True|None|True|False|v|False|False|3|['a', 'b']|"
                        + "[7, 1.1, 1180591620717411303424, 1.5]");
    }

    @Test
    void strftimeNowReadsTheInjectedClock() {
        Clock newYear = Clock.fixed(LocalDateTime.of(2026, 1, 1, 0, 30).toInstant(ZoneOffset.ofHours(2)),
                ZoneOffset.ofHours(2));
        String template = "{{ strftime_now('%d %b %Y %H:%M') }}";
        assertThat(ChatTemplate.parse(template, newYear).render(Map.of())).isEqualTo("01 Jan 2026 00:30");
        assertThat(ChatTemplate.parse("{{ strftime_now('%Y-%m-%d') }}").render(Map.of()))
                .matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void aParsedTemplateRendersManyTimesIndependently() {
        ChatTemplate template = ChatTemplate.parse("{% set ns = namespace(n=0) %}{% for m in messages %}"
                + "{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}{% set c = cycler('a', 'b') %}{{ c.next() }}");
        assertThat(template.render(Map.of("messages", List.of(1, 2)))).isEqualTo("2a");
        assertThat(template.render(Map.of("messages", List.of(1, 2, 3)))).isEqualTo("3a");
    }
}
