package dev.litebench.engine.tokenizer;

import dev.litebench.engine.BadInputException;
import dev.litebench.engine.gguf.Metadata;
import dev.litebench.engine.gguf.MetadataValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** llama.cpp's load-time rules on small vocabularies built in the test (always runs). */
class VocabularyTest {
    /** The 256 byte tokens, then {@code extra}. */
    private static List<String> tokens(String... extra) {
        List<String> t = new ArrayList<>();
        for (int b : ByteUnicode.GPT2_ORDER) t.add(ByteUnicode.byteString(b));
        t.addAll(List.of(extra));
        return t;
    }

    private static int[] types(List<String> tokens, Map<String, Integer> special) {
        int[] types = new int[tokens.size()];
        Arrays.fill(types, Vocabulary.TYPE_NORMAL);
        special.forEach((text, type) -> types[tokens.indexOf(text)] = type);
        return types;
    }

    @Test
    void eogSetRetypesControlLookingTokens() {
        // "</s>" is a plain BPE token here (as 128247 in Qwen's vocabulary)
        List<String> t = tokens("</s>", "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|fim_prefix|>", "<|fim_middle|>",
                "<|fim_suffix|>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>", "<think>");
        Vocabulary v = Vocabulary.builder(t)
                .types(types(t, Map.of("<|endoftext|>", 3, "<|im_start|>", 3, "<|im_end|>", 3, "<|fim_prefix|>", 3,
                        "<|fim_middle|>", 3, "<|fim_suffix|>", 3, "<|fim_pad|>", 3, "<|repo_name|>", 3, "<|file_sep|>", 3,
                        "<think>", 4)))
                .pre("qwen2")
                .special(Vocabulary.Special.BOS, t.indexOf("<|endoftext|>"))
                .special(Vocabulary.Special.EOS, t.indexOf("<|im_end|>"))
                .special(Vocabulary.Special.PAD, t.indexOf("<|endoftext|>"))
                .addBos(false)
                .build();
        int s = t.indexOf("</s>");
        assertThat(v.tokenType(s)).isEqualTo(Vocabulary.TYPE_CONTROL);
        assertThat(v.isControl(s)).isTrue();
        assertThat(v.warnings()).anyMatch(w -> w.contains("control-looking token") && w.contains("</s>"));
        assertThat(v.eogIds()).containsExactly(s, t.indexOf("<|endoftext|>"), t.indexOf("<|im_end|>"),
                t.indexOf("<|fim_pad|>"), t.indexOf("<|repo_name|>"), t.indexOf("<|file_sep|>"));
        assertThat(v.isEog(t.indexOf("<|im_start|>"))).isFalse();
        assertThat(v.isEog(-1)).isFalse();
        assertThat(v.eot()).isEqualTo(t.indexOf("<|im_end|>"));
        assertThat(v.fimPre()).isEqualTo(t.indexOf("<|fim_prefix|>"));
        assertThat(v.fimMid()).isEqualTo(t.indexOf("<|fim_middle|>"));
        assertThat(v.fimSuf()).isEqualTo(t.indexOf("<|fim_suffix|>"));
        assertThat(v.special(Vocabulary.Special.FIM_REP)).isEqualTo(t.indexOf("<|repo_name|>"));
        assertThat(v.special(Vocabulary.Special.FIM_SEP)).isEqualTo(t.indexOf("<|file_sep|>"));
        assertThat(v.tokenType(t.indexOf("<think>"))).isEqualTo(Vocabulary.TYPE_USER_DEFINED);
        // a retyped control token is matched only with parse_special, and decodes only when rendered
        Tokenizer tok = new Tokenizer(v);
        assertThat(tok.encode("</s>", true)).containsExactly(s);
        assertThat(tok.encode("</s>", false)).doesNotContain(s);
        assertThat(tok.decode(new int[] {s})).isEmpty();
        assertThat(tok.decode(new int[] {s}, true)).isEqualTo("</s>");
    }

    @Test
    void eosAndEotJoinTheEogSetEvenWithUnusualTexts() {
        List<String> t = tokens("[STOP]", "[TURN]");
        Vocabulary v = Vocabulary.builder(t).special(Vocabulary.Special.EOS, 256).special(Vocabulary.Special.EOT, 257)
                .special(Vocabulary.Special.BOS, 256).build();
        assertThat(v.eogIds()).containsExactly(256, 257);
        assertThat(v.warnings()).anyMatch(w -> w.contains("special_eos_id is not in special_eog_ids"));
    }

    @Test
    void gpt2DefaultsBosAndEosTo11() {
        Vocabulary v = Vocabulary.builder(tokens()).build();
        assertThat(v.bos()).isEqualTo(11);
        assertThat(v.eos()).isEqualTo(11);
        assertThat(v.eogIds()).containsExactly(11);
        assertThat(v.addBos()).isFalse();
        assertThat(v.preTokenizer()).isSameAs(PreTokenizer.DEFAULT);
        // out-of-range ids from the file are ignored, keeping the default
        Vocabulary w = Vocabulary.builder(tokens()).special(Vocabulary.Special.EOS, 100_000).build();
        assertThat(w.eos()).isEqualTo(11);
        assertThat(w.warnings()).anyMatch(m -> m.contains("bad special token"));
        // a tiny vocabulary has no token 11
        Vocabulary tiny = Vocabulary.builder(new String[] {"a", "b"}).build();
        assertThat(tiny.bos()).isEqualTo(Vocabulary.NONE);
        assertThat(tiny.eogIds()).isEmpty();
    }

    @Test
    void llama3DefaultsToAddBos() {
        List<String> t = tokens("<|begin_of_text|>", "<|eot_id|>");
        Vocabulary v = Vocabulary.builder(t).pre("llama-bpe").special(Vocabulary.Special.BOS, 256)
                .special(Vocabulary.Special.EOS, 257).build();
        assertThat(v.addBos()).isTrue();
        assertThat(v.eot()).isEqualTo(257);
        assertThatThrownBy(() -> Vocabulary.builder(new String[] {"a"}).pre("llama-bpe").build())
                .isInstanceOf(BadInputException.class).hasMessageContaining("add_bos_token is true");
    }

    @Test
    void controlTokensNamedUnusedAreUnused() {
        List<String> t = tokens("<unused0>", "<ctrl>");
        Vocabulary v = Vocabulary.builder(t).types(types(t, Map.of("<unused0>", 3, "<ctrl>", 3))).build();
        assertThat(v.isUnused(256)).isTrue();
        assertThat(v.isUnused(257)).isFalse();
        assertThat(v.tokenType(256)).isEqualTo(Vocabulary.TYPE_CONTROL); // still matched and rendered as control
    }

    @Test
    void duplicateTokensAreRejected() {
        assertThatThrownBy(() -> Vocabulary.builder(new String[] {"a", "b", "a"}).build())
                .isInstanceOf(BadInputException.class).hasMessageContaining("duplicate token").hasMessageContaining("'a'");
    }

    @Test
    void mergeRanks() {
        Vocabulary v = Vocabulary.builder(tokens("ab", "abc")).merges(new String[] {"a b", "ab c", "a b"}).pre("qwen2").build();
        assertThat(v.mergeRank("a", "b")).isEqualTo(0); // a duplicated merge keeps its first rank
        assertThat(v.mergeRank("ab", "c")).isEqualTo(1);
        assertThat(v.mergeRank("b", "c")).isEqualTo(-1);
        assertThat(new Tokenizer(v).encode("abc ab", false)).containsExactly(257, v.id("\u0120"), 256);
    }

    private static Metadata meta(Map<String, MetadataValue> extra) {
        Map<String, MetadataValue> m = new HashMap<>();
        m.put("tokenizer.ggml.model", MetadataValue.string("gpt2"));
        m.put("tokenizer.ggml.pre", MetadataValue.string("qwen2"));
        m.put("tokenizer.ggml.tokens", MetadataValue.strings(tokens("<|im_end|>")));
        m.put("tokenizer.ggml.merges", MetadataValue.strings(List.of()));
        m.putAll(extra);
        return new Metadata("test.gguf", m);
    }

    @Test
    void readsGgufMetadata() {
        int[] types = new int[257];
        Arrays.fill(types, 1);
        types[256] = 3;
        Vocabulary v = Vocabulary.fromGguf(meta(Map.of(
                "tokenizer.ggml.token_type", MetadataValue.int32s(types),
                "tokenizer.ggml.eos_token_id", MetadataValue.uint32(256),
                "tokenizer.ggml.bos_token_id", MetadataValue.uint32(256),
                "tokenizer.ggml.add_bos_token", MetadataValue.bool(true))));
        assertThat(v.eos()).isEqualTo(256);
        assertThat(v.addBos()).isTrue();
        assertThat(v.preName()).isEqualTo("qwen2");
        assertThat(v.model()).isEqualTo("gpt2");
        assertThat(v.tokenType(256)).isEqualTo(Vocabulary.TYPE_CONTROL);
        assertThat(v.size()).isEqualTo(257);
        assertThat(v.source()).isEqualTo("test.gguf");
    }

    @Test
    void unsupportedTokenizerModelFailsClearly() {
        assertThatThrownBy(() -> Vocabulary.fromGguf(meta(Map.of("tokenizer.ggml.model", MetadataValue.string("llama")))))
                .isInstanceOf(BadInputException.class)
                .hasMessage("test.gguf: tokenizer model 'llama' (tokenizer.ggml.model) is not supported; supported: gpt2");
    }

    @Test
    void unsupportedPreTokenizerFailsClearly() {
        assertThatThrownBy(() -> Vocabulary.fromGguf(meta(Map.of("tokenizer.ggml.pre", MetadataValue.string("falcon")))))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("unsupported pre-tokenizer 'falcon'").hasMessageContaining("supported: qwen2");
    }

    @Test
    void missingMergesFail() {
        Map<String, MetadataValue> m = new HashMap<>(meta(Map.of()).values());
        m.remove("tokenizer.ggml.merges");
        assertThatThrownBy(() -> Vocabulary.fromGguf(new Metadata("x.gguf", m)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("merges");
    }

    @Test
    void writesGgufMetadataThatReadsBackEqual(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Vocabulary v = TinyVocab.qwenLike();
        java.nio.file.Path file = dir.resolve("vocab.gguf");
        new dev.litebench.engine.gguf.GGUFWriter().put("general.architecture", MetadataValue.string("qwen3"))
                .putAll(v.toGgufMetadata()).write(file);
        Vocabulary back;
        try (dev.litebench.engine.gguf.GGUFFile f = dev.litebench.engine.gguf.GGUFFile.open(file)) {
            back = Vocabulary.fromGguf(f.meta());
        }
        assertThat(back.tokens()).isEqualTo(v.tokens());
        assertThat(back.tokenTypes()).containsExactly(v.tokenTypes());
        assertThat(back.merges()).isEqualTo(v.merges());
        assertThat(back.eogIds()).containsExactly(v.eogIds());
        for (Vocabulary.Special s : Vocabulary.Special.values()) assertThat(back.special(s)).as(s.name()).isEqualTo(v.special(s));
        assertThat(back.addBos()).isEqualTo(v.addBos());
        assertThat(back.preTokenizer()).isSameAs(PreTokenizer.QWEN2);
        String text = MixedText.generate(5_000, 1) + "<|im_start|><think>";
        assertThat(new Tokenizer(back).encode(text, true)).containsExactly(new Tokenizer(v).encode(text, true));
    }
}
