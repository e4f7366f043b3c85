package dev.litebench.engine.template;

import static dev.litebench.engine.template.Templates.assertRenders;

import org.junit.jupiter.api.Test;

/** The tojson filter, which must match Python's json.dumps byte for byte. */
class JsonDumpsTest {
    @Test
    void tojsonMatchesPythonJsonDumps() {
        assertRenders("{{ d|tojson }}|{{ xs|tojson }}|{{ (1, 2)|tojson }}|{{ none|tojson }}|{{ true|tojson }}|"
                + "{{ 'x'|tojson }}|{{ {}|tojson }}|{{ []|tojson }}|{{ big|tojson }}",
                "{\"a\": 1, \"b\": [1, 2]}|[1, 2, 3]|[1, 2]|null|true|\"x\"|{}|[]|12345678901234567890");
        assertRenders("{{ {'a': [1, {'b': none}], 'c': true, 'd': 1.5, 'e': [], 'f': {}}|tojson(indent=2) }}",
                "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": true,\n  \"d\": 1.5,\n  \"e\": [],\n  \"f\": {}\n}");
        assertRenders("{{ {'a': 1}|tojson(indent='\t') }}|{{ {'a': [1]}|tojson(indent=0) }}|"
                + "{{ {'b': 1, 'a': 2}|tojson(sort_keys=true) }}|"
                + "{{ {'a': [1, 2]}|tojson(separators=(',', ':')) }}|"
                + "{{ {1: 'x', none: 2, true: 3, 2.5: 4}|tojson }}",
                "{\n\t\"a\": 1\n}|{\n\"a\": [\n1\n]\n}|{\"a\": 2, \"b\": 1}|{\"a\":[1,2]}|"
                + "{\"1\": 3, \"null\": 2, \"2.5\": 4}");
    }

    @Test
    void tojsonEscapesStringsLikePython() {
        assertRenders("{{ s|tojson }}|{{ s|tojson(ensure_ascii=true) }}|{{ e|tojson }}|"
                + "{{ e|tojson(ensure_ascii=true) }}|{{ '\n\t\"\\\\\\u0001\\u007f'|tojson }}|"
                + "{{ '\\u007f\\u0080'|tojson(ensure_ascii=true) }}",
                "\"héllo wörld\"|\"h\\u00e9llo w\\u00f6rld\"|\"a😀b\"|\"a\\ud83d\\ude00b\"|"
                + "\"\\n\\t\\\"\\\\\\u0001\177\"|\"\\u007f\\u0080\"");
    }

    @Test
    void tojsonFloatsUsePythonRepr() {
        assertRenders("{{ [1.0, 0.1, 1e-5, 1e16, 1e15, 0.30000000000000004, -0.0, 1.5e300, 5e-324, 123456.789]|tojson }}|"
                + "{{ ['inf'|float, '-inf'|float, 'nan'|float]|tojson }}",
                "[1.0, 0.1, 1e-05, 1e+16, 1000000000000000.0, 0.30000000000000004, -0.0, 1.5e+300, 5e-324, 123456.789]|"
                + "[Infinity, -Infinity, NaN]");
    }
}
