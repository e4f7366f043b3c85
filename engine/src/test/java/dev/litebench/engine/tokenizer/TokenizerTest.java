package dev.litebench.engine.tokenizer;

import dev.litebench.engine.BadInputException;
import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Encoder and decoder rules on a vocabulary built in the test (always runs). */
class TokenizerTest {
    private final Vocabulary vocab = TinyVocab.qwenLike();
    private final Tokenizer tok = new Tokenizer(vocab);

    private int id(String text) {
        int id = vocab.id(text);
        assertThat(id).as(text).isNotEqualTo(Vocabulary.NONE);
        return id;
    }

    private static boolean contains(int[] ids, int id) {
        return Arrays.stream(ids).anyMatch(x -> x == id);
    }

    @Test
    void controlTokensArePlainTextWithoutParseSpecial() {
        String text = "<|im_start|>user\nhello<|im_end|>";
        int[] ids = tok.encode(text, false);
        assertThat(contains(ids, id("<|im_start|>"))).isFalse();
        assertThat(contains(ids, id("<|im_end|>"))).isFalse();
        assertThat(tok.decode(ids)).isEqualTo(text);
    }

    @Test
    void controlTokensMatchWithParseSpecial() {
        int[] ids = tok.encode("<|im_start|>user\nhello<|im_end|>\n", true);
        assertThat(ids[0]).isEqualTo(id("<|im_start|>"));
        int[] middle = tok.encode("user\nhello", false);
        assertThat(Arrays.copyOfRange(ids, 1, 1 + middle.length)).containsExactly(middle);
        assertThat(ids[1 + middle.length]).isEqualTo(id("<|im_end|>"));
        assertThat(ids[ids.length - 1]).isEqualTo(id("\u010A")); // "\n" in byte-to-unicode form
        // control tokens decode to nothing unless rendered
        assertThat(tok.decode(ids)).isEqualTo("user\nhello\n");
        assertThat(tok.decode(ids, true)).isEqualTo("<|im_start|>user\nhello<|im_end|>\n");
    }

    @Test
    void userDefinedTokensMatchEvenWithoutParseSpecial() {
        for (boolean parseSpecial : new boolean[] {false, true}) {
            int[] ids = tok.encode("<think>\nok\n</think>\n\n<tool_call>{}</tool_call>", parseSpecial);
            assertThat(ids[0]).isEqualTo(id("<think>"));
            assertThat(contains(ids, id("</think>"))).isTrue();
            assertThat(contains(ids, id("<tool_call>"))).isTrue();
            assertThat(contains(ids, id("</tool_call>"))).isTrue();
            // user-defined tokens are text: they decode even without rendering specials
            assertThat(tok.decode(ids)).isEqualTo("<think>\nok\n</think>\n\n<tool_call>{}</tool_call>");
        }
    }

    @Test
    void partitionTakesTheLongestAddedTokenFirst() {
        // llama.cpp's tokenizer_st_partition: each added token in turn, longest text first, splits every plain
        // fragment - so in "baab" the longer "aab" wins although "ba" starts further left
        java.util.List<String> tokens = new java.util.ArrayList<>();
        for (int b : ByteUnicode.GPT2_ORDER) tokens.add(ByteUnicode.byteString(b));
        tokens.add("ba");
        tokens.add("aab");
        int[] types = new int[tokens.size()];
        Arrays.fill(types, Vocabulary.TYPE_NORMAL);
        types[256] = types[257] = Vocabulary.TYPE_USER_DEFINED;
        Tokenizer t = new Tokenizer(Vocabulary.builder(tokens).types(types).pre("qwen2").build());
        assertThat(t.encode("baab", false)).containsExactly(tokens.indexOf("b"), 257);
        assertThat(t.encode("baxba", false)).containsExactly(256, tokens.indexOf("x"), 256);
        // a prefix of an added token stays plain text
        int[] ids = tok.encode("x</tool_call>y<tool_call", false);
        assertThat(Arrays.stream(ids).filter(i -> i == id("</tool_call>")).count()).isEqualTo(1);
        assertThat(contains(ids, id("<tool_call>"))).isFalse();
        assertThat(tok.decode(ids)).isEqualTo("x</tool_call>y<tool_call");
        // adjacent added tokens
        assertThat(tok.encode("<|im_end|><|im_end|><think>", true))
                .containsExactly(id("<|im_end|>"), id("<|im_end|>"), id("<think>"));
    }

    @Test
    void addedTokensSplitPreTokenization() {
        // the text on each side of an added token is pre-tokenized on its own
        int[] ids = tok.encode("hello<think>world", false);
        int[] left = tok.encode("hello", false), right = tok.encode("world", false);
        int[] expected = new int[left.length + 1 + right.length];
        System.arraycopy(left, 0, expected, 0, left.length);
        expected[left.length] = id("<think>");
        System.arraycopy(right, 0, expected, left.length + 1, right.length);
        assertThat(ids).containsExactly(expected);
    }

    @Test
    void textIsNormalizedToNfcFirst() {
        String decomposed = "Cafe\u0301 e\u0301te\u0301 \u1100\u1161"; // e + combining acute; Hangul jamo
        String composed = Normalizer.normalize(decomposed, Normalizer.Form.NFC);
        assertThat(composed).isNotEqualTo(decomposed);
        assertThat(tok.encode(decomposed, false)).containsExactly(tok.encode(composed, false));
        assertThat(tok.decode(tok.encode(decomposed, false))).isEqualTo(composed);
        // added tokens are matched before normalizing (HF: normalized=false), so a combining mark after one
        // does not compose with its last character (">" + U+0338 would become U+226F)
        int[] ids = tok.encode("<think>\u0338", false);
        assertThat(ids[0]).isEqualTo(id("<think>"));
        assertThat(tok.decode(ids)).isEqualTo("<think>\u0338");
    }

    @Test
    void emptyAndSpecialOnlyInputs() {
        assertThat(tok.encode("", false)).isEmpty();
        assertThat(tok.encode("", true, false)).isEmpty(); // add_bos is false for Qwen
        assertThat(tok.decode(new int[0])).isEmpty();
        assertThat(tok.encode("<|endoftext|>", true)).containsExactly(vocab.bos());
    }

    @Test
    void addSpecialPrependsBosOnlyWhenTheVocabularySaysSo() {
        Vocabulary withBos = Vocabulary.builder(vocab.tokens()).types(vocab.tokenTypes()).merges(vocab.merges())
                .pre("qwen2").special(Vocabulary.Special.BOS, vocab.bos()).special(Vocabulary.Special.EOS, vocab.eos())
                .addBos(true).build();
        Tokenizer t = new Tokenizer(withBos);
        int[] plain = t.encode("hi", false);
        int[] ids = t.encode("hi", true, false);
        assertThat(ids[0]).isEqualTo(vocab.bos());
        assertThat(Arrays.copyOfRange(ids, 1, ids.length)).containsExactly(plain);
    }

    @Test
    void unusedTokensDecodeToNothing() {
        assertThat(tok.decode(new int[] {id("[PAD0]")}, true)).isEmpty();
        assertThat(tok.tokenBytes(id("[PAD0]"))).isEmpty();
    }

    @Test
    void tokenBytesRenderSpecialsByDefault() {
        assertThat(new String(tok.tokenBytes(id("<|im_end|>")))).isEqualTo("<|im_end|>");
        assertThat(tok.tokenBytes(id("<|im_end|>"), false)).isEmpty();
        assertThat(tok.tokenBytes(id("\u0120"))).containsExactly(' '); // "Ġ" is the space byte
        assertThat(tok.vocabSize()).isEqualTo(vocab.size());
    }

    @Test
    void specialTokenLookupByText() {
        assertThat(tok.specialTokenId("<|im_end|>")).isEqualTo(id("<|im_end|>"));
        assertThat(tok.specialTokenId("<think>")).isEqualTo(id("<think>"));
        assertThat(tok.specialTokenId("[PAD0]")).isEqualTo(Vocabulary.NONE); // unused: not an added token to match
        assertThat(tok.specialTokenId("a")).isEqualTo(Vocabulary.NONE);
    }

    @Test
    void outOfRangeIdsAreBadInput() {
        assertThatThrownBy(() -> tok.decode(new int[] {vocab.size()})).isInstanceOf(BadInputException.class)
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> tok.tokenBytes(-1)).isInstanceOf(BadInputException.class);
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacters() {
        String text = "a\uD800b\uDC00c";
        assertThat(tok.decode(tok.encode(text, false))).isEqualTo("a\uFFFDb\uFFFDc");
    }

    /** A random string drawn from many scripts and all the white space kinds the pre-tokenizer cares about. */
    static String randomUnicode(SplittableRandom r, int maxLen) {
        int[][] ranges = {
                {0x20, 0x7E}, {0x20, 0x7E}, {0x20, 0x7E}, {'0', '9'}, {0x09, 0x0D}, {0xA0, 0x17F}, {0x300, 0x36F},
                {0x391, 0x3C9}, {0x410, 0x44F}, {0x5D0, 0x5EA}, {0x600, 0x6FF}, {0x900, 0x97F}, {0xE00, 0xE5B},
                {0x1100, 0x1175}, {0x1780, 0x17DD}, {0x2000, 0x206F}, {0x3000, 0x303F}, {0x3040, 0x30FF},
                {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3}, {0xFF00, 0xFF65}, {0x1F300, 0x1F6FF}, {0x1F900, 0x1F9FF},
                {0x20000, 0x2A6DF}, {0x1D400, 0x1D7FF}, {0xE000, 0xE0FF}, {0x10FF00, 0x10FFFD}, {0x378, 0x379},
        };
        String[] specials = {"<|im_start|>", "<|endoftext|>", "'s", "'LL", "\r\n", "   ", "\u200D", "\uFE0F", "\u0085",
                "\u2028", "\u00A0\u00A0"};
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(maxLen + 1);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(12) == 0) {
                sb.append(specials[r.nextInt(specials.length)]);
                continue;
            }
            int[] range = ranges[r.nextInt(ranges.length)];
            sb.appendCodePoint(range[0] + r.nextInt(range[1] - range[0] + 1));
        }
        return sb.toString();
    }

    @Test
    void roundTripsRandomUnicode() {
        SplittableRandom r = new SplittableRandom(1234);
        for (int i = 0; i < 3000; i++) {
            String text = randomUnicode(r, 40);
            int[] ids = tok.encode(text, false);
            assertThat(tok.decode(ids)).as("round trip of %s", text.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(Normalizer.normalize(text, Normalizer.Form.NFC));
        }
    }

    @Test
    void roundTripsMixedTextAndCompresses() {
        String text = MixedText.generate(50_000, 99);
        int[] ids = tok.encode(text, false);
        assertThat(tok.decode(ids)).isEqualTo(Normalizer.normalize(text, Normalizer.Form.NFC));
        assertThat(ids.length).isLessThan(text.length());
    }

    @Test
    void cacheDoesNotChangeResults() {
        Tokenizer uncached = new Tokenizer(vocab, 0);
        Tokenizer tiny = new Tokenizer(vocab, 3); // cleared all the time
        String text = MixedText.generate(20_000, 5);
        int[] expected = uncached.encode(text, false);
        assertThat(tok.encode(text, false)).containsExactly(expected);
        assertThat(tok.encode(text, false)).containsExactly(expected);
        assertThat(tiny.encode(text, false)).containsExactly(expected);
    }

    @Test
    void concurrentEncodingGivesTheSameIds() throws Exception {
        String text = MixedText.generate(30_000, 11);
        int[] expected = new Tokenizer(vocab, 0).encode(text, false);
        Tokenizer shared = new Tokenizer(vocab, 50);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<int[]>>();
            for (int i = 0; i < 8; i++) futures.add(pool.submit(() -> shared.encode(text, false)));
            for (var f : futures) assertThat(f.get()).containsExactly(expected);
        }
    }
}
