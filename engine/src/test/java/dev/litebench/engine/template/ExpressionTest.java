package dev.litebench.engine.template;

import static dev.litebench.engine.template.Templates.assertRenders;

import org.junit.jupiter.api.Test;

/** Expressions: literals, Python arithmetic and printing, comparisons, subscripts, tests. */
class ExpressionTest {
    @Test
    void literals() {
        assertRenders("{{ 'single' }}|{{ \"double\" }}|{{ 'a' \"b\" 'c' }}|{{ 42 }}|{{ -7 }}|{{ 1_000 }}|{{ 0x1F }}|"
                + "{{ 0o17 }}|{{ 0b101 }}|{{ 1.5 }}|{{ 1e3 }}",
                "single|double|abc|42|-7|1000|31|15|5|1.5|1000.0");
        assertRenders("{{ true }}|{{ True }}|{{ false }}|{{ none }}|{{ None }}|{{ [1, 'a', none] }}|{{ (1,) }}|"
                + "{{ (1, 2) }}|{{ () }}|{{ {'a': 1, 'b': [true]} }}|{{ [1,] }}",
                "True|True|False|None|None|[1, 'a', None]|(1,)|(1, 2)|()|{'a': 1, 'b': [True]}|[1]");
    }

    @Test
    void stringEscapesFollowPython() {
        assertRenders("{{ 'tab\\tnl\\nquote\\'dq\\\"back\\\\' }}|{{ '\\x41\\u00e9\\U0001F600\\101\\N{SNOWMAN}' }}|"
                + "{{ 'unknown \\q stays' }}",
                "tab\tnl\nquote'dq\"back\\|Aé😀A☃|unknown \\q stays");
    }

    @Test
    void printsValuesAsPythonStr() {
        assertRenders("{{ 1.0 }}|{{ 0.1 + 0.2 }}|{{ 1/3 }}|{{ 1e16 }}|{{ 1e15 }}|{{ 1e-5 }}|{{ 0.0001 }}|{{ -0.0 }}|"
                + "{{ 1.5e300 }}|{{ 10/4 }}|{{ 6/2 }}",
                "1.0|0.30000000000000004|0.3333333333333333|1e+16|1000000000000000.0|1e-05|0.0001|-0.0|"
                + "1.5e+300|2.5|3.0");
        assertRenders("{{ big }}|{{ big * big }}|{{ 2 ** 100 }}|{{ 9223372036854775807 + 1 }}|{{ -big }}",
                "12345678901234567890|152415787532388367501905199875019052100|1267650600228229401496703205376|"
                + "9223372036854775808|-12345678901234567890");
        assertRenders("{{ [\"it's\", 'say \"hi\"', 'both \\' \"', 'é\\n'] }}|{{ {'k': (1, 'v')} }}|{{ e }}|{{ [e] }}",
                "[\"it's\", 'say \"hi\"', 'both \\' \"', 'é\\n']|{'k': (1, 'v')}|a😀b|['a😀b']");
    }

    @Test
    void arithmeticFollowsPythonRules() {
        assertRenders("{{ 7 // 2 }}|{{ -7 // 2 }}|{{ 7 // -2 }}|{{ 7 % -2 }}|{{ -7 % 2 }}|{{ 7.5 % 2 }}|"
                + "{{ -7.5 // 2 }}|{{ 2 ** 10 }}|{{ 2 ** -2 }}|{{ 2.0 ** 3 }}",
                "3|-4|-4|-1|1|1.5|-4.0|1024|0.25|8.0");
        assertRenders("{{ true + 1 }}|{{ 'ab' * 3 }}|{{ 3 * 'ab' }}|{{ [1] * 3 }}|{{ 'ab' * -1 }}|{{ [1, 2] + [3] }}|"
                + "{{ (1,) + (2,) }}|{{ 'a' ~ 1 ~ none ~ 1.5 }}",
                "2|ababab|ababab|[1, 1, 1]||[1, 2, 3]|(1, 2)|a1None1.5");
        assertRenders("{{ 2 ** 3 ** 2 }}|{{ -2 ** 2 }}|{{ 2 + 3 * 4 }}|{{ (2 + 3) * 4 }}|{{ 10 - 2 - 3 }}|"
                + "{{ 'a' ~ 2 * 3 }}",
                "64|4|14|20|5|a6");
    }

    @Test
    void comparisonsAndMembership() {
        assertRenders("{{ 1 == 1.0 }}|{{ true == 1 }}|{{ 'a' < 'b' }}|{{ [1, 2] < [1, 3] }}|{{ (1, 2) == (1, 2) }}|"
                + "{{ [1, 2] == (1, 2) }}|{{ none == none }}|{{ 1 < 2 < 3 }}|{{ 3 > 2 > 2 }}|{{ 1 != 2 }}",
                "True|True|True|True|True|False|True|True|False|True");
        assertRenders("{{ 'a' in 'abc' }}|{{ 1 in [1, 2] }}|{{ 'a' in {'a': 1} }}|{{ 3 not in xs }}|"
                + "{{ 'x' not in d }}|{{ 1.0 in xs }}|{{ 'x' in empty }}",
                "True|True|True|False|True|True|False");
    }

    @Test
    void booleanOperatorsReturnOperands() {
        assertRenders("{{ true and 'x' }}|{{ false or 'y' }}|{{ 0 or none }}|{{ '' and 1 }}|{{ not none }}|"
                + "{{ not [] }}|{{ [] or {} }}|{{ 1 and 2 and 3 }}|{{ not 1 == 2 }}",
                "x|y|None||True|True|{}|3|True");
    }

    @Test
    void conditionalExpression() {
        assertRenders("{{ 1 if true else 2 }}|{{ 1 if false else 2 }}|[{{ 1 if false }}]|"
                + "{{ 'a' if xs|length > 2 else 'b' }}|{{ 1 if false else 2 if false else 3 }}",
                "1|2|[]|a|3");
    }

    @Test
    void indexingAndSlicing() {
        assertRenders("{{ xs[0] }}|{{ xs[-1] }}|[{{ xs[5] }}]|{{ xs[1:] }}|{{ xs[:-1] }}|{{ xs[::-1] }}|"
                + "{{ xs[::2] }}|{{ xs[5:] }}|{{ xs[-10:2] }}|{{ xs[2:0:-1] }}|{{ xs[true] }}|{{ xs.1 }}",
                "1|3|[]|[2, 3]|[1, 2]|[3, 2, 1]|[1, 3]|[]|[1, 2]|[3, 2]|2|2");
        assertRenders("{{ s[0] }}|{{ s[1:4] }}|{{ s[::-1] }}|{{ s[-3:] }}|[{{ s[100] }}]|{{ e[1] }}|{{ e[::-1] }}|"
                + "{{ e[1:] }}|{{ (1, 2, 3)[1:] }}",
                "h|éll|dlröw olléh|rld|[]|😀|b😀a|😀b|(2, 3)");
    }

    @Test
    void attributeAccessFallsBackToItems() {
        assertRenders("{{ d.a }}|{{ d['a'] }}|[{{ d.zz }}]|[{{ d['zz'] }}]|{{ d.b.1 }}|{{ users[1].name }}|"
                + "{{ users.0['age'] }}|{{ {'items': 5}['items'] }}|{{ {'items': 5}.items() }}",
                "1|1|[]|[]|2|Alice|30|5|dict_items([('items', 5)])");
        assertRenders("[{{ n.x }}]|[{{ n['x'] }}]|[{{ xs.nope }}]|[{{ 5.real }}]", "[]|[]|[]|[5]");
    }

    @Test
    void tests() {
        assertRenders("{{ x is defined }}{{ xs is defined }}{{ x is undefined }}{{ n is none }}{{ 1 is number }}{{ 1.5 is float }}{{ 1 is integer }}{{ t is integer }}{{ t is number }}{{ t is boolean }}",
                "FalseTrueTrueTrueTrueTrueTrueFalseTrueTrue");
        assertRenders("{{ 'a' is string }}{{ d is mapping }}{{ xs is iterable }}{{ 'a' is iterable }}{{ 1 is iterable }}{{ xs is sequence }}{{ d is sequence }}{{ (xs|select) is sequence }}{{ x is iterable }}",
                "TrueTrueTrueTrueFalseTrueTrueFalseTrue");
        assertRenders("{{ 3 is odd }}{{ 4 is even }}{{ 9 is divisibleby 3 }}{{ 9 is divisibleby(4) }}{{ 1 is eq 1 }}{{ 1 is equalto 1.0 }}{{ 1 is ne 2 }}{{ 1 is lt 2 }}{{ 1 is gt 2 }}{{ 1 is le 1 }}{{ 1 is ge 2 }}{{ 1 is in xs }}",
                "TrueTrueTrueFalseTrueTrueTrueTrueFalseTrueFalseTrue");
        assertRenders("{{ true is true }}{{ 1 is true }}{{ false is false }}{{ 0 is false }}{{ n is sameas none }}{{ 5 is sameas 5 }}{{ 'abc' is lower }}{{ 'ABC' is upper }}{{ 'upper' is filter }}{{ 'odd' is test }}{{ range is callable }}{{ xs.count is callable }}{{ 1 is callable }}",
                "TrueFalseTrueFalseTrueTrueTrueTrueTrueTrueTrueTrueFalse");
        assertRenders("{{ x is not defined }}|{{ not x is defined }}|{{ x is defined and x }}|{{ xs|length is odd }}|"
                + "{{ 3 is divisibleby 2 or true }}|{{ xs|selectattr('x', 'defined')|list }}",
                "True|True|False|True|True|[]");
    }
}
