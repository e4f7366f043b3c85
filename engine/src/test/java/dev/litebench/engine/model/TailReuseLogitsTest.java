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
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A prompt sent again over a taken-over tail, or over slots copied from a full block, gets the logits of computing it from scratch. */
class TailReuseLogitsTest {
    @TempDir
    Path dir;

    @Test
    void theLastTokenOverACachedTailHasTheLogitsOfAFreshPrompt() throws Exception {
        Path file = dir.resolve("tiny.gguf");
        ModelSynthesizer.write(SynthPreset.TINY, SynthQuant.F32, BuiltinVocabulary.metadata(BuiltinVocabulary.QWEN_VOCAB_SIZE), 9, "t", file);
        int[] prompt = new Random(3).ints(2 * KVCache.BLOCK_TOKENS + 5, 0, 150_000).toArray();
        try (GGUFFile f = GGUFFile.open(file); Compute compute = new Compute(2, 512)) {
            Transformer t = Transformer.load(f);
            ForwardPass pass = new ForwardPass(t.config(), t.weights(), compute, 128);
            int vocab = t.config().vocabSize();

            float[] fresh = prefill(pass, new KVCache(t.config(), 256), new Sequence(), prompt, 0, vocab);

            KVCache cache = new KVCache(t.config(), 256);
            Sequence first = new Sequence();
            assertThat(first.admit(cache, prompt, prompt.length)).isZero();
            prefill(pass, cache, first, prompt, 0, vocab);
            first.release(cache);
            Sequence again = new Sequence();
            int cached = again.admit(cache, prompt, prompt.length);
            assertThat(cached).isEqualTo(prompt.length - 1);
            float[] reused = prefill(pass, cache, again, prompt, cached, vocab);

            assertMatches(fresh, reused);

            // the same prompt after a longer one (a prompt and its answer): the first slots of a full block, copied
            KVCache other = new KVCache(t.config(), 256);
            int[] conversation = Arrays.copyOf(prompt, 3 * KVCache.BLOCK_TOKENS + 2);
            for (int i = prompt.length; i < conversation.length; i++) conversation[i] = 1000 + i;
            Sequence answered = new Sequence();
            assertThat(answered.admit(other, conversation, conversation.length)).isZero();
            prefill(pass, other, answered, conversation, 0, vocab);
            Sequence repeat = new Sequence();
            int copied = repeat.admit(other, prompt, prompt.length);
            assertThat(copied).isEqualTo(prompt.length - 1);
            assertMatches(fresh, prefill(pass, other, repeat, prompt, copied, vocab));
        }
    }

    private static void assertMatches(float[] expected, float[] actual) {
        double maxDiff = 0;
        for (int i = 0; i < expected.length; i++) maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
        assertThat(maxDiff).isLessThan(1e-4);
    }

    /** Computes {@code prompt[from ..]} in one step (reserving as needed) and returns the last row's logits. */
    private static float[] prefill(ForwardPass pass, KVCache cache, Sequence s, int[] prompt, int from, int vocab) {
        assertThat(s.reserve(cache, prompt.length)).isTrue();
        int n = prompt.length - from;
        Sequence[] seqs = new Sequence[n];
        Arrays.fill(seqs, s);
        float[] out = new float[vocab];
        pass.forward(n, Arrays.copyOfRange(prompt, from, prompt.length), IntStream.range(from, prompt.length).toArray(), seqs, cache,
                new int[] {n - 1}, 1, out);
        return out;
    }
}
