package dev.litebench.engine.template;

import static dev.litebench.engine.template.Templates.assertFails;
import static dev.litebench.engine.template.Templates.assertRenders;

import org.junit.jupiter.api.Test;

/**
 * jinja2's default Undefined: a missing variable, key or attribute is lenient until it is used in a way that needs
 * a value, then it fails with jinja2's message.
 */
class UndefinedTest {
    /** printing, truthiness, iteration, length, default, concatenation and comparison all work */
    @Test
    void undefinedIsLenient() {
        assertRenders("[{{ x }}]|{{ x is defined }}|{{ not x }}|{% for i in x %}no{% else %}empty{% endfor %}|"
                + "{{ x|length }}|{{ x|list }}|[{{ x|join(',') }}]|[{{ x|string }}]|[{{ x|upper }}]|"
                + "{{ x|default('dflt') }}|[{{ x ~ '' }}]|{{ x == x }}|{{ x == none }}|{{ 'a' in x }}|"
                + "{{ x is iterable }}|{{ x is callable }}",
                "[]|False|True|empty|0|[]|[]|[]|[]|dflt|[]|True|False|False|True|True");
        assertRenders("[{{ d.missing }}]|[{{ d['missing'] }}]|{{ d.missing is defined }}|[{{ xs[10] }}]|"
                + "[{{ n.attr }}]|[{{ 1 if false }}]|[{{ xs.append }}]|{{ d.pop is defined }}|"
                + "[{{ (xs|first) if empty else empty|first }}]|[{{ empty|last }}]|[{{ empty|min }}]",
                "[]|[]|False|[]|[]|[]|[]|False|[]|[]|[]");
    }

    @Test
    void usingUndefinedFailsWithJinjaMessage() {
        assertFails("{{ x.attr }}", "chat template line 1: 'x' is undefined");
        assertFails("{{ x['key'] }}", "chat template line 1: 'x' is undefined");
        assertFails("{{ x() }}", "chat template line 1: 'x' is undefined");
        assertFails("{{ x + 1 }}", "chat template line 1: 'x' is undefined");
        assertFails("{{ 1 < x }}", "chat template line 1: 'x' is undefined");
        assertFails("{{ x|int }}", "chat template line 1: 'x' is undefined");
        assertFails("{{ d.missing.deeper }}", "chat template line 1: 'dict object' has no attribute 'missing'");
        assertFails("{{ xs[7].name }}", "chat template line 1: list object has no element 7");
        assertFails("{{ x|tojson }}", "chat template line 1: Object of type Undefined is not JSON serializable");
        assertFails("{% macro m(a) %}{{ a.b }}{% endmacro %}{{ m() }}",
                "chat template line 1: parameter 'a' was not provided");
    }

    @Test
    void mutatingMethodsAreBlockedLikeTheImmutableSandbox() {
        assertFails("{{ xs.append(4) }}",
                "chat template line 1: access to attribute 'append' of 'list' object is unsafe.");
        assertFails("{{ d.update({'c': 1}) }}",
                "chat template line 1: access to attribute 'update' of 'dict' object is unsafe.");
    }
}
