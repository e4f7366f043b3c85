package dev.litebench.engine.template;

import static dev.litebench.engine.template.Templates.assertRenders;

import org.junit.jupiter.api.Test;

/** Python str, dict and list methods callable from templates, and str.format. */
class StrMethodsTest {
    @Test
    void caseMethods() {
        assertRenders("{{ 'Hello World'.lower() }}|{{ 'hello'.upper() }}|{{ 'hello world'.title() }}|"
                + "{{ \"they're bill's\".title() }}|{{ 'hELLO'.capitalize() }}|{{ 'hELLO'.swapcase() }}|"
                + "{{ 'ß'.upper() }}|{{ 'ΣΑΣ'.lower() }}",
                "hello world|HELLO|Hello World|They'Re Bill'S|Hello|Hello|SS|σας");
    }

    @Test
    void padding() {
        assertRenders("{{ 'ab'.center(6, '*') }}|{{ 'ab'.ljust(5, '.') }}|{{ 'ab'.rjust(5) }}|{{ '42'.zfill(5) }}|"
                + "{{ '-42'.zfill(5) }}|{{ 'a\tb'.expandtabs() }}|{{ 'a\tbc\td'.expandtabs(4) }}",
                "**ab**|ab...|   ab|00042|-0042|a       b|a   bc  d");
    }

    @Test
    void splitting() {
        assertRenders("{{ ' a b  c '.split() }}|{{ 'a,b,,c'.split(',') }}|{{ 'a,b,c'.split(',', 1) }}|"
                + "{{ 'a,b,c'.rsplit(',', 1) }}|{{ '  a  b  '.rsplit(none, 1) }}|{{ ' a b c '.split(none, 1) }}|"
                + "{{ 'abc'.split('x') }}|{{ ''.split() }}|{{ ''.split(',') }}",
                "['a', 'b', 'c']|['a', 'b', '', 'c']|['a', 'b,c']|['a,b', 'c']|['  a', 'b']|['a', 'b c ']|"
                + "['abc']|[]|['']");
        assertRenders("{{ 'a\n\nb\r\nc\rd'.splitlines() }}|{{ 'a\nb\n'.splitlines(true) }}|"
                + "{{ 'a=b=c'.partition('=') }}|{{ 'a=b=c'.rpartition('=') }}|{{ 'abc'.partition('x') }}",
                "['a', '', 'b', 'c', 'd']|['a\\n', 'b\\n']|('a', '=', 'b=c')|('a=b', '=', 'c')|('abc', '', '')");
    }

    @Test
    void stripping() {
        assertRenders("{{ '  x  '.strip() }}|{{ '  x  '.lstrip() }}|{{ '  x  '.rstrip() }}|"
                + "{{ 'xyhixy'.strip('xy') }}|{{ '\n\nhi\n'.lstrip('\n') }}|{{ 'hi\n\n'.rstrip('\n') }}|"
                + "{{ '\\u3000x\\u00a0'.strip() }}|{{ '\\u200bx'.strip()|length }}",
                "x|x  |  x|hi|hi\n|hi|x|2");
        assertRenders("{{ 'prefix_x'.removeprefix('prefix_') }}|{{ 'x.txt'.removesuffix('.txt') }}", "x|x");
    }

    @Test
    void searching() {
        assertRenders("{{ 'hello'.startswith('he') }}{{ 'hello'.startswith(('x', 'h')) }}{{ 'hello'.endswith('lo') }}{{ 'hello'.endswith(('a', 'b')) }}{{ 'hello'.startswith('l', 2) }}{{ 'hello'.endswith('l', 0, 4) }}{{ 'hello'.startswith('') }}{{ 'hello'.startswith('', 10) }}",
                "TrueTrueTrueFalseTrueTrueTrueFalse");
        assertRenders("{{ 'hello'.find('l') }}|{{ 'hello'.rfind('l') }}|{{ 'hello'.find('z') }}|"
                + "{{ 'hello'.index('e') }}|{{ 'hello'.count('l') }}|{{ 'hello'.count('') }}|"
                + "{{ 'hello'.find('l', 3) }}|{{ e.find('b') }}|{{ 'a😀b😀c'.rfind('😀') }}",
                "2|3|-1|1|2|6|3|2|3");
    }

    @Test
    void joinReplaceAndPredicates() {
        assertRenders("{{ '-'.join(['a', 'b']) }}|{{ ''.join('abc') }}|{{ ', '.join(d) }}|"
                + "{{ 'a-b-c'.replace('-', '+') }}|{{ 'a-b-c'.replace('-', '+', 1) }}",
                "a-b|abc|a, b|a+b+c|a+b-c");
        assertRenders("{{ '123'.isdigit() }}{{ '12a'.isdigit() }}{{ 'abc'.isalpha() }}{{ 'ab1'.isalnum() }}{{ '  '.isspace() }}{{ ''.isspace() }}{{ 'abc'.islower() }}{{ 'ABC'.isupper() }}{{ 'Hello World'.istitle() }}{{ 'ab'.isascii() }}{{ 'é'.isascii() }}{{ 'a_1'.isidentifier() }}",
                "TrueFalseTrueTrueTrueFalseTrueTrueTrueTrueFalseTrue");
    }

    @Test
    void format() {
        assertRenders("{{ '{} {}'.format(1, 'a') }}|{{ '{0}{1}{0}'.format('a', 'b') }}|"
                + "{{ '{x}-{y}'.format(x=1, y=2) }}|{{ '{:>5}|{:<5}|{:^5}|{:*^7}'.format('a', 'b', 'c', 'd') }}|"
                + "{{ '{0[a]}|{0[b][1]}|{0.a}'.format(d) }}|{{ '{{}}{}'.format(1) }}|"
                + "{{ '{:{w}}|'.format('x', w=4) }}",
                "1 a|aba|1-2|    a|b    |  c  |***d***|1|2|1|{}1|x   |");
        assertRenders("{{ '{:.2f}|{:+.1e}|{:,}|{:_}|{:08.2f}|{:%}|{:.1%}|"
                + "{:010,}'.format(3.14159, 1234.5, 1234567, 1234567, -3.14159, 0.25, 0.123, 1234) }}",
                "3.14|+1.2e+03|1,234,567|1_234_567|-0003.14|25.000000%|12.3%|00,001,234");
        assertRenders("{{ '{:b}|{:o}|{:x}|{:X}|{:#x}|{:c}|{:5d}|{:05d}|{:<05d}|"
                + "{:=+7d}'.format(10, 10, 255, 255, 255, 97, 42, -42, 42, 42) }}|{{ '{!r}|{!s}|"
                + "{!a}'.format('é', 'é', 'é') }}",
                "1010|12|ff|FF|0xff|a|   42|-0042|42000|+    42|'é'|é|'\\xe9'");
        assertRenders("{{ '{:g}|{:g}|{:.3g}|{:#g}|{:e}|{}|{:.3}|"
                + "{:.10}'.format(1e-5, 123456789.0, 0.0001234, 1.5, 0, 1e22, 2.0, 1/3) }}|{{ '{}|{}|{:d}|"
                + "{:>6}'.format(none, true, true, true) }}",
                "1e-05|1.23457e+08|0.000123|1.50000|0.000000e+00|1e+22|2.0|0.3333333333|None|True|1|     1");
    }

    @Test
    void dictAndListMethods() {
        assertRenders("{{ d.get('a') }}|{{ d.get('q', 5) }}|[{{ d.get('q') }}]|{{ d.keys() }}|{{ d.values() }}|"
                + "{{ d.items() }}|{{ d.copy() }}|{{ xs.index(2) }}|{{ xs.count(2) }}|{{ (1, 2, 1).count(1) }}|"
                + "{{ xs.copy() }}",
                "1|5|[None]|dict_keys(['a', 'b'])|dict_values([1, [1, 2]])|"
                + "dict_items([('a', 1), ('b', [1, 2])])|{'a': 1, 'b': [1, 2]}|1|1|2|[1, 2, 3]");
    }
}
