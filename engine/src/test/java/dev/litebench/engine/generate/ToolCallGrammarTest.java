package dev.litebench.engine.generate;

import dev.litebench.engine.tokenizer.BpeTrainer;
import dev.litebench.engine.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The forced tool call's grammar: what it lets through, byte by byte and token by token. */
class ToolCallGrammarTest {
    private static final Tokenizer TOKENIZER = new Tokenizer(BpeTrainer.train(
            "{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"days\": [1, 2.5e3, -0.5], \"ok\": true}}\n</tool_call> ".repeat(20),
            400).vocabularyBuilder().build());
    private static final ToolCallGrammar.Literal CLOSE = new ToolCallGrammar.Literal("}\n</tool_call>");

    private static ToolCallGrammar named() {
        return new ToolCallGrammar(TOKENIZER, List.of(new ToolCallGrammar.JsonObject(), CLOSE));
    }

    /** Feeds {@code text} a byte (a one-byte token) at a time; returns how many bytes were allowed. */
    private static int feed(ToolCallGrammar g, String text) {
        int n = 0;
        for (char c : text.toCharArray()) {
            int[] ids = TOKENIZER.encode(String.valueOf(c), false);
            assertThat(ids).hasSize(1);
            if (!g.allows(ids[0])) return n;
            g.accept(ids[0]);
            n++;
        }
        return n;
    }

    @Test
    void aNamedCallTakesAnyJsonObjectThenItsClosing() {
        String call = " {\"city\": \"Par\\\"is \\u00e9\", \"days\": [1, 2.5e3, -0.5, {}, []], \"ok\": true, \"none\": null}}\n</tool_call>";
        ToolCallGrammar g = named();
        assertThat(feed(g, call)).isEqualTo(call.length());
        assertThat(g.complete()).isTrue();
    }

    @Test
    void bytesThatBreakTheJsonAreRefused() {
        for (String bad : List.of("x", "}", "[", "{a", "{\"a\" 1", "{\"a\": 01", "{\"a\": 1.}", "{\"a\": -}", "{\"a\": tru}",
                "{\"a\": \"\\x\"", "{\"a\": 1,}", "{\"a\": [1,]", "{\"a\": [1}", "{\"a\": 1}}}",
                // one space at a time between tokens, and no other whitespace: no endless runs of it
                "  {", "{\n", "{\"a\":  1", "{\"a\": 1 ,\t")) {
            ToolCallGrammar g = named();
            assertThat(feed(g, bad)).as(bad).isLessThan(bad.length());
            assertThat(g.complete()).isFalse();
        }
    }

    @Test
    void requiredTakesOnlyOneOfTheNames() {
        List<ToolCallGrammar.Part> parts = List.of(new ToolCallGrammar.Literal("{\"name\": \""),
                new ToolCallGrammar.OneOf(List.of("get_weather", "get", "say")), new ToolCallGrammar.Literal("\", \"arguments\": "),
                new ToolCallGrammar.JsonObject(), CLOSE);
        for (String name : List.of("get_weather", "get", "say")) {
            ToolCallGrammar g = new ToolCallGrammar(TOKENIZER, parts);
            String call = "{\"name\": \"" + name + "\", \"arguments\": {}}\n</tool_call>";
            assertThat(feed(g, call)).as(name).isEqualTo(call.length());
            assertThat(g.complete()).isTrue();
        }
        ToolCallGrammar g = new ToolCallGrammar(TOKENIZER, parts);
        assertThat(feed(g, "{\"name\": \"get_time")).isEqualTo("{\"name\": \"get_".length());
    }

    @Test
    void theMaskKeepsExactlyTheTokensThatContinueTheCall() {
        ToolCallGrammar g = named();
        feed(g, "{\"city\": ");
        float[] logits = new float[TOKENIZER.vocabSize()];
        g.mask(logits, 0, logits.length);
        for (int id = 0; id < logits.length; id++) {
            byte[] bytes = TOKENIZER.tokenBytes(id, true);
            String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            boolean startsValue = bytes.length > 0 && (text.startsWith("\"") || text.startsWith("{") || text.startsWith("[")
                    || Character.isWhitespace(text.charAt(0)) || text.startsWith("t") || text.startsWith("f") || text.startsWith("n")
                    || text.startsWith("-") || Character.isDigit(text.charAt(0)));
            if (!startsValue) assertThat(logits[id]).as("token %d '%s'", id, text).isEqualTo(Float.NEGATIVE_INFINITY);
        }
        assertThat(Arrays.stream(TOKENIZER.encode("\"Paris\"", false)).allMatch(id -> logits[id] == 0f) || logits[TOKENIZER.encode("\"", false)[0]] == 0f).isTrue();
        assertThat(logits[TOKENIZER.encode("}", false)[0]]).isEqualTo(Float.NEGATIVE_INFINITY);
    }
}
