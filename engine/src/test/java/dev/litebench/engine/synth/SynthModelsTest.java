package dev.litebench.engine.synth;

import dev.litebench.engine.generate.SamplingParams;
import dev.litebench.engine.gguf.GGUFFile;
import dev.litebench.engine.gguf.MetadataValue;
import dev.litebench.engine.runtime.Engine;
import dev.litebench.engine.runtime.EngineOptions;
import dev.litebench.engine.runtime.GenerationListener;
import dev.litebench.engine.runtime.GenerationRequest;
import dev.litebench.engine.runtime.GenerationResult;
import dev.litebench.engine.generate.ThinkingSplitter;
import dev.litebench.engine.generate.TokenLogprobs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every preset and every quantization: the file loads, generates without NaN, and greedy output is the same across
 * runs and thread counts. Real presets run at Q4_0 (their smallest file) to keep the suite fast; every quantization
 * runs on the tiny preset.
 */
class SynthModelsTest {
    @TempDir
    static Path dir;
    static Map<String, MetadataValue> vocab;

    @BeforeAll
    static void vocab() {
        vocab = BuiltinVocabulary.metadata(BuiltinVocabulary.QWEN_VOCAB_SIZE);
    }

    @ParameterizedTest
    @EnumSource(SynthQuant.class)
    void tinyPresetInEveryQuantization(SynthQuant quant) throws Exception {
        checkGenerates(SynthPreset.TINY, quant, 24);
    }

    @ParameterizedTest
    @EnumSource(value = SynthPreset.class, names = "TINY", mode = EnumSource.Mode.EXCLUDE)
    void realPresetShapes(SynthPreset preset) throws Exception {
        checkGenerates(preset, SynthQuant.Q4_0, 4);
    }

    private static void checkGenerates(SynthPreset preset, SynthQuant quant, int tokens) throws Exception {
        Path file = dir.resolve(preset.id + "-" + quant.id() + ".gguf");
        ModelSynthesizer.write(preset, quant, vocab, 42, "test", file);
        try {
            try (GGUFFile f = GGUFFile.open(file)) {
                assertThat(f.requireTensor("blk.0.attn_q.weight").type()).isEqualTo(quant.matrixType(preset.hidden));
                assertThat(f.requireTensor("token_embd.weight").type()).isEqualTo(quant.embeddingType(preset.hidden));
                assertThat(f.meta().integer(preset.architecture + ".block_count")).isEqualTo(preset.layers);
                assertThat(f.tensor("blk.0.attn_q.bias") != null).isEqualTo(preset.qkvBias());
            }
            SamplingParams greedy = SamplingParams.builder().temperature(0).maxTokens(tokens).ignoreEos(true).logprobs(true).build();
            List<Integer> twoThreads = generate(file, 2, greedy);
            assertThat(twoThreads).hasSize(tokens);
            assertThat(generate(file, 2, greedy)).isEqualTo(twoThreads);
            assertThat(generate(file, 1, greedy)).isEqualTo(twoThreads);
            assertThat(Set.copyOf(twoThreads)).as("greedy output of random weights is not one repeated token").hasSizeGreaterThan(1);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Greedy tokens; fails on a NaN logprob (a NaN anywhere in the logits makes every logprob NaN). */
    static List<Integer> generate(Path file, int threads, SamplingParams params) throws Exception {
        try (Engine e = Engine.load(file, EngineOptions.single(threads).withContextSize(256))) {
            int[] prompt = e.tokenizer().encode("<|im_start|>user\n请简要介绍人工智能的发展历程。<|im_end|>\n<|im_start|>assistant\n", true);
            List<Integer> out = new ArrayList<>();
            CompletableFuture<GenerationResult> done = new CompletableFuture<>();
            e.submit(new GenerationRequest(prompt, params, true, false), new GenerationListener() {
                @Override
                public void onToken(int token, ThinkingSplitter.Delta text, TokenLogprobs logprobs) {
                    if (Double.isNaN(logprobs.logprob())) done.completeExceptionally(new AssertionError("NaN logits at token " + out.size()));
                    out.add(token);
                }

                @Override
                public void onComplete(ThinkingSplitter.Delta tail, GenerationResult result) {
                    done.complete(result);
                }

                @Override
                public void onError(RuntimeException error) {
                    done.completeExceptionally(error);
                }
            });
            done.get(120, TimeUnit.SECONDS);
            return out;
        }
    }

}
