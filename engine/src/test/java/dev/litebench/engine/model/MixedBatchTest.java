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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One step mixing prompt chunks long enough for the tiled attention (20 and 45 rows, the latter over two row groups),
 * a chunk below its threshold (3 rows) and a decode row of a sequence that already holds 30 positions: every
 * sequence's logits equal those of feeding it alone, one token at a time, through the row-by-row attention.
 */
class MixedBatchTest {
    @TempDir
    Path dir;

    @Test
    void promptChunksShortChunksAndDecodeRowsInOneStepMatchTokenByToken() throws Exception {
        Path file = dir.resolve("tiny.gguf");
        ModelSynthesizer.write(SynthPreset.TINY, SynthQuant.F32, BuiltinVocabulary.metadata(BuiltinVocabulary.QWEN_VOCAB_SIZE), 7, "t", file);
        Random rnd = new Random(11);
        int[] lengths = {20, 1, 45, 3};
        int[] history = {0, 30, 0, 0}; // positions already in the cache before the mixed step
        try (GGUFFile f = GGUFFile.open(file); Compute compute = new Compute(2, 512)) {
            Transformer t = Transformer.load(f);
            int vocab = t.config().vocabSize();
            ForwardPass pass = new ForwardPass(t.config(), t.weights(), compute, 128);
            KVCache cache = new KVCache(t.config(), 1024);
            int seqCount = lengths.length;
            int[][] tokens = new int[seqCount][];
            for (int s = 0; s < seqCount; s++) tokens[s] = rnd.ints(history[s] + lengths[s], 0, 150_000).toArray();

            Sequence[] mixed = new Sequence[seqCount];
            for (int s = 0; s < seqCount; s++) {
                mixed[s] = new Sequence();
                assertThat(mixed[s].reserve(cache, history[s] + lengths[s])).isTrue();
                for (int p = 0; p < history[s]; p++) {
                    pass.forward(1, new int[] {tokens[s][p]}, new int[] {p}, new Sequence[] {mixed[s]}, cache, new int[] {0}, 0, new float[vocab]);
                }
            }
            List<Integer> rowTokens = new ArrayList<>(), rowPositions = new ArrayList<>();
            List<Sequence> rowSeqs = new ArrayList<>();
            int[] lastRows = new int[seqCount];
            for (int s = 0; s < seqCount; s++) {
                for (int p = history[s]; p < history[s] + lengths[s]; p++) {
                    rowTokens.add(tokens[s][p]);
                    rowPositions.add(p);
                    rowSeqs.add(mixed[s]);
                }
                lastRows[s] = rowTokens.size() - 1;
            }
            float[] mixedLogits = new float[seqCount * vocab];
            pass.forward(rowTokens.size(), rowTokens.stream().mapToInt(Integer::intValue).toArray(),
                    rowPositions.stream().mapToInt(Integer::intValue).toArray(), rowSeqs.toArray(Sequence[]::new), cache,
                    lastRows, seqCount, mixedLogits);

            for (int s = 0; s < seqCount; s++) {
                Sequence alone = new Sequence();
                assertThat(alone.reserve(cache, tokens[s].length)).isTrue();
                float[] stepwise = new float[vocab];
                for (int p = 0; p < tokens[s].length; p++) {
                    pass.forward(1, new int[] {tokens[s][p]}, new int[] {p}, new Sequence[] {alone}, cache, new int[] {0},
                            p == tokens[s].length - 1 ? 1 : 0, stepwise);
                }
                double maxDiff = 0;
                for (int i = 0; i < vocab; i++) {
                    assertThat(Float.isFinite(mixedLogits[s * vocab + i])).isTrue();
                    maxDiff = Math.max(maxDiff, Math.abs(mixedLogits[s * vocab + i] - stepwise[i]));
                }
                assertThat(maxDiff).as("sequence %d", s).isLessThan(1e-4);
                alone.release(cache);
            }
        }
    }
}
