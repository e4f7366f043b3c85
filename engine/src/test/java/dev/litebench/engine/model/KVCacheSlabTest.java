package dev.litebench.engine.model;

import dev.litebench.engine.gguf.GGUFFile;
import dev.litebench.engine.kernel.Compute;
import dev.litebench.engine.synth.BuiltinVocabulary;
import dev.litebench.engine.synth.ModelSynthesizer;
import dev.litebench.engine.synth.SynthPreset;
import dev.litebench.engine.synth.SynthQuant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Blocks packed into slabs: disjoint places, a short last slab, and attention that does not care where a block lives. */
class KVCacheSlabTest {
    static final ModelConfig CONFIG = KVCachePrefixTest.CONFIG;
    @TempDir
    Path dir;

    private static long blockBytes() {
        return KVCache.blockBytes(CONFIG) / 2; // keys only
    }

    @Test
    void blocksFillSlabsOfAtLeastTheAskedSizeWithoutOverlapping() {
        KVCache cache = new KVCache(CONFIG, 10 * KVCache.BLOCK_TOKENS, 3 * blockBytes());
        cache.allocateAll();
        for (int b = 0; b < 10; b++) {
            assertThat(cache.keys(b)).as("block %d", b).isSameAs(cache.keys(b / 3 * 3));
            assertThat(cache.blockStart(b)).isEqualTo(b % 3 * (int) (blockBytes() / Short.BYTES));
        }
        assertThat(cache.keys(2)).isNotSameAs(cache.keys(3));
        assertThat(cache.keys(9).length).as("the last slab holds only block 9").isEqualTo((int) (blockBytes() / Short.BYTES));
        assertThat(cache.values(9)).isNotSameAs(cache.keys(9)).hasSameSizeAs(cache.keys(9));

        KVCache roomy = new KVCache(CONFIG, 10 * KVCache.BLOCK_TOKENS);
        roomy.allocateAll();
        assertThat(roomy.keys(0)).as("a pool smaller than one slab is one array").isSameAs(roomy.keys(9));
        assertThat(roomy.keys(0).length).isEqualTo(10 * (int) (blockBytes() / Short.BYTES));
    }

    @Test
    void aSequenceAcrossSlabsGetsTheLogitsOfOneInASingleSlab() throws Exception {
        Path file = dir.resolve("tiny.gguf");
        ModelSynthesizer.write(SynthPreset.TINY, SynthQuant.F32, BuiltinVocabulary.metadata(BuiltinVocabulary.QWEN_VOCAB_SIZE), 3, "t", file);
        int[] tokens = new Random(5).ints(70, 0, 150_000).toArray(); // 5 blocks
        try (GGUFFile f = GGUFFile.open(file); Compute compute = new Compute(2, 512)) {
            Transformer t = Transformer.load(f);
            ForwardPass pass = new ForwardPass(t.config(), t.weights(), compute, 128);
            int vocab = t.config().vocabSize();
            float[] sliced = logits(pass, new KVCache(t.config(), 128, 1), tokens, vocab);
            float[] whole = logits(pass, new KVCache(t.config(), 128), tokens, vocab);
            assertThat(sliced).containsExactly(whole);
        }
    }

    /** Prefill of all but the last token in one step, then the last token alone (decode attention). */
    private static float[] logits(ForwardPass pass, KVCache cache, int[] tokens, int vocab) {
        Sequence s = new Sequence();
        assertThat(s.reserve(cache, tokens.length)).isTrue();
        int n = tokens.length - 1;
        int[] positions = java.util.stream.IntStream.range(0, n).toArray();
        Sequence[] seqs = new Sequence[n];
        java.util.Arrays.fill(seqs, s);
        pass.forward(n, java.util.Arrays.copyOf(tokens, n), positions, seqs, cache, new int[] {n - 1}, 0, new float[vocab]);
        float[] out = new float[vocab];
        pass.forward(1, new int[] {tokens[n]}, new int[] {n}, new Sequence[] {s}, cache, new int[] {0}, 1, out);
        return out;
    }
}
