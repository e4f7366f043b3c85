package dev.litebench.engine.tokenizer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streaming decode over a hand-made vocabulary: the 256 byte tokens (id = byte value) plus a few multi-byte
 * pieces that cut characters in the middle, and one CONTROL token.
 */
class StreamingDecoderTest {
    private static final Tokenizer TOK;
    private static final int CONTROL_ID;
    private static final int ROCKET_HEAD, ROCKET_TAIL, ZHONG_HEAD;

    static {
        List<String> tokens = new ArrayList<>();
        for (int b = 0; b < 256; b++) tokens.add(ByteUnicode.byteString(b));
        ROCKET_HEAD = tokens.size();
        tokens.add(ByteUnicode.encode(new byte[] {(byte) 0xF0, (byte) 0x9F}, 0, 2));
        ROCKET_TAIL = tokens.size();
        tokens.add(ByteUnicode.encode(new byte[] {(byte) 0x9A, (byte) 0x80, 'a'}, 0, 3));
        ZHONG_HEAD = tokens.size();
        tokens.add(ByteUnicode.encode(new byte[] {'x', (byte) 0xE4, (byte) 0xB8}, 0, 3));
        CONTROL_ID = tokens.size();
        tokens.add("<|im_end|>");
        int[] types = new int[tokens.size()];
        Arrays.fill(types, Vocabulary.TYPE_NORMAL);
        types[CONTROL_ID] = Vocabulary.TYPE_CONTROL;
        TOK = new Tokenizer(Vocabulary.builder(tokens).types(types).pre("qwen2")
                .special(Vocabulary.Special.EOS, CONTROL_ID).build());
    }

    private static int b(int value) {
        return value; // byte tokens have id = byte value in this vocabulary
    }

    @Test
    void holdsBackASplitChineseCharacter() {
        StreamingDecoder d = TOK.streamingDecoder(false);
        byte[] zhong = "中".getBytes(StandardCharsets.UTF_8);
        assertThat(d.feed(b(zhong[0] & 0xFF))).isEmpty();
        assertThat(d.hasPending()).isTrue();
        assertThat(d.feed(b(zhong[1] & 0xFF))).isEmpty();
        assertThat(d.feed(b(zhong[2] & 0xFF))).isEqualTo("中");
        assertThat(d.hasPending()).isFalse();
        assertThat(d.flush()).isEmpty();
    }

    @Test
    void emojiSplitOverTwoThreeAndFourTokens() {
        byte[] rocket = "🚀".getBytes(StandardCharsets.UTF_8);
        // two tokens: F0 9F | 9A 80 a
        StreamingDecoder d = TOK.streamingDecoder(false);
        assertThat(d.feed(ROCKET_HEAD)).isEmpty();
        assertThat(d.feed(ROCKET_TAIL)).isEqualTo("🚀a");
        // three tokens: F0 9F | 9A | 80
        assertThat(d.feed(ROCKET_HEAD)).isEmpty();
        assertThat(d.feed(b(rocket[2] & 0xFF))).isEmpty();
        assertThat(d.feed(b(rocket[3] & 0xFF))).isEqualTo("🚀");
        // four tokens, one byte each
        StringBuilder out = new StringBuilder();
        for (byte x : rocket) out.append(d.feed(b(x & 0xFF)));
        assertThat(out.toString()).isEqualTo("🚀");
        // a token that completes one character and starts the next: "x" + E4 B8 | AD
        assertThat(d.feed(ZHONG_HEAD)).isEqualTo("x");
        assertThat(d.feed(b(0xAD))).isEqualTo("中");
    }

    @Test
    void invalidBytesBecomeReplacementCharacters() {
        StreamingDecoder d = TOK.streamingDecoder(false);
        assertThat(d.feed(b(0xFF))).isEqualTo("\uFFFD");         // never valid
        assertThat(d.feed(b(0x80))).isEqualTo("\uFFFD");         // stray continuation byte
        assertThat(d.feed(b(0xE4))).isEmpty();                   // could still become a character
        assertThat(d.feed(b('a'))).isEqualTo("\uFFFDa");         // ... but did not
        assertThat(d.feed(b(0xC0))).isEqualTo("\uFFFD");         // overlong lead byte
        assertThat(d.feed(b(0xED))).isEmpty();
        assertThat(d.feed(b(0xA0))).isEqualTo("\uFFFD\uFFFD");   // ED A0 would be a surrogate
        assertThat(d.feed(b(0xF0))).isEmpty();
        assertThat(d.feed(b(0x9F))).isEmpty();
        assertThat(d.flush()).isEqualTo("\uFFFD");               // dangling incomplete sequence
        assertThat(d.flush()).isEmpty();
    }

    @Test
    void controlTokensRenderedOrSkipped() {
        StreamingDecoder skip = TOK.streamingDecoder(false);
        StreamingDecoder render = TOK.streamingDecoder(true);
        assertThat(skip.rendersSpecial()).isFalse();
        assertThat(skip.feed(b('o'))).isEqualTo("o");
        assertThat(skip.feed(CONTROL_ID)).isEmpty();
        assertThat(render.feed(CONTROL_ID)).isEqualTo("<|im_end|>");
        // a control token in the middle of a split character does not break it when skipped
        assertThat(skip.feed(ROCKET_HEAD)).isEmpty();
        assertThat(skip.feed(CONTROL_ID)).isEmpty();
        assertThat(skip.feed(ROCKET_TAIL)).isEqualTo("🚀a");
        // when rendered, its text ends the incomplete character
        assertThat(render.feed(ROCKET_HEAD)).isEmpty();
        assertThat(render.feed(CONTROL_ID)).isEqualTo("\uFFFD<|im_end|>");
    }

    @Test
    void resetDropsPendingBytes() {
        StreamingDecoder d = TOK.streamingDecoder(false);
        d.feed(ROCKET_HEAD);
        d.reset();
        assertThat(d.hasPending()).isFalse();
        assertThat(d.feed(b('z'))).isEqualTo("z");
    }

    private static String decodeBytes(String hex) {
        int[] ids = new int[hex.length() / 2];
        for (int i = 0; i < ids.length; i++) ids[i] = Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        StreamingDecoder d = TOK.streamingDecoder(false);
        StringBuilder out = new StringBuilder();
        for (int id : ids) out.append(d.feed(id));
        String streamed = out.append(d.flush()).toString();
        assertThat(streamed).isEqualTo(TOK.decode(ids));
        return streamed;
    }

    @Test
    void oneReplacementPerMaximalIllFormedSubpart() {
        // expectations from Python's bytes.decode("utf-8", "replace"), which follows the Unicode recommendation
        assertThat(decodeBytes("EDAF")).isEqualTo("\uFFFD\uFFFD");
        assertThat(decodeBytes("EDA080")).isEqualTo("\uFFFD\uFFFD\uFFFD");
        assertThat(decodeBytes("F09F")).isEqualTo("\uFFFD");
        assertThat(decodeBytes("E080")).isEqualTo("\uFFFD\uFFFD");
        assertThat(decodeBytes("F4908080")).isEqualTo("\uFFFD\uFFFD\uFFFD\uFFFD");
        assertThat(decodeBytes("C3")).isEqualTo("\uFFFD");
        assertThat(decodeBytes("E4B841")).isEqualTo("\uFFFDA");
        assertThat(decodeBytes("F5")).isEqualTo("\uFFFD");
        assertThat(decodeBytes("C0AF")).isEqualTo("\uFFFD\uFFFD");
        assertThat(decodeBytes("EFBFBD")).isEqualTo("\uFFFD");
        assertThat(decodeBytes("F09F9A80")).isEqualTo("🚀");
    }

    @Test
    void matchesJavasDecoderAndTheWholeDecodeOnRandomBytes() {
        SplittableRandom r = new SplittableRandom(42);
        for (int iter = 0; iter < 20000; iter++) {
            int n = r.nextInt(24);
            int[] ids = new int[n + 1];
            byte[] bytes = new byte[n + 1];
            for (int i = 0; i < n; i++) {
                // bias towards the interesting bytes
                int v = switch (r.nextInt(4)) {
                    case 0 -> 0x80 + r.nextInt(0x40);
                    case 1 -> 0xC0 + r.nextInt(0x40);
                    case 2 -> r.nextInt(0x80);
                    default -> r.nextInt(256);
                };
                // Java's decoder groups ED A0..BF (encoded surrogates) differently from the Unicode recommendation
                // (tested above), so leave that pair out here
                if (i > 0 && (bytes[i - 1] & 0xFF) == 0xED && v >= 0xA0 && v <= 0xBF) v = 0x80;
                ids[i] = v;
                bytes[i] = (byte) v;
            }
            // end with ASCII: Java also differs on a truncated sequence at the very end
            ids[n] = 'A';
            bytes[n] = 'A';
            String expected = new String(bytes, StandardCharsets.UTF_8);
            assertThat(TOK.decode(ids)).isEqualTo(expected);
            StreamingDecoder d = TOK.streamingDecoder(false);
            StringBuilder out = new StringBuilder();
            for (int id : ids) {
                out.append(d.feed(id));
                // what has been emitted is never taken back
                assertThat(expected).startsWith(out.toString());
            }
            out.append(d.flush());
            assertThat(out.toString()).isEqualTo(expected);
        }
    }

    @Test
    void streamsRealTextTokenByToken() {
        Tokenizer tok = new Tokenizer(TinyVocab.qwenLike());
        String text = "多语言 streaming 🚀🦙 😶‍🌫️ über naïve — 中文测试。\n" + MixedText.generate(5_000, 3);
        int[] ids = tok.encode(text, false);
        StreamingDecoder d = tok.streamingDecoder(false);
        StringBuilder out = new StringBuilder();
        for (int id : ids) {
            String piece = d.feed(id);
            // never emits half of a surrogate pair or a replacement character for valid text
            assertThat(piece).doesNotContain("\uFFFD");
            if (!piece.isEmpty()) assertThat(Character.isHighSurrogate(piece.charAt(piece.length() - 1))).isFalse();
            out.append(piece);
        }
        out.append(d.flush());
        assertThat(out.toString()).isEqualTo(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC));
    }
}
