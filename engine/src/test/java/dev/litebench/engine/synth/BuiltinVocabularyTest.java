package dev.litebench.engine.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.litebench.engine.gguf.Metadata;
import dev.litebench.engine.gguf.MetadataValue;
import dev.litebench.engine.template.ChatTemplate;
import dev.litebench.engine.testing.Fixtures;
import dev.litebench.engine.tokenizer.Tokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltinVocabularyTest {
    static Map<String, MetadataValue> meta;
    static Tokenizer tokenizer;

    @BeforeAll
    static void build() {
        meta = BuiltinVocabulary.metadata(BuiltinVocabulary.QWEN_VOCAB_SIZE);
        tokenizer = Tokenizer.fromGguf(new Metadata("builtin", meta));
    }

    @Test
    void qwenSpecialTokensSitAtQwenIds() {
        assertThat(tokenizer.vocabSize()).isEqualTo(151936);
        assertThat(tokenizer.encode("<|im_start|>user\nhi<|im_end|>", true)).startsWith(151644).endsWith(151645);
        assertThat(tokenizer.encode("<think>", false)).containsExactly(151667);
        assertThat(tokenizer.encode("<|im_end|>", false)).hasSizeGreaterThan(1); // control tokens are text without parse_special
        assertThat(tokenizer.isEog(151645)).isTrue();
        assertThat(tokenizer.isEog(151643)).isTrue();
    }

    @Test
    void anyTextRoundTripsAndCommonWordsAreMerged() {
        String text = "请简要介绍人工智能的发展历程。 The history of artificial intelligence 🚀 \t\n code();";
        int[] ids = tokenizer.encode(text, false);
        assertThat(tokenizer.decode(ids)).isEqualTo(text);
        assertThat(tokenizer.encode(" intelligence", false)).hasSizeLessThan(" intelligence".length());
    }

    @Test
    void paddingIdsDecodeToVisibleDistinctWords() {
        String a = tokenizer.decode(new int[] {100_000});
        String b = tokenizer.decode(new int[] {100_001});
        assertThat(a).startsWith(" ").hasSizeGreaterThan(2).isNotEqualTo(b);
        assertThat(tokenizer.decode(new int[] {151_900})).matches(" [a-z]+");
    }

    @Test
    void deterministic() {
        assertThat(new Metadata("a", BuiltinVocabulary.metadata(151936)).strings("tokenizer.ggml.merges"))
                .isEqualTo(new Metadata("b", meta).strings("tokenizer.ggml.merges"));
    }

    /** LiteBench's own Qwen3-format template renders every golden conversation exactly as Qwen3's does. */
    @Test
    @SuppressWarnings("unchecked")
    void chatTemplateRendersLikeQwen3() throws IOException {
        Path golden = Fixtures.require("templates/golden.json");
        ChatTemplate ours = ChatTemplate.parse(BuiltinVocabulary.resource("qwen3-chat-template.jinja"));
        List<Map<String, Object>> entries = new ObjectMapper().readValue(golden.toFile(), List.class);
        int compared = 0;
        for (Map<String, Object> entry : entries) {
            if (!entry.get("template").equals("Qwen-Qwen3-0.6B.jinja")) continue;
            Map<String, Object> conversation = (Map<String, Object>) entry.get("conversation");
            Map<String, Object> vars = new HashMap<>((Map<String, Object>) entry.get("kwargs"));
            vars.put("messages", conversation.get("messages"));
            vars.put("tools", conversation.get("tools"));
            vars.put("documents", null);
            assertThat(ours.render(vars)).as((String) conversation.get("name")).isEqualTo(entry.get("rendered"));
            compared++;
        }
        assertThat(compared).isEqualTo(9);
    }
}
