package dev.litebench.engine.template;

import static dev.litebench.engine.template.Templates.assertRenders;

import org.junit.jupiter.api.Test;

/** jinja2's builtin filters. */
class FilterTest {
    @Test
    void sequenceFilters() {
        assertRenders("{{ xs|first }}|{{ xs|last }}|{{ 'abc'|first }}|{{ 'abc'|last }}|{{ d|first }}|{{ xs|length }}|"
                + "{{ s|length }}|{{ d|count }}|{{ e|length }}|{{ xs|list }}|{{ 'ab'|list }}|{{ d|list }}",
                "1|3|a|c|a|3|11|2|3|[1, 2, 3]|['a', 'b']|['a', 'b']");
        assertRenders("{{ xs|join }}|{{ xs|join(', ') }}|{{ users|join(', ', attribute='name') }}|"
                + "{{ xs|reverse|list }}|{{ 'abc'|reverse }}|{{ e|reverse }}|{{ (1, 2)|reverse|list }}",
                "123|1, 2, 3|bob, Alice, carl|[3, 2, 1]|cba|b😀a|[2, 1]");
        assertRenders("{{ xs|batch(2)|list }}|{{ xs|batch(2, 'x')|list }}|{{ xs|slice(2)|list }}|"
                + "{{ [1, 2, 3, 4, 5]|slice(3, 0)|list }}|{{ xs|sum }}|{{ users|sum(attribute='age') }}|"
                + "{{ xs|sum(start=10) }}|{{ [1.5, 2]|sum }}",
                "[[1, 2], [3]]|[[1, 2], [3, 'x']]|[[1, 2], [3]]|[[1, 2], [3, 4], [5, 0]]|6|85|16|3.5");
        assertRenders("{{ xs|min }}|{{ xs|max }}|{{ users|min(attribute='age') }}|{{ users|max(attribute='age') }}|"
                + "{{ ['b', 'A']|min }}|{{ ['b', 'A']|max(case_sensitive=true) }}",
                "1|3|{'name': 'Alice', 'age': 25}|{'name': 'bob', 'age': 30}|A|b");
    }

    @Test
    void sortAndUnique() {
        assertRenders("{{ [3, 1, 2]|sort }}|{{ ['b', 'A', 'c']|sort }}|"
                + "{{ ['b', 'A', 'c']|sort(case_sensitive=true) }}|{{ [3, 1, 2]|sort(true) }}|{{ 'cba'|sort }}",
                "[1, 2, 3]|['A', 'b', 'c']|['A', 'b', 'c']|[3, 2, 1]|['a', 'b', 'c']");
        assertRenders("{{ users|sort(attribute='name')|map(attribute='name')|list }}|"
                + "{{ users|sort(attribute='age,name')|map(attribute='name')|list }}|"
                + "{{ users|sort(attribute='age', reverse=true)|map(attribute='name')|list }}",
                "['Alice', 'bob', 'carl']|['Alice', 'bob', 'carl']|['bob', 'carl', 'Alice']");
        assertRenders("{{ ['a', 'A', 'b', 'a']|unique|list }}|{{ ['a', 'A', 'b', 'a']|unique(true)|list }}|"
                + "{{ users|unique(attribute='age')|map(attribute='name')|list }}",
                "['a', 'b']|['a', 'A', 'b']|['bob', 'Alice']");
        assertRenders("{{ d|dictsort }}|{{ {'b': 1, 'A': 2, 'a': 3}|dictsort }}|"
                + "{{ {'b': 1, 'A': 2, 'a': 3}|dictsort(true) }}|{{ {'b': 3, 'a': 2}|dictsort(by='value') }}|"
                + "{{ {'b': 3, 'a': 2}|dictsort(reverse=true) }}|{{ d|items|list }}",
                "[('a', 1), ('b', [1, 2])]|[('A', 2), ('a', 3), ('b', 1)]|[('A', 2), ('a', 3), ('b', 1)]|"
                + "[('a', 2), ('b', 3)]|[('b', 3), ('a', 2)]|[('a', 1), ('b', [1, 2])]");
    }

    @Test
    void mapSelectRejectAreLazyGenerators() {
        assertRenders("{{ ['a', 'b']|map('upper')|list }}|{{ users|map(attribute='name')|join('|') }}|"
                + "{{ users|map(attribute='zz', default='D')|list }}|{{ xs|map('string')|join('-') }}",
                "['A', 'B']|bob|Alice|carl|['D', 'D', 'D']|1-2-3");
        assertRenders("{{ xs|select('odd')|list }}|{{ xs|reject('odd')|list }}|"
                + "{{ [0, 1, '', none, 'a']|select|list }}|{{ xs|select('>', 1)|list }}|"
                + "{{ xs|select('in', [1, 3])|list }}",
                "[1, 3]|[2]|[1, 'a']|[2, 3]|[1, 3]");
        assertRenders("{{ users|selectattr('age', 'equalto', 30)|map(attribute='name')|list }}|"
                + "{{ users|rejectattr('age', '>', 26)|map(attribute='name')|list }}|"
                + "{{ users|selectattr('name', 'lower')|list|length }}",
                "['bob', 'carl']|['Alice']|2");
        assertRenders("{% if empty|select %}always truthy{% endif %}|{{ (xs|select('odd'))|first }}|"
                + "{% set g = xs|select %}{{ g|list }}{{ g|list }}",
                "always truthy|1|[1, 2, 3][]");
    }

    @Test
    void stringFilters() {
        assertRenders("{{ 'hello world'|capitalize }}|{{ 'hELLO wORLD'|title }}|{{ \"it's a-test (x)\"|title }}|"
                + "{{ 'Hello'|upper }}|{{ 'Hello'|lower }}|{{ '  x  '|trim }}|{{ 'xxhixx'|trim('x') }}",
                "Hello world|Hello World|It's A-Test (X)|HELLO|hello|x|hi");
        assertRenders("{{ 'ab'|center(6) }}|{{ 'abc'|center(6) }}|{{ 'abc'|center(2) }}|{{ 'a b c d'|wordcount }}|"
                + "{{ 'héllo, wörld! 42 x_y'|wordcount }}",
                "  ab  | abc  |abc|4|4");
        assertRenders("{{ 'aaa'|replace('a', 'b') }}|{{ 'aaa'|replace('a', 'b', 2) }}|{{ 'abc'|replace('', '-') }}|"
                + "{{ 5|string ~ 1 }}|{{ none|string }}|{{ [1]|string }}",
                "bbb|bba|-a-b-c-|51|None|[1]");
        assertRenders("{{ 'foo bar baz qux'|truncate(9) }}|{{ 'foo bar baz qux'|truncate(9, true) }}|"
                + "{{ 'foo bar baz qux'|truncate(11) }}|{{ 'foo bar baz qux'|truncate(11, false, '...', 0) }}",
                "foo...|foo ba...|foo bar baz qux|foo bar...");
        assertRenders("{{ 'a\nb\n\nc'|indent }}|{{ 'a\nb\n\nc'|indent(2, true) }}|"
                + "{{ 'a\nb\n\nc'|indent(2, true, true) }}|{{ 'a\nb'|indent('>>') }}",
                "a\n    b\n\n    c|  a\n  b\n\n  c|  a\n  b\n  \n  c|a\n>>b");
        assertRenders("{{ '<a href=\"x\">&\\''|e }}|{{ '<b>'|escape }}|{{ '<b>'|safe }}|{{ '<'|forceescape }}",
                "&lt;a href=&#34;x&#34;&gt;&amp;&#39;|&lt;b&gt;|<b>|&lt;");
        assertRenders("{{ '%s-%d'|format('a', 3) }}|{{ '%(a)s'|format(a=1) }}|{{ '%5.2f'|format(3.14159) }}|"
                + "{{ '%x %X %o %#x %e %g'|format(255, 255, 8, 255, 12345.678, 0.00001) }}|"
                + "{{ '%-5s|%5s|%05d|%+d|% d'|format('a', 'b', 42, 5, 5) }}",
                "a-3|1| 3.14|ff FF 10 0xff 1.234568e+04 1e-05|a    |    b|00042|+5| 5");
    }

    @Test
    void numberFilters() {
        assertRenders("{{ -5|abs }}|{{ -5.5|abs }}|{{ 3.14159|round }}|{{ 3.14159|round(2) }}|{{ 2.5|round }}|"
                + "{{ 3.5|round }}|{{ 2.675|round(2) }}|{{ 42|round }}|{{ 1250|round(-2) }}|"
                + "{{ 3.14159|round(2, 'ceil') }}|{{ 3.14159|round(2, 'floor') }}",
                "5|5.5|3.0|3.14|2.0|4.0|2.67|42|1200|3.15|3.14");
        assertRenders("{{ '42'|int }}|{{ '42.7'|int }}|{{ 'x'|int }}|{{ 'x'|int(7) }}|{{ 3.9|int }}|{{ -3.9|int }}|"
                + "{{ '0x1A'|int(0, 16) }}|{{ '0b101'|int(base=0) }}|{{ '1_000'|int }}|{{ ' 12 '|int }}|"
                + "{{ true|int }}|{{ none|int }}",
                "42|42|0|7|3|-3|26|5|1000|12|1|0");
        assertRenders("{{ 1|float }}|{{ '3.5'|float }}|{{ 'x'|float }}|{{ 'x'|float(2) }}|{{ ' 1e3 '|float }}|"
                + "{{ 'inf'|float }}|{{ '1_000.5'|float }}|{{ true|float }}|{{ '.5'|float }}",
                "1.0|3.5|0.0|2|1000.0|inf|1000.5|1.0|0.5");
    }

    @Test
    void defaultAndAttr() {
        assertRenders("{{ x|default('x') }}|{{ x|d('y', true) }}|{{ ''|d('z', true) }}|[{{ ''|default('z') }}]|"
                + "{{ none|default('q') }}|{{ d|attr('items') is callable }}|[{{ d|attr('a') }}]|"
                + "{{ xs|attr('count')(1) }}",
                "x|y|z|[]|None|True|[]|1");
    }
}
