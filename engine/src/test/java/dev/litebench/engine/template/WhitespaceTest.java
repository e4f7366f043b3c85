package dev.litebench.engine.template;

import static dev.litebench.engine.template.Templates.assertRenders;

import org.junit.jupiter.api.Test;

/** Whitespace control exactly as jinja2 with trim_blocks, lstrip_blocks and keep_trailing_newline=False. */
class WhitespaceTest {
    /** trim_blocks: the first newline after %} or #} goes */
    @Test
    void trimBlocksRemovesTheNewlineAfterABlockTag() {
        assertRenders("{% if true %}\nx\n{% endif %}\ny", "x\ny");
        assertRenders("{% set a = 1 %}\n\nz", "\nz");
        assertRenders("{# comment #}\nafter", "after");
        assertRenders("{{ 'v' }}\nkept", "v\nkept");
    }

    /** lstrip_blocks: spaces and tabs from line start to {% or {# go */
    @Test
    void lstripBlocksRemovesIndentationBeforeABlockTag() {
        assertRenders("  {% if true %}\n    x\n  {% endif %}\n", "    x\n");
        assertRenders("a\n  \t {% if true %}b{% endif %}", "a\nb");
        assertRenders("a  {% if true %}b{% endif %}", "a  b");
        assertRenders("  {{ 'var' }} tags are not lstripped", "  var tags are not lstripped");
        assertRenders("  {# c #}x", "x");
        assertRenders("{{ 'x' }}  {% if true %}y{% endif %}", "x  y");
        assertRenders("{{ 'x' }}\n  {% if true %}y{% endif %}", "x\ny");
    }

    @Test
    void minusStripsAllWhitespaceOnThatSide() {
        assertRenders("a  \n  {%- if true -%}  \n  b  \n {%- endif -%}  \n  c", "abc");
        assertRenders("a \n {{- 'x' -}} \n b", "axb");
        assertRenders("a \n {#- c -#} \n b", "ab");
        assertRenders("{{ 'a' }}  \n  {{- 'b' }}", "ab");
    }

    /** {%+ disables lstrip_blocks and +%} disables trim_blocks */
    @Test
    void plusKeepsWhitespace() {
        assertRenders("  {%+ if true %}x{% endif %}", "  x");
        assertRenders("{% if true +%}\nx{% endif %}", "\nx");
        assertRenders("{# c +#}\nx", "\nx");
    }

    @Test
    void rawBlocksAreLiteral() {
        assertRenders("{% raw %}{{ not evaluated }} {% if %}{% endraw %}", "{{ not evaluated }} {% if %}");
        assertRenders("a  {% raw %}\nx{{y}}  {% endraw %}\nb", "a  \nx{{y}}  b");
        assertRenders("{%- raw -%}  {{ x }}  {%- endraw -%}", "{{ x }}");
    }

    @Test
    void newlinesAreNormalisedAndOneTrailingNewlineDropped() {
        assertRenders("a\r\nb\rc\n", "a\nb\nc");
        assertRenders("a\n", "a");
        assertRenders("a\n\n", "a\n");
    }
}
