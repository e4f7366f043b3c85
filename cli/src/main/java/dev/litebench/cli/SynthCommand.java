package dev.litebench.cli;

import dev.litebench.engine.gguf.GGUFFile;
import dev.litebench.engine.gguf.MetadataValue;
import dev.litebench.engine.synth.BuiltinVocabulary;
import dev.litebench.engine.synth.ModelSynthesizer;
import dev.litebench.engine.synth.SynthPreset;
import dev.litebench.engine.synth.SynthQuant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Write a GGUF model with a real model's exact shapes and seeded random weights.",
                "Speed and memory do not depend on weight values, so these files measure what the real model would, "
                        + "with no download. The text they generate is meaningless.",
                "Presets: qwen3-0.6b, qwen3-1.7b, qwen2.5-0.5b, qwen1.5-0.5b (qwen2 architecture with q/k/v biases), tiny (for tests).",
                "Without --vocab the file gets LiteBench's built-in tokenizer (byte-level BPE learned from text LiteBench ships, "
                        + "Qwen special tokens at their Qwen ids) and a Qwen3-format chat template."})
final class SynthCommand implements Callable<Integer> {

    @Option(names = "--preset", required = true, paramLabel = "NAME", description = "Model shape: ${COMPLETION-CANDIDATES}.",
            completionCandidates = Presets.class)
    String preset;

    @Option(names = "--quant", paramLabel = "TYPE", defaultValue = "q8_0",
            description = "Weight format: f32, f16, bf16, q8_0, q4_0, q4_k (default ${DEFAULT-VALUE}). q4_0 and q4_k store the embedding as Q6_K, as llama-quantize does; q4_k is close to llama.cpp's Q4_K_S. Matrices whose rows do not fit the format's block (256 values for q4_k) are stored as Q8_0.")
    String quant;

    @Option(names = "--vocab", paramLabel = "VOCAB.gguf", description = "Copy the tokenizer and chat template (all tokenizer.* metadata) from this GGUF.")
    Path vocab;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}): the same seed writes the same file.")
    long seed;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.gguf", description = "Where to write the model.")
    Path output;

    static final class Presets implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(SynthPreset.values()).map(p -> p.id).iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        SynthPreset p = SynthPreset.byId(preset);
        SynthQuant q = SynthQuant.byId(quant);
        Map<String, MetadataValue> tokenizer = vocab != null ? copyTokenizer(vocab) : BuiltinVocabulary.metadata(BuiltinVocabulary.QWEN_VOCAB_SIZE);
        long start = System.nanoTime();
        ModelSynthesizer.write(p, q, tokenizer, seed, "litebench-synth-" + p.id + "-" + q.id(), output);
        System.err.printf(Locale.ROOT, "wrote %s (%s, %s %s) in %.1f s%n", output, Units.bytes(Files.size(output)), p.id, q.id(),
                (System.nanoTime() - start) / 1e9);
        return Main.EXIT_OK;
    }

    static Map<String, MetadataValue> copyTokenizer(Path vocab) {
        Map<String, MetadataValue> m = new LinkedHashMap<>();
        try (GGUFFile f = GGUFFile.open(vocab)) {
            f.metadata().forEach((k, v) -> {
                if (k.startsWith("tokenizer.")) m.put(k, v);
            });
        }
        if (!m.containsKey("tokenizer.ggml.tokens")) {
            throw new IllegalArgumentException(vocab + ": has no tokenizer (tokenizer.ggml.tokens is missing)");
        }
        return m;
    }
}
