package dev.litebench.server;

import dev.litebench.engine.gguf.MetadataValue;
import dev.litebench.engine.synth.BuiltinVocabulary;
import dev.litebench.engine.synth.ModelSynthesizer;
import dev.litebench.engine.synth.SynthPreset;
import dev.litebench.engine.synth.SynthQuant;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model the server tests serve: the tiny preset with random weights and LiteBench's built-in vocabulary, so the
 * tests need no fixture files. Its chat template opens {@code <think>} when {@code enable_thinking} is true, so
 * reasoning output is deterministic even though the weights are random. Written once per test JVM.
 */
final class TestModel {
    private static Path path;

    private TestModel() {}

    static synchronized Path path() {
        if (path == null) {
            try {
                Path dir = Files.createDirectories(Path.of("target", "test-models"));
                Map<String, MetadataValue> tokenizer = new LinkedHashMap<>(BuiltinVocabulary.metadata(BuiltinVocabulary.QWEN_VOCAB_SIZE));
                tokenizer.put("tokenizer.chat_template", MetadataValue.string(resource("opt-in-thinking.jinja")));
                Path p = dir.resolve("tiny-opt-in-thinking.gguf");
                ModelSynthesizer.write(SynthPreset.TINY, SynthQuant.F32, tokenizer, 7, "tiny-opt-in-thinking", p);
                path = p;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return path;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = TestModel.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
