package dev.litebench.engine.template;

import static dev.litebench.engine.template.Templates.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.litebench.engine.BadInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parse errors, runtime errors, raise_exception, and the limits that stop hostile templates. */
class ErrorTest {
    @Test
    void syntaxErrorsNameTheProblemAndTheLine() {
        assertFails("line one\n{{ x | nosuch }}", "chat template line 2: unknown filter 'nosuch'");
        assertFails("a\nb\n{% if x is nosuch %}{% endif %}", "chat template line 3: unknown test 'nosuch'");
        assertFails("{% frobnicate %}", "chat template line 1: unknown tag 'frobnicate'");
        assertFails("{% if true %}\n{% endfor %}",
                "chat template line 2: unknown tag 'endfor', expected 'elif', 'else' or 'endif'");
        assertFails("\n{% for x in xs %}\nbody",
                "chat template line 3: unexpected end of template, expected 'endfor' or 'else' to close 'for' "
                        + "from line 2");
        assertFails("{{ 1 + }}", "chat template line 1: unexpected end of print statement");
        assertFails("{{ (1, 2 }}", "chat template line 1: unexpected '}', expected ')'");
        assertFails("{{ 'abc }}", "chat template line 1: unexpected char \"'\" (unterminated string)");
        assertFails("{{ a ! b }}", "chat template line 1: unexpected char '!'");
        assertFails("{# never closed", "chat template line 1: missing end of comment tag");
        assertFails("{{ '\\x4' }}", "chat template line 1: truncated \\xXX escape");
        assertFails("{% set 1 = 2 %}", "chat template line 1: can't assign to 'const'");
        assertFails("{% macro m(a=1, b) %}{% endmacro %}",
                "chat template line 1: non-default argument follows default argument");
        assertFails("{% break %}", "chat template line 1: 'break' outside loop");
        assertFails("{% for x in xs %}{% macro m() %}{% continue %}{% endmacro %}{% endfor %}",
                "chat template line 1: 'continue' outside loop");
        assertFails("{{ x is defined is defined }}", "chat template line 1: you cannot chain multiple tests with is");
        assertFails("{{ f(a=1, 2) }}", "chat template line 1: invalid syntax for function call expression");
    }

    @Test
    void unsupportedJinjaFeaturesFailAtParseTime() {
        assertFails("{% include 'other.jinja' %}", "chat template line 1: unsupported tag 'include'");
        assertFails("{% extends 'base.jinja' %}", "chat template line 1: unsupported tag 'extends'");
        assertFails("{{ text|urlize }}", "chat template line 1: unsupported filter 'urlize'");
        assertThatThrownBy(() -> ChatTemplate.parse("{{ x|nosuch }}")).isInstanceOf(BadInputException.class);
    }

    @Test
    void runtimeErrorsNameTheLineOfTheFailingExpression() {
        assertFails("{{ 'a' + 1 }}", "chat template line 1: can only concatenate str (not \"int\") to str");
        assertFails("ok\n{{ 1 // 0 }}", "chat template line 2: integer division or modulo by zero");
        assertFails("{% macro m() %}\n\n{{ none.x.y }}{% endmacro %}{{ m() }}",
                "chat template line 3: 'None' has no attribute 'x'");
        assertFails("{% for a, b in [1] %}{% endfor %}", "chat template line 1: cannot unpack non-iterable int object");
        assertFails("{% for x in 5 %}{% endfor %}", "chat template line 1: 'int' object is not iterable");
        assertFails("{% set x = 1 %}{% set x.a = 2 %}",
                "chat template line 1: cannot assign attribute on non-namespace object");
        assertFails("{{ xs|select('odd')|length }}", "chat template line 1: object of type 'generator' has no len()");
        assertFails("{{ [1, 'a']|sort }}",
                "chat template line 1: '<' not supported between instances of 'str' and 'int'");
        assertFails("{{ range(100001) }}", "chat template line 1: Range too big. The sandbox blocks ranges larger "
                + "than MAX_RANGE (100000).");
    }

    @Test
    void raiseExceptionCarriesExactlyTheTemplatesMessage() {
        assertThatThrownBy(() -> Templates.render("line\n{{ raise_exception('Bad role: ' ~ 42) }}"))
                .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.raisedByTemplate()).isTrue())
                .hasMessage("Bad role: 42");
        assertThatThrownBy(() -> Templates.render("{{ nosuch() }}"))
                .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.raisedByTemplate()).isFalse());
    }

    @Test
    void outputIsLimitedTo16MiB() {
        assertFails("{% for i in range(100000) %}{{ 'x' * 200 }}{% endfor %}",
                "chat template output exceeds 16777216 characters");
    }

    @Test
    void hugeIntermediateValuesAreRefused() {
        assertFails("{{ 'x' * 100000000 }}",
                "chat template line 1: result too large: more than 16777216 characters or items");
        assertFails("{% set ns = namespace(s='x') %}{% for i in range(30) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
                "chat template line 1: result too large: more than 16777216 characters or items");
        assertFails("{{ 10 ** 100000 }}", "chat template line 1: integer result of ** is too large");
    }

    @Test
    void totalWorkIsBounded() {
        Interpreter interpreter = new Interpreter(Globals.create(Templates.FIXED_NOW), 10_000);
        assertThatThrownBy(() -> interpreter.render(
                Parser.parse("{% for i in range(1000) %}\n{% set x = 'y' * 100 %}{% endfor %}"), Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("chat template line 2: template exceeded its work budget (10000 characters, items and "
                        + "loop iterations)");
    }

    @Test
    void recursionIsBounded() {
        assertFails("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
                "chat template line 1: maximum recursion depth exceeded while calling macro 'f'");
        String deep = "{{ " + "(".repeat(5000) + "1" + ")".repeat(5000) + " }}";
        assertThatThrownBy(() -> ChatTemplate.parse(deep)).isInstanceOf(TemplateException.class)
                .hasMessage("chat template line 1: template nested too deeply");
        assertThatThrownBy(() -> ChatTemplate.parse("{% if x %}".repeat(1000)))
                .hasMessage("chat template line 1: template nested too deeply");
    }

    @Test
    void renderingDoesNotModifyTheCallersVariables() {
        Map<String, Object> vars = Templates.map("messages", new java.util.ArrayList<>(java.util.List.of("a")));
        ChatTemplate.parse("{% set messages = messages + ['b'] %}{% set x = 1 %}{{ messages }}").render(vars);
        assertThat(vars).containsOnlyKeys("messages");
        assertThat(vars.get("messages")).isEqualTo(java.util.List.of("a"));
    }
}
