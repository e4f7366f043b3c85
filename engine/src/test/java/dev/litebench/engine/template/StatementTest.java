package dev.litebench.engine.template;

import static dev.litebench.engine.template.Templates.assertRenders;

import org.junit.jupiter.api.Test;

/** Statements: if, for and the loop variable, set and scoping, namespace, macros, call/filter/with blocks, globals. */
class StatementTest {
    @Test
    void ifElifElse() {
        assertRenders("{% if false %}a{% elif none %}b{% elif 0 %}c{% else %}d{% endif %}|"
                + "{% if [] %}x{% elif 'y' %}y{% endif %}|{% if d %}d{% endif %}",
                "d|y|d");
    }

    @Test
    void loopVariables() {
        assertRenders("{% for x in xs %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.depth }};{% endfor %}",
                "1032TrueFalse31;2121FalseFalse31;3210FalseTrue31;");
        assertRenders("{% for x in xs %}{{ loop.previtem }}<{{ x }}>{{ loop.nextitem }} {{ loop.cycle('odd', 'even') }}|"
                + "{% endfor %}",
                "<1>2 odd|1<2>3 even|2<3> odd|");
        assertRenders("{% for x in [1, 1, 2, 3, 3] %}{{ loop.changed(x) }} {% endfor %}",
                "True False True True False ");
    }

    @Test
    void forLoopForms() {
        assertRenders("{% for x in xs if x > 1 %}{{ loop.index }}:{{ x }}/{{ loop.length }} {% else %}none{% endfor %}|"
                + "{% for x in [] %}a{% else %}empty{% endfor %}",
                "1:2/2 2:3/2 |empty");
        assertRenders("{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}|{% for k in d %}{{ k }}{% endfor %}|"
                + "{% for (a, b), c in [((1, 2), 3)] %}{{ a }}{{ b }}{{ c }}{% endfor %}|"
                + "{% for c in e %}[{{ c }}]{% endfor %}",
                "a=1;b=[1, 2];|ab|123|[a][😀][b]");
        assertRenders("{% for x in xs %}{% for y in 'ab' %}{{ x }}{{ y }}{{ loop.index }} {% endfor %}{{ loop.index }}|"
                + "{% endfor %}",
                "1a1 1b2 1|2a1 2b2 2|3a1 3b2 3|");
        assertRenders("{% for item in [{'c': [{'c': []}, {'c': []}]}, {'c': []}] recursive %}<{{ loop.depth }}{{ loop(item.c) }}>{% endfor %}",
                "<1<2><2>><1>");
    }

    @Test
    void breakAndContinue() {
        assertRenders("{% for x in xs %}{% if x == 2 %}{% continue %}{% endif %}{{ x }}{% endfor %}|"
                + "{% for x in xs %}{% if x == 2 %}{% break %}{% endif %}{{ x }}{% endfor %}",
                "13|1");
        assertRenders("{% for x in xs %}{% for y in xs %}{% if y > x %}{% break %}{% endif %}{{ y }}{% endfor %};{% endfor %}",
                "1;12;123;");
    }

    @Test
    void setIsScopedToLoopIterations() {
        assertRenders("{% set x = 1 %}{% for i in xs %}{% set x = i %}{{ x }}{% endfor %}|{{ x }}|"
                + "{% if true %}{% set y = 2 %}{% endif %}{{ y }}",
                "123|1|2");
        assertRenders("{% for i in xs %}[{{ z }}]{% set z = i %}{{ z }};{% endfor %}[{{ z }}]", "[]1;[]2;[]3;[]");
        assertRenders("{% set x = 1 %}{% for i in xs %}{{ x }}{% set x = x + 10 %}{{ x }} {% endfor %}{{ x }}",
                "111 111 111 1");
    }

    @Test
    void setForms() {
        assertRenders("{% set a, b = 1, 2 %}{{ a }}{{ b }}|{% set c = 1, 2 %}{{ c }}|"
                + "{% set (p, q) = 'xy' %}{{ p }}{{ q }}",
                "12|(1, 2)|xy");
        assertRenders("{% set x %}hello {{ 'world' }}{% endset %}{{ x }}|{% set y | upper %}abc{% endset %}{{ y }}|"
                + "{% set z | replace('a', 'b') | upper %}aaa{% endset %}{{ z }}",
                "hello world|ABC|BBB");
    }

    @Test
    void namespaceCarriesValuesOutOfLoops() {
        assertRenders("{% set ns = namespace(a=0, b='x') %}{% for i in xs %}{% set ns.a = ns.a + i %}{% endfor %}{{ ns.a }}{{ ns.b }}[{{ ns.c }}]",
                "6x[]");
        assertRenders("{% set ns = namespace(d, extra=true) %}{{ ns.a }}{{ ns.b }}{{ ns.extra }}|{{ namespace(k=1) }}",
                "1[1, 2]True|<Namespace {'k': 1}>");
    }

    @Test
    void macros() {
        assertRenders("{% macro m(a, b=2, c='x') %}{{ a }}-{{ b }}-{{ c }}{% endmacro %}{{ m(1) }}|{{ m(1, 3) }}|"
                + "{{ m(1, c='y') }}|{{ m(a=5) }}|{{ m() }}|{{ m }}",
                "1-2-x|1-3-x|1-2-y|5-2-x|-2-x|<Macro 'm'>");
        assertRenders("{% macro m(a) %}{{ a }}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, 2, 3, x=4) }}",
                "1(2, 3){'x': 4}");
        assertRenders("{% macro m(a, b=a ~ '!') %}{{ b }}{% endmacro %}{{ m('hi') }}", "hi!");
        assertRenders("{% macro rec(n) %}{% if n > 0 %}{{ n }}{{ rec(n - 1) }}{% endif %}{% endmacro %}{{ rec(5) }}",
                "54321");
        assertRenders("{% set g = 'G' %}{% macro m() %}{{ g }}{% endmacro %}{% set g = 'H' %}{{ m() }}|"
                + "{% for i in [1] %}{% set g = 'L' %}{{ m() }}{% endfor %}",
                "H|H");
        assertRenders("{% macro m() %}{% set local = 1 %}{{ local }}{% endmacro %}{{ m() }}[{{ local }}]|"
                + "{% macro out(x) %}<{{ x }}>{% endmacro %}{{ out(out(1)) }}",
                "1[]|<<1>>");
    }

    @Test
    void callBlocks() {
        assertRenders("{% macro m() %}[{{ caller() }}]{% endmacro %}{% call m() %}inside{% endcall %}|"
                + "{% macro n(x) %}[{{ caller(x * 2) }}]{% endmacro %}{% call(v) n(3) %}got {{ v }}{% endcall %}",
                "[inside]|[got 6]");
    }

    @Test
    void filterBlocks() {
        assertRenders("{% filter upper %}hello {{ 'x' }}{% endfilter %}|"
                + "{% filter replace('l', 'L') | center(11) %}hello{% endfilter %}|",
                "HELLO X|   heLLo   |");
    }

    @Test
    void withPrintGenerationBlock() {
        assertRenders("{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}[{{ a }}]|"
                + "{% set q = 1 %}{% with q = q + 1 %}{{ q }}{% endwith %}{{ q }}",
                "3[]|21");
        assertRenders("{% print 1, 'a' %}|{% print xs %}", "1a|[1, 2, 3]");
        assertRenders("{% generation %}gen {{ 1 }}{% endgeneration %}|"
                + "{% for x in xs %}{% generation %}{{ x }}{% endgeneration %}{% endfor %}",
                "gen 1|123");
        assertRenders("{% set a = 1 %}{% for i in [1, 2] %}{% block b %}[{{ a }}{{ i }}]{% endblock %}{% endfor %}|"
                + "{% for i in [1, 2] %}{% block c scoped %}[{{ i }}]{% endblock c %}{% endfor %}",
                "[1][1]|[1][2]");
    }

    @Test
    void globals() {
        assertRenders("{{ range(5)|list }}|{{ range(1, 10, 3)|list }}|{{ range(5, 0, -2)|list }}|{{ range(0)|list }}|"
                + "{{ dict(a=1, b=2) }}|{{ dict([('x', 1)]) }}|{{ {1: 'a', true: 'b', 1.0: 'c'} }}",
                "[0, 1, 2, 3, 4]|[1, 4, 7]|[5, 3, 1]|[]|{'a': 1, 'b': 2}|{'x': 1}|{1: 'c'}");
        assertRenders("{% set c = cycler('a', 'b') %}{{ c.next() }}{{ c.next() }}{{ c.next() }}{{ c.current }}|"
                + "{% set j = joiner('|') %}{% for x in xs %}{{ j() }}{{ x }}{% endfor %}",
                "abab|1|2|3");
        assertRenders("{{ strftime_now('%d %b %Y') }}|{{ strftime_now('%Y-%m-%d %H:%M:%S') }}|"
                + "{{ strftime_now('%A %a %B %b %j %p %I %y %U %W %w %u') }}|"
                + "{{ strftime_now('%c|%x|%X|%D|%F|%T|%R|%e|%%') }}",
                "14 Mar 2025|2025-03-14 15:09:26|Friday Fri March Mar 073 PM 03 25 10 10 5 5|"
                + "Fri Mar 14 15:09:26 2025|03/14/25|15:09:26|03/14/25|2025-03-14|15:09:26|15:09|14|%");
    }
}
