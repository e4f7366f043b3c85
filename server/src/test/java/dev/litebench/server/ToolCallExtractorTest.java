package dev.litebench.server;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Hermes-style tool calls pulled out of answer text, whole and split at every position. */
class ToolCallExtractorTest {

    /** Feeds text cut at the given positions, then finishes; returns the concatenated content and all calls. */
    static ToolCallExtractor.Piece fedInPieces(String text, int... cuts) {
        ToolCallExtractor e = new ToolCallExtractor();
        StringBuilder content = new StringBuilder();
        List<ToolCallExtractor.ToolCall> calls = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            ToolCallExtractor.Piece p = e.feed(text.substring(from, cut));
            content.append(p.content());
            calls.addAll(p.calls());
            from = cut;
        }
        for (ToolCallExtractor.Piece p : List.of(e.feed(text.substring(from)), e.finish())) {
            content.append(p.content());
            calls.addAll(p.calls());
        }
        return new ToolCallExtractor.Piece(content.toString(), calls);
    }

    static List<String> namesAndArguments(ToolCallExtractor.Piece p) {
        return p.calls().stream().map(c -> c.name() + " " + c.arguments()).toList();
    }

    @Test
    void qwenStyleCallBecomesAToolCallWithArgumentsAsJsonText() {
        String text = "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"days\": 2}}\n</tool_call>";
        ToolCallExtractor.Piece p = ToolCallExtractor.extractAll(text);
        assertThat(p.content()).isEmpty();
        assertThat(namesAndArguments(p)).containsExactly("get_weather {\"city\":\"Paris\",\"days\":2}");
        assertThat(p.calls().getFirst().id()).startsWith("call_");
    }

    @Test
    void textBeforeACallStaysContentAndWhitespaceBetweenCallsIsDropped() {
        String text = "Let me check.\n<tool_call>\n{\"name\": \"a\", \"arguments\": {}}\n</tool_call>\n"
                + "<tool_call>\n{\"name\": \"b\", \"arguments\": \"{\\\"x\\\":1}\"}\n</tool_call>\n";
        ToolCallExtractor.Piece p = ToolCallExtractor.extractAll(text);
        assertThat(p.content()).isEqualTo("Let me check.\n");
        assertThat(namesAndArguments(p)).containsExactly("a {}", "b {\"x\":1}");
        assertThat(p.calls().get(0).id()).isNotEqualTo(p.calls().get(1).id());
    }

    @Test
    void everySplitGivesTheSameContentAndCalls() {
        String text = "ok <tool_call>{\"name\": \"f\", \"arguments\": {\"q\": \"<tool_call>?\"}}</tool_call> then text";
        ToolCallExtractor.Piece whole = ToolCallExtractor.extractAll(text);
        assertThat(whole.content()).isEqualTo("ok  then text");
        assertThat(namesAndArguments(whole)).containsExactly("f {\"q\":\"<tool_call>?\"}");
        for (int i = 0; i <= text.length(); i++) {
            for (int j = i; j <= text.length(); j += 7) {
                ToolCallExtractor.Piece p = fedInPieces(text, i, j);
                assertThat(p.content()).as("cuts %d %d", i, j).isEqualTo(whole.content());
                assertThat(namesAndArguments(p)).as("cuts %d %d", i, j).isEqualTo(namesAndArguments(whole));
            }
        }
    }

    @Test
    void partialTagIsHeldBackThenReleasedWhenItIsNotATag() {
        ToolCallExtractor e = new ToolCallExtractor();
        assertThat(e.feed("a <tool_").content()).isEqualTo("a ");
        assertThat(e.feed("box> b").content()).isEqualTo("<tool_box> b");
        assertThat(e.feed("<tool").content()).isEmpty();
        assertThat(e.finish().content()).isEqualTo("<tool");
        assertThat(e.sawCalls()).isFalse();
    }

    @Test
    void malformedCallsStayContentAsWritten() {
        for (String text : List.of("<tool_call>not json</tool_call>", "<tool_call>{\"arguments\": {}}</tool_call>",
                "<tool_call>[1, 2]</tool_call>", "<tool_call>{\"name\": 5}</tool_call>")) {
            ToolCallExtractor.Piece p = ToolCallExtractor.extractAll(text);
            assertThat(p.content()).isEqualTo(text);
            assertThat(p.calls()).isEmpty();
        }
    }

    @Test
    void callLeftOpenAtTheEndIsParsedWhenItsJsonIsCompleteElseKeptAsContent() {
        ToolCallExtractor.Piece complete = ToolCallExtractor.extractAll("<tool_call>\n{\"name\": \"f\"}\n");
        assertThat(namesAndArguments(complete)).containsExactly("f {}");
        assertThat(complete.content()).isEmpty();
        ToolCallExtractor.Piece cut = ToolCallExtractor.extractAll("<tool_call>\n{\"name\": \"f\", \"argu");
        assertThat(cut.calls()).isEmpty();
        assertThat(cut.content()).isEqualTo("<tool_call>\n{\"name\": \"f\", \"argu");
    }

    @Test
    void plainAnswerPassesThroughUnchanged() {
        String text = "The answer is 42 < 43, and <b>bold</b>.\n";
        assertThat(fedInPieces(text, 5, 28).content()).isEqualTo(text);
        assertThat(ToolCallExtractor.extractAll(text).calls()).isEmpty();
    }
}
