package dev.litebench.engine.generate;

import dev.litebench.engine.generate.ThinkingSplitter.Delta;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ThinkingSplitterTest {

    static Stream<Arguments> samples() {
        return Stream.of(
                // (a) prompt opened <think>: generation starts inside reasoning
                Arguments.of(true, "Okay, 2+2.\nIt is 4.\n</think>\n\nThe answer is **4**.",
                        "Okay, 2+2.\nIt is 4.\n", "\n\nThe answer is **4**."),
                Arguments.of(true, "\nLet me think</think>\n\nDone", "\nLet me think", "\n\nDone"),
                Arguments.of(true, "still thinking when max_tokens hit", "still thinking when max_tokens hit", ""),
                Arguments.of(true, "<think>\nhmm</think>ok", "\nhmm", "ok"),
                Arguments.of(true, " \n<think>x</think>y", "x", "y"),
                Arguments.of(true, "  not a tag</think>y", "  not a tag", "y"),
                Arguments.of(true, "a</think>b<think>c</think>d", "a", "b<think>c</think>d"),
                Arguments.of(true, "</think>", "", ""),
                Arguments.of(true, "abc</thin", "abc</thin", ""),
                Arguments.of(true, "<thinking>x", "<thinking>x", ""),
                Arguments.of(true, "", "", ""),
                // (b) the model opens <think> itself
                Arguments.of(false, "<think>\nreasoning here\n</think>\n\nFinal answer.", "\nreasoning here\n",
                        "\n\nFinal answer."),
                Arguments.of(false, "\n\n<think>\nr</think>c", "\nr", "c"),
                Arguments.of(false, "<think>\nunterminated", "\nunterminated", ""),
                Arguments.of(false, "<think></think>", "", ""),
                Arguments.of(false, "<think>a</think>b<think>c</think>d", "a", "b<think>c</think>d"),
                Arguments.of(false, "<think>思考😀</think>答案", "思考😀", "答案"),
                Arguments.of(false, "<think>x</thinkx</think>y", "x</thinkx", "y"),
                // (c) thinking disabled: the template closed an empty block, the output has no tags
                Arguments.of(false, "Hello! How can I help?", "", "Hello! How can I help?"),
                Arguments.of(false, "\n\nHello", "", "\n\nHello"),
                // (d) a model that never uses tags, or uses them later in the text
                Arguments.of(false, "Answer mentions <think> later</think> too", "",
                        "Answer mentions <think> later</think> too"),
                Arguments.of(false, "<thin", "", "<thin"),
                Arguments.of(false, "   ", "", "   "),
                Arguments.of(false, "<thinkx>", "", "<thinkx>"),
                Arguments.of(false, "😀<think>x", "", "😀<think>x"),
                Arguments.of(false, "", "", ""));
    }

    private static Delta stream(boolean startsInReasoning, List<String> pieces) {
        ThinkingSplitter s = new ThinkingSplitter(startsInReasoning);
        StringBuilder r = new StringBuilder(), c = new StringBuilder();
        for (String p : pieces) {
            Delta d = s.feed(p);
            r.append(d.reasoning());
            c.append(d.content());
        }
        Delta d = s.finish();
        return new Delta(r.append(d.reasoning()).toString(), c.append(d.content()).toString());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySplitGivesTheUnsplitResult(boolean startsInReasoning, String text, String reasoning, String content) {
        Delta want = new Delta(reasoning, content);
        assertThat(ThinkingSplitter.split(text, startsInReasoning)).isEqualTo(want);
        for (List<String> pieces : SplitTesting.smallSplits(text)) {
            assertThat(stream(startsInReasoning, pieces)).as("%s", pieces).isEqualTo(want);
        }
        if (text.codePointCount(0, text.length()) <= 14) {
            for (List<String> pieces : SplitTesting.allSplits(text)) {
                assertThat(stream(startsInReasoning, pieces)).as("%s", pieces).isEqualTo(want);
            }
        }
        Random r = new Random(text.hashCode());
        for (int i = 0; i < 300; i++) {
            List<String> pieces = SplitTesting.randomSplit(text, r);
            assertThat(stream(startsInReasoning, pieces)).as("%s", pieces).isEqualTo(want);
        }
    }

    @Test
    void tagsSplitAcrossPiecesAndTextIsEmittedPromptly() {
        ThinkingSplitter s = new ThinkingSplitter(false);
        assertThat(s.inReasoning()).isFalse();
        assertThat(s.feed("<thi")).isEqualTo(Delta.EMPTY);
        assertThat(s.feed("nk>")).isEqualTo(Delta.EMPTY);
        assertThat(s.inReasoning()).isTrue();
        assertThat(s.feed("\nabc")).isEqualTo(new Delta("\nabc", ""));
        assertThat(s.feed("def</th")).isEqualTo(new Delta("def", ""));
        assertThat(s.feed("ink>\n\nAns")).isEqualTo(new Delta("", "\n\nAns"));
        assertThat(s.inReasoning()).isFalse();
        assertThat(s.feed("wer")).isEqualTo(new Delta("", "wer"));
        assertThat(s.finish()).isEqualTo(Delta.EMPTY);
    }

    @Test
    void oneChunkCanCarryBothChannels() {
        ThinkingSplitter s = new ThinkingSplitter(true);
        assertThat(s.inReasoning()).isTrue();
        assertThat(s.feed("r1</think>c1")).isEqualTo(new Delta("r1", "c1"));
    }

    @Test
    void leadingWhitespaceIsHeldUntilTheTagIsDecided() {
        ThinkingSplitter s = new ThinkingSplitter(false);
        assertThat(s.feed("\n ")).isEqualTo(Delta.EMPTY);
        assertThat(s.feed("Hi")).isEqualTo(new Delta("", "\n Hi"));

        ThinkingSplitter t = new ThinkingSplitter(true);
        assertThat(t.feed("\n")).isEqualTo(Delta.EMPTY);
        assertThat(t.feed("Hm")).isEqualTo(new Delta("\nHm", ""));
    }

    @Test
    void finishReleasesAPartialTagInTheCurrentChannel() {
        ThinkingSplitter s = new ThinkingSplitter(true);
        assertThat(s.feed("abc</thi")).isEqualTo(new Delta("abc", ""));
        assertThat(s.finish()).isEqualTo(new Delta("</thi", ""));
        ThinkingSplitter t = new ThinkingSplitter(false);
        assertThat(t.feed(" <thi")).isEqualTo(Delta.EMPTY);
        assertThat(t.finish()).isEqualTo(new Delta("", " <thi"));
    }

    @Test
    void promptOpensReasoning() {
        assertThat(ThinkingSplitter.promptOpensReasoning("<|im_start|>assistant\n<think>\n")).isTrue();
        assertThat(ThinkingSplitter.promptOpensReasoning("<|im_start|>assistant\n<think>\n\n</think>\n\n")).isFalse();
        assertThat(ThinkingSplitter.promptOpensReasoning("<|im_start|>assistant\n")).isFalse();
        assertThat(ThinkingSplitter.promptOpensReasoning(
                "<|im_start|>assistant\n<think>\nold</think>\n\nx<|im_end|>\n<|im_start|>assistant\n<think>\n"))
                .isTrue();
    }

    @Test
    void deltaNormalisesNulls() {
        assertThat(new Delta(null, null)).isEqualTo(Delta.EMPTY);
        assertThat(Delta.EMPTY.isEmpty()).isTrue();
        assertThat(new Delta("", "x").isEmpty()).isFalse();
    }
}
