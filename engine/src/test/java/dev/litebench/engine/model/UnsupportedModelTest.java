package dev.litebench.engine.model;

import dev.litebench.engine.BadInputException;
import dev.litebench.engine.gguf.GGUFFile;
import dev.litebench.engine.gguf.GGUFWriter;
import dev.litebench.engine.gguf.MetadataValue;
import dev.litebench.engine.synth.BuiltinVocabulary;
import dev.litebench.engine.synth.ModelSynthesizer;
import dev.litebench.engine.synth.SynthPreset;
import dev.litebench.engine.synth.SynthQuant;
import dev.litebench.engine.tensor.GGMLType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Models the engine cannot run fail at load with a message saying what is supported. */
class UnsupportedModelTest {
    @TempDir
    Path dir;

    @Test
    void unknownArchitectureListsSupportedOnes() throws Exception {
        Path p = dir.resolve("gpt2.gguf");
        new GGUFWriter().put("general.architecture", MetadataValue.string("gpt2"))
                .tensor("token_embd.weight", GGMLType.F32, new long[] {4, 8}, seg -> { })
                .write(p);
        try (GGUFFile f = GGUFFile.open(p)) {
            assertThatThrownBy(() -> Transformer.load(f)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("architecture 'gpt2' is not supported (supported: llama, qwen2, qwen3)");
        }
    }

    @Test
    void unsupportedTensorTypeNamesTheTensorAndTheSupportedTypes() throws Exception {
        Path tiny = dir.resolve("tiny.gguf");
        ModelSynthesizer.write(SynthPreset.TINY, SynthQuant.F32, BuiltinVocabulary.metadata(BuiltinVocabulary.QWEN_VOCAB_SIZE), 1, "t", tiny);
        Path odd = dir.resolve("odd.gguf");
        try (GGUFFile f = GGUFFile.open(tiny)) {
            GGUFWriter w = new GGUFWriter().putAll(f.metadata());
            f.tensors().values().forEach(t -> {
                boolean swap = t.name().equals("blk.1.ffn_up.weight");
                GGMLType type = swap ? GGMLType.MXFP4 : t.type();
                w.tensor(t.name(), type, t.shape(), dst -> {
                    if (!swap) MemorySegment.copy(t.data(), 0, dst, 0, t.byteSize());
                });
            });
            w.write(odd);
        }
        try (GGUFFile f = GGUFFile.open(odd)) {
            assertThatThrownBy(() -> Transformer.load(f)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("tensor 'blk.1.ffn_up.weight' has type MXFP4")
                    .hasMessageContaining("supported: F32, F16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q2_K, Q3_K, Q4_K, Q5_K, Q6_K, IQ4_NL, IQ4_XS, BF16");
        }
    }
}
