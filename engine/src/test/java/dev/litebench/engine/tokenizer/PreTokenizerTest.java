package dev.litebench.engine.tokenizer;

import dev.litebench.engine.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreTokenizerTest {
    private static final String CONTRACTIONS = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])";
    // The regexes from llama.cpp's llm_tokenizer_bpe, run by java.util.regex with Unicode classes as reference
    // (\s = White_Space, \p{L}/\p{N}/\p{M} = categories): the hand-written matchers must split exactly like them.
    private static final Pattern QWEN2 = Pattern.compile(CONTRACTIONS
            + "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern LLAMA3 = Pattern.compile(CONTRACTIONS
            + "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern QWEN35 = Pattern.compile(CONTRACTIONS
            + "|[^\\r\\n\\p{L}\\p{N}]?[\\p{L}\\p{M}]+|\\p{N}| ?[^\\s\\p{L}\\p{M}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern GPT2 = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    /** Matches and the gaps between them, as llama.cpp's unicode_regex_split keeps both. */
    private static List<String> regexSplit(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) out.add(text.substring(last, m.start()));
            out.add(m.group());
            last = m.end();
        }
        if (last < text.length()) out.add(text.substring(last));
        return out;
    }

    @Test
    void handWrittenMatchersEqualTheRegexesOnRandomText() {
        SplittableRandom r = new SplittableRandom(2024);
        for (int i = 0; i < 4000; i++) {
            String text = TokenizerTest.randomUnicode(r, 30);
            assertThat(PreTokenizer.QWEN2.split(text)).as("qwen2 %s", text).isEqualTo(regexSplit(QWEN2, text));
            assertThat(PreTokenizer.LLAMA3.split(text)).as("llama3 %s", text).isEqualTo(regexSplit(LLAMA3, text));
            assertThat(PreTokenizer.QWEN35.split(text)).as("qwen35 %s", text).isEqualTo(regexSplit(QWEN35, text));
            assertThat(PreTokenizer.GPT2.split(text)).as("gpt2 %s", text).isEqualTo(regexSplit(GPT2, text));
        }
    }

    @Test
    void handWrittenMatchersEqualTheRegexesOnMixedText() {
        String text = MixedText.generate(30_000, 8);
        assertThat(PreTokenizer.QWEN2.split(text)).isEqualTo(regexSplit(QWEN2, text));
        assertThat(PreTokenizer.LLAMA3.split(text)).isEqualTo(regexSplit(LLAMA3, text));
        assertThat(PreTokenizer.GPT2.split(text)).isEqualTo(regexSplit(GPT2, text));
    }

    // The llama-bpe test vectors (ggml-vocab-llama-bpe.gguf.inp/.out) cannot be run: they need the Llama 3
    // vocabulary, which is not available here. So the llama-bpe pre-tokenizer's split is checked against
    // hand-written expectations derived from its regex instead.
    @Test
    void llamaBpeSplitsLikeLlama3() {
        PreTokenizer p = PreTokenizer.forName("llama-bpe");
        assertThat(p).isSameAs(PreTokenizer.LLAMA3);
        assertThat(p.split("Hello, y'all! How are you 😁 ?我想在apple工作1314151天～")).containsExactly(
                "Hello", ",", " y", "'all", "!", " How", " are", " you", " 😁", " ?", "我想在apple工作", "131", "415", "1",
                "天", "～");
        // digits in groups of up to three
        assertThat(p.split("3333333 3.14")).containsExactly("333", "333", "3", " ", "3", ".", "14");
        // case-insensitive contractions
        assertThat(p.split("I'VE don't We'Ve a'lL")).containsExactly("I", "'VE", " don", "'t", " We", "'Ve", " a", "'lL");
        // white space runs: a run ending in a newline, a run before a word keeps its last space for the word
        assertThat(p.split("   Hello")).containsExactly("  ", " Hello");
        assertThat(p.split("a  \n b")).containsExactly("a", "  \n", " b");
        assertThat(p.split("\n \n\n \t x")).containsExactly("\n \n\n", " \t", " x");
        assertThat(p.split("x\t\tfoo")).containsExactly("x", "\t", "\tfoo");
        assertThat(p.split("end   ")).containsExactly("end", "   ");
        assertThat(p.split("\r\n")).containsExactly("\r\n");
        // punctuation takes the trailing newlines
        assertThat(p.split("foo.\n\nbar")).containsExactly("foo", ".\n\n", "bar");
        // Chinese: a full-width comma is the optional non-letter before a run of letters; the ideographic space
        // U+3000 is white space and likewise joins the next word
        assertThat(p.split("你好，世界。\u3000再见")).containsExactly("你好", "，世界", "。", "\u3000再见");
        // an emoji ZWJ sequence with a variation selector is one run of "other" characters
        assertThat(p.split(" 😶\u200D🌫\uFE0F!")).containsExactly(" 😶\u200D🌫\uFE0F!");
        assertThat(p.ignoresMerges()).isTrue();
        assertThat(p.addsBosByDefault()).isTrue();
        assertThat(p.normalizesNfc()).isFalse();
    }

    @Test
    void qwen2SplitsDigitsOneByOne() {
        assertThat(PreTokenizer.QWEN2.split("1314151天 33")).containsExactly("1", "3", "1", "4", "1", "5", "1", "天", " ", "3", "3");
        assertThat(PreTokenizer.QWEN2.normalizesNfc()).isTrue();
        assertThat(PreTokenizer.QWEN2.ignoresMerges()).isFalse();
    }

    @Test
    void qwen35GroupsMarksWithLetters() {
        assertThat(PreTokenizer.QWEN2.split("e\u0301x")).containsExactly("e", "\u0301x");
        assertThat(PreTokenizer.QWEN35.split("e\u0301x")).containsExactly("e\u0301x");
    }

    @Test
    void gpt2Split() {
        assertThat(PreTokenizer.GPT2.split("Hello world's 123  x")).containsExactly("Hello", " world", "'s", " 123", " ", " x");
    }

    @Test
    void defaultChainsFourRegexes() {
        assertThat(PreTokenizer.forName("")).isSameAs(PreTokenizer.DEFAULT);
        assertThat(PreTokenizer.forName(null)).isSameAs(PreTokenizer.DEFAULT);
        assertThat(PreTokenizer.DEFAULT.split("Hello, world! 12345 $x"))
                .containsExactly("Hello", ",", " world", "!", " ", "123", "45", " ", "$", "x");
    }

    @Test
    void splitsTileTheText() {
        SplittableRandom r = new SplittableRandom(5);
        for (PreTokenizer p : PreTokenizer.values()) {
            for (int i = 0; i < 500; i++) {
                String text = TokenizerTest.randomUnicode(r, 30);
                assertThat(String.join("", p.split(text))).isEqualTo(text);
                assertThat(p.split(text)).doesNotContain("");
            }
        }
    }

    @Test
    void unknownNamesFailWithTheSupportedList() {
        assertThatThrownBy(() -> PreTokenizer.forName("tekken")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'tekken'").hasMessageContaining("qwen2").hasMessageContaining("llama-bpe")
                .hasMessageContaining("gpt-2").hasMessageContaining("default");
        assertThat(PreTokenizer.forName("deepseek-r1-qwen")).isSameAs(PreTokenizer.QWEN2);
    }
}
