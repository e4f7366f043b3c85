package dev.litebench.cli;

import dev.litebench.engine.gguf.MetadataValue;
import dev.litebench.engine.synth.BuiltinVocabulary;
import dev.litebench.engine.synth.ModelSynthesizer;
import dev.litebench.engine.synth.SynthPreset;
import dev.litebench.engine.synth.SynthQuant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What {@code litebench bench} measures when given no target: Q8_0 models with the shapes of Qwen3-0.6B and
 * Qwen2.5-0.5B, synthesized once into the user's cache directory, each served by LiteBench in turn.
 */
final class DefaultTargets {
    static final List<SynthPreset> PRESETS = List.of(SynthPreset.QWEN3_0_6B, SynthPreset.QWEN2_5_0_5B);
    private static final long SEED = 1;

    private DefaultTargets() {}

    /** Tokenizer metadata ({@code tokenizer.*} keys) for a preset's synthetic file. */
    @FunctionalInterface
    interface TokenizerSource {
        Map<String, MetadataValue> tokenizer(SynthPreset preset) throws IOException;
    }

    /** LiteBench's built-in tokenizer and chat template (no download). */
    static final TokenizerSource BUILT_IN = preset -> BuiltinVocabulary.metadata(BuiltinVocabulary.QWEN_VOCAB_SIZE);

    /** {@code $XDG_CACHE_HOME/litebench/models}, else {@code ~/.cache/litebench/models}. */
    static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("litebench").resolve("models");
    }

    static Path modelFile(Path dir, SynthPreset p) {
        return dir.resolve(p.id + "-q8_0.gguf");
    }

    /** The default model files, synthesized into {@code dir} if not there yet. */
    static List<Path> ensureModels(Path dir, TokenizerSource tokenizers, Consumer<String> log) throws IOException {
        List<Path> files = new ArrayList<>();
        for (SynthPreset p : PRESETS) {
            Path f = modelFile(dir, p);
            if (!Files.isRegularFile(f)) {
                Map<String, MetadataValue> tokenizer = tokenizers.tokenizer(p);
                log.accept("synthesizing " + f + " (once; cached for later runs)");
                ModelSynthesizer.write(p, SynthQuant.Q8_0, tokenizer, SEED, "LiteBench synthetic " + p.id, f); // written aside, then renamed
            }
            files.add(f);
        }
        return files;
    }

    /** One {@code --serve} target per model file, labelled by the file name. */
    static TargetArgs serveTargets(List<Path> models) {
        TargetArgs args = new TargetArgs();
        for (Path m : models) args.add("--serve", m.toString());
        return args;
    }
}
