package dev.litebench.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.litebench.engine.gguf.GGUFFile;
import dev.litebench.engine.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** llama.cpp's qwen2 tokenizer test vectors against the two reconstructed Qwen vocabularies. */
class QwenVocabFixtureTest {
    record Case(String text, int[] ids) {}

    static List<Case> cases() throws IOException {
        Path json = Fixtures.require("tokenizer/ggml-vocab-qwen2.tests.json");
        List<Case> out = new ArrayList<>();
        for (JsonNode n : new ObjectMapper().readTree(json.toFile())) {
            int[] ids = new int[n.get("ids").size()];
            for (int i = 0; i < ids.length; i++) ids[i] = n.get("ids").get(i).asInt();
            out.add(new Case(n.get("text").asText(), ids));
        }
        return out;
    }

    private static final java.util.Map<String, Tokenizer> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The tokenizer of a fixture vocabulary (loaded once per test run); skips when the fixture is absent. */
    static Tokenizer load(String name) {
        Path path = Fixtures.require("tokenizer/" + name);
        return LOADED.computeIfAbsent(name, n -> {
            try (GGUFFile f = GGUFFile.open(path)) {
                return Tokenizer.fromGguf(f.meta());
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen3-vocab-reconstructed.gguf", "qwen2-vocab-reconstructed.gguf"})
    void reproducesAllQwen2TestVectors(String vocab) throws IOException {
        List<Case> cases = cases();
        Tokenizer tok = load(vocab);
        assertThat(cases).hasSize(46);
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            int[] got = tok.encode(c.text(), false);
            if (!Arrays.equals(got, c.ids())) {
                failures.add(c.text().replace("\n", "\\n") + ": expected " + Arrays.toString(c.ids()) + " got " + Arrays.toString(got));
            }
            assertThat(tok.decode(got)).isEqualTo(c.text());
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void qwen3SpecialTokensAndEogSetAsLlamaCppLoadsThem() {
        Tokenizer tok = load("qwen3-vocab-reconstructed.gguf");
        Vocabulary v = tok.vocabulary();
        assertThat(v.size()).isEqualTo(151936);
        assertThat(v.preName()).isEqualTo("qwen2");
        assertThat(v.bos()).isEqualTo(151643);
        assertThat(v.eos()).isEqualTo(151645);
        assertThat(v.pad()).isEqualTo(151643);
        assertThat(v.eot()).isEqualTo(151645);
        assertThat(v.addBos()).isFalse();
        // README: the EOG set llama.cpp computes for this vocabulary
        assertThat(v.eogIds()).containsExactly(128247, 151643, 151645, 151662, 151663, 151664);
        assertThat(v.token(128247)).isEqualTo("</s>");
        assertThat(v.tokenType(128247)).isEqualTo(Vocabulary.TYPE_CONTROL); // retyped control-looking token
        assertThat(v.fimPre()).isEqualTo(151659);
        assertThat(v.fimMid()).isEqualTo(151660);
        assertThat(v.fimSuf()).isEqualTo(151661);
        assertThat(v.special(Vocabulary.Special.FIM_PAD)).isEqualTo(151662);
        assertThat(v.special(Vocabulary.Special.FIM_REP)).isEqualTo(151663);
        assertThat(v.special(Vocabulary.Special.FIM_SEP)).isEqualTo(151664);
        assertThat(v.tokenType(151667)).isEqualTo(Vocabulary.TYPE_USER_DEFINED);
        assertThat(v.tokenType(151669)).isEqualTo(Vocabulary.TYPE_UNUSED);
        assertThat(tok.isEog(151645)).isTrue();
        assertThat(tok.isEog(151644)).isFalse();
        assertThat(tok.specialTokenId("<|im_start|>")).isEqualTo(151644);
        assertThat(tok.specialTokenId("<think>")).isEqualTo(151667);
    }

    @Test
    void qwen2VocabEogSet() {
        Vocabulary v = load("qwen2-vocab-reconstructed.gguf").vocabulary();
        assertThat(v.eogIds()).containsExactly(128247, 151643, 151645);
        assertThat(v.eot()).isEqualTo(151645);
    }

    @Test
    void qwen3ChatTurnWithAndWithoutParseSpecial() {
        Tokenizer tok = load("qwen3-vocab-reconstructed.gguf");
        String turn = "<|im_start|>assistant\n<think>\n\n</think>\n\nHi!<|im_end|>";
        int[] special = tok.encode(turn, true);
        assertThat(special[0]).isEqualTo(151644);
        assertThat(special[special.length - 1]).isEqualTo(151645);
        assertThat(special).contains(151667, 151668);
        assertThat(tok.decode(special, true)).isEqualTo(turn);
        assertThat(tok.decode(special)).isEqualTo("assistant\n<think>\n\n</think>\n\nHi!");
        int[] plain = tok.encode(turn, false);
        assertThat(plain).doesNotContain(151644, 151645).contains(151667, 151668); // <think> is USER_DEFINED
        assertThat(tok.decode(plain)).isEqualTo(turn);
    }

    @Test
    void qwen3RoundTripsAndStreamsMixedText() {
        Tokenizer tok = load("qwen3-vocab-reconstructed.gguf");
        String text = "🦙🚀 😶\u200d🌫️ Ḁ𝔘𝕟𝕚𝕔𝕠𝕕𝕖 多语言 ﷽ " + MixedText.generate(100_000, 17);
        int[] ids = tok.encode(text, false);
        assertThat(tok.decode(ids)).isEqualTo(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC));
        StreamingDecoder d = tok.streamingDecoder(false);
        StringBuilder sb = new StringBuilder();
        int held = 0;
        for (int id : ids) {
            String piece = d.feed(id);
            if (piece.isEmpty() && d.hasPending()) held++;
            sb.append(piece);
        }
        sb.append(d.flush());
        assertThat(sb.toString()).isEqualTo(tok.decode(ids));
        assertThat(held).as("tokens ending inside a character").isPositive();
    }
}
