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

/**
 * 2,100 positions (132 KV blocks, RoPE angles far beyond the fixtures' 30 positions): the logits after a sequence
 * prefilled in 512-row chunks equal those after feeding it one token at a time, and stay finite.
 */
class LongSequenceTest {
    @TempDir
    Path dir;

    @Test
    void chunkedPrefillEqualsTokenByTokenOver2100Positions() throws Exception {
        Path file = dir.resolve("tiny.gguf");
        ModelSynthesizer.write(SynthPreset.TINY, SynthQuant.F32, BuiltinVocabulary.metadata(BuiltinVocabulary.QWEN_VOCAB_SIZE), 7, "t", file);
        int n = 2100;
        int[] tokens = new Random(3).ints(n, 0, 150_000).toArray();
        try (GGUFFile f = GGUFFile.open(file); Compute compute = new Compute(2, 512)) {
            Transformer t = Transformer.load(f);
            int vocab = t.config().vocabSize();
            ForwardPass pass = new ForwardPass(t.config(), t.weights(), compute, 512);
            KVCache cache = new KVCache(t.config(), 2 * n + KVCache.BLOCK_TOKENS);

            float[] chunked = new float[vocab];
            Sequence a = new Sequence();
            assertThat(a.reserve(cache, n)).isTrue();
            for (int start = 0; start < n; start += 512) {
                int rows = Math.min(512, n - start);
                int[] pos = new int[rows];
                Sequence[] seqs = new Sequence[rows];
                int[] chunk = new int[rows];
                for (int i = 0; i < rows; i++) {
                    pos[i] = start + i;
                    seqs[i] = a;
                    chunk[i] = tokens[start + i];
                }
                boolean last = start + rows == n;
                pass.forward(rows, chunk, pos, seqs, cache, new int[] {rows - 1}, last ? 1 : 0, chunked);
            }

            float[] stepwise = new float[vocab];
            Sequence b = new Sequence();
            assertThat(b.reserve(cache, n)).isTrue();
            for (int i = 0; i < n; i++) {
                pass.forward(1, new int[] {tokens[i]}, new int[] {i}, new Sequence[] {b}, cache, new int[] {0}, i == n - 1 ? 1 : 0, stepwise);
            }
            assertThat(a.length()).isEqualTo(n);
            double maxDiff = 0;
            for (int i = 0; i < vocab; i++) {
                assertThat(Float.isFinite(chunked[i])).isTrue();
                maxDiff = Math.max(maxDiff, Math.abs(chunked[i] - stepwise[i]));
            }
            assertThat(maxDiff).isLessThan(1e-4);
        }
    }
}
