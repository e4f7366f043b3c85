package dev.litebench.cli;

import dev.litebench.engine.synth.SynthPreset;
import dev.litebench.bench.targets.TargetSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultTargetsTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultIsTwoServedModelsQwen3ThenQwen25() throws Exception {
        for (var p : DefaultTargets.PRESETS) Files.writeString(DefaultTargets.modelFile(dir, p), "cached");
        List<Path> models = DefaultTargets.ensureModels(dir, preset -> {
            throw new AssertionError("cached files must not be synthesized again");
        }, line -> {});
        assertThat(models).containsExactly(dir.resolve("qwen3-0.6b-q8_0.gguf"), dir.resolve("qwen2.5-0.5b-q8_0.gguf"));
        List<TargetSpec> targets = DefaultTargets.serveTargets(models).build(SelfLaunch::serve);
        assertThat(targets).extracting(TargetSpec::kind).containsOnly(TargetSpec.Kind.SERVE);
        assertThat(targets).extracting(TargetSpec::label).containsExactly("qwen3-0.6b-q8_0", "qwen2.5-0.5b-q8_0");
        assertThat(targets.get(0).launchCommand()).contains("serve", models.get(0).toAbsolutePath().toString());
        assertThat(targets.get(0).endpoint().port()).isNotEqualTo(targets.get(1).endpoint().port());
    }

    @Test
    void theDefaultModelsUseTheBuiltInTokenizerAndTemplate() throws Exception {
        var meta = new dev.litebench.engine.gguf.Metadata("built-in", DefaultTargets.BUILT_IN.tokenizer(SynthPreset.QWEN3_0_6B));
        assertThat(meta.strings("tokenizer.ggml.tokens")).hasSize(151936);
        assertThat(meta.string("tokenizer.chat_template")).contains("<|im_start|>");
    }

    @Test
    void theCacheFollowsXdg() {
        assertThat(DefaultTargets.cacheDir().toString()).endsWith("litebench/models");
    }
}
