package dev.litebench.engine.gguf;

import dev.litebench.engine.kernel.Compute;
import dev.litebench.engine.model.ForwardPass;
import dev.litebench.engine.model.KVCache;
import dev.litebench.engine.model.Sequence;
import dev.litebench.engine.model.Transformer;
import dev.litebench.engine.synth.BuiltinVocabulary;
import dev.litebench.engine.synth.ModelSynthesizer;
import dev.litebench.engine.synth.SynthPreset;
import dev.litebench.engine.synth.SynthQuant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Weights mapped or copied into anonymous memory hold the same bytes and give the same logits. */
class WeightMemoryTest {
    @TempDir
    Path dir;

    private Path tinyModel() throws Exception {
        Path file = dir.resolve("tiny.gguf");
        ModelSynthesizer.write(SynthPreset.TINY, SynthQuant.Q8_0, BuiltinVocabulary.metadata(BuiltinVocabulary.QWEN_VOCAB_SIZE), 5, "t", file);
        return file;
    }

    @Test
    void aCopyHoldsEveryTensorsBytesAndTheFilesMetadata() throws Exception {
        Path file = tinyModel();
        try (GGUFFile mapped = GGUFFile.open(file, WeightMemory.MAP); GGUFFile copied = GGUFFile.open(file, WeightMemory.COPY)) {
            assertThat(mapped.placement().copied()).isFalse();
            assertThat(copied.placement().copied()).isTrue();
            assertThat(copied.metadata().keySet()).containsExactlyElementsOf(mapped.metadata().keySet());
            assertThat(copied.meta().string("general.name", null)).isEqualTo("t");
            assertThat(copied.tensors().keySet()).containsExactlyElementsOf(mapped.tensors().keySet());
            for (TensorInfo t : mapped.tensors().values()) {
                TensorInfo c = copied.tensor(t.name());
                assertThat(c.data().address()).isNotEqualTo(t.data().address());
                assertThat(c.data().mismatch(t.data())).as(t.name()).isEqualTo(-1);
            }
        }
    }

    @Test
    void copiedWeightsGiveTheLogitsOfMappedOnes() throws Exception {
        Path file = tinyModel();
        assertThat(logits(file, WeightMemory.COPY)).isEqualTo(logits(file, WeightMemory.MAP));
    }

    @Test
    void autoLeavesASmallFileMapped() throws Exception {
        Path file = tinyModel();
        assertThat(file.toFile().length()).isLessThan(GGUFFile.COPY_MIN_BYTES);
        try (GGUFFile f = GGUFFile.open(file, WeightMemory.AUTO)) {
            assertThat(f.placement().copied()).isFalse();
        }
        try (GGUFFile f = GGUFFile.open(file)) {
            assertThat(f.placement()).isEqualTo(new WeightMemory.Placement(false, null));
        }
    }

    @Test
    void anonymousMemoryIsAlignedToTwoMebibytesUsableAndFoundInTheProcessMaps() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment m = LargePages.allocate(3 * LargePages.SIZE + 100, arena);
            if (m == null) {
                assertThat(System.getProperty("os.name").toLowerCase(Locale.ROOT)).doesNotContain("linux");
                return;
            }
            assertThat(m.address() % LargePages.SIZE).isZero();
            assertThat(m.byteSize()).isEqualTo(3 * LargePages.SIZE + 100);
            for (long at = 0; at < m.byteSize(); at += 4096) m.set(ValueLayout.JAVA_BYTE, at, (byte) 7);
            assertThat(m.get(ValueLayout.JAVA_BYTE, m.byteSize() - 1)).isZero();
            assertThat(LargePages.hugeBytesAround(m.address())).isBetween(0L, 1L << 40);
        }
        assertThat(LargePages.hugeBytesAround(0)).isEqualTo(-1);
        assertThat(LargePages.availableMemory()).isGreaterThan(1L << 20);
    }

    @Test
    void policiesAreNamedAsTheCliSpellsThem() {
        assertThat(WeightMemory.byId("copy")).isEqualTo(WeightMemory.COPY);
        assertThat(WeightMemory.byId("MAP")).isEqualTo(WeightMemory.MAP);
        assertThatThrownBy(() -> WeightMemory.byId("mlock")).hasMessage("--weight-memory must be auto, map or copy, not 'mlock'");
        assertThat(new WeightMemory.Placement(true, 1.0).describe()).isEqualTo("copied into anonymous memory, 2 MiB pages");
        assertThat(new WeightMemory.Placement(false, 0.0).describe()).isEqualTo("mapped from the file, 4 KiB pages");
        assertThat(new WeightMemory.Placement(false, 0.75).describe()).isEqualTo("mapped from the file, 75% in 2 MiB pages");
        assertThat(new WeightMemory.Placement(false, null).describe()).isEqualTo("mapped from the file, page size unknown");
    }

    private static float[] logits(Path file, WeightMemory memory) {
        try (GGUFFile f = GGUFFile.open(file, memory); Compute compute = new Compute(2, 512)) {
            Transformer t = Transformer.load(f);
            ForwardPass pass = new ForwardPass(t.config(), t.weights(), compute, 16);
            KVCache cache = new KVCache(t.config(), 64);
            Sequence s = new Sequence();
            int[] prompt = {11, 2000, 31, 4096, 150_000};
            assertThat(s.reserve(cache, prompt.length)).isTrue();
            Sequence[] seqs = new Sequence[prompt.length];
            Arrays.fill(seqs, s);
            float[] out = new float[t.config().vocabSize()];
            pass.forward(prompt.length, prompt, IntStream.range(0, prompt.length).toArray(), seqs, cache, new int[] {prompt.length - 1}, 1, out);
            return out;
        }
    }
}
