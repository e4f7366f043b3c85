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

    static Tokenizer load(String name) {
        try (GGUFFile f = GGUFFile.open(Fixtures.require("tokenizer/" + name))) {
            return Tokenizer.fromGguf(f.meta());
        }
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
}
