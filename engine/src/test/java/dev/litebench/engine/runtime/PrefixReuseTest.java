package dev.litebench.engine.runtime;

import dev.litebench.engine.generate.SamplingParams;
import dev.litebench.engine.generate.ThinkingSplitter;
import dev.litebench.engine.generate.TokenLogprobs;
import dev.litebench.engine.model.KVCache;
import dev.litebench.engine.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A prompt whose prefix is already cached gives the tokens and log-probabilities (hence logits, up to rounding) of
 * computing it from scratch on a fresh engine, and the cached part is reported; prompts sharing a prefix while
 * running together give their solo output.
 */
class PrefixReuseTest {
    static final SamplingParams GREEDY = SamplingParams.builder().temperature(0).maxTokens(12).ignoreEos(true)
            .logprobs(true).topLogprobs(5).build();

    record Output(List<Integer> tokens, List<TokenLogprobs> logprobs, GenerationResult result) {}

    static final class Recorder implements GenerationListener {
        final List<Integer> tokens = new ArrayList<>();
        final List<TokenLogprobs> logprobs = new ArrayList<>();
        final CompletableFuture<Output> done = new CompletableFuture<>();

        @Override
        public void onToken(int token, ThinkingSplitter.Delta text, TokenLogprobs lp) {
            tokens.add(token);
            logprobs.add(lp);
        }

        @Override
        public void onComplete(ThinkingSplitter.Delta tail, GenerationResult result) {
            done.complete(new Output(tokens, logprobs, result));
        }

        @Override
        public void onError(RuntimeException error) {
            done.completeExceptionally(error);
        }
    }

    static Path model() {
        return Fixtures.require("models/tiny-qwen3-f32.gguf");
    }

    static Engine engine() {
        return Engine.load(model(), new EngineOptions(2, 512, 4, 0, 64, 16));
    }

    static Recorder submit(Engine engine, int[] prompt) {
        Recorder r = new Recorder();
        engine.submit(new GenerationRequest(prompt, GREEDY, false, false), r);
        return r;
    }

    static Output run(Engine engine, int[] prompt) throws Exception {
        return submit(engine, prompt).done.get(60, TimeUnit.SECONDS);
    }

    static int[] prompt(Engine engine, String text) {
        return engine.tokenizer().encode(text, true);
    }

    /**
     * The same tokens, and raw log-probabilities equal up to rounding: the kernels sum a batch of many prompt rows
     * in another order than a few rows, and with reuse the prefill batch holds only the uncached part
     * (ReferenceLogitsTest allows 2e-4 against llama.cpp). Reusing the wrong blocks moves them by far more.
     */
    static void assertSameOutput(Output actual, Output expected) {
        assertThat(actual.tokens()).isEqualTo(expected.tokens());
        for (int i = 0; i < expected.logprobs().size(); i++) {
            TokenLogprobs a = actual.logprobs().get(i);
            TokenLogprobs e = expected.logprobs().get(i);
            assertThat(a.logprob()).as("token %d", i).isCloseTo(e.logprob(), within(1e-4));
            for (int k = 0; k < e.top().size(); k++) {
                assertThat(a.top().get(k).token()).as("token %d, alternative %d", i, k).isEqualTo(e.top().get(k).token());
                assertThat(a.top().get(k).logprob()).isCloseTo(e.top().get(k).logprob(), within(1e-4));
            }
        }
    }

    @Test
    void reusedPrefixGivesTheSameTokensAndLogprobsAsAFreshEngine() throws Exception {
        String shared = "<|im_start|>system\nYou are a careful assistant who answers in one short sentence.<|im_end|>\n"
                + "<|im_start|>user\n";
        try (Engine warm = engine(); Engine fresh = engine()) {
            int[] first = prompt(warm, shared + "What is the capital of France?<|im_end|>\n<|im_start|>assistant\n");
            int[] second = prompt(warm, shared + "Name three prime numbers.<|im_end|>\n<|im_start|>assistant\n");
            int sharedTokens = 0;
            while (first[sharedTokens] == second[sharedTokens]) sharedTokens++;
            // whole blocks, then the first slots of the block that follows them
            int expectedCached = sharedTokens;
            assertThat(expectedCached % KVCache.BLOCK_TOKENS).as("the test needs a shared part of a block").isPositive();
            assertThat(expectedCached).as("the test needs a shared whole block").isGreaterThanOrEqualTo(KVCache.BLOCK_TOKENS);

            Output firstCold = run(warm, first);
            assertThat(firstCold.result().cachedTokens()).isZero();
            assertThat(firstCold.result().timings().promptN()).isEqualTo(first.length);

            Output secondWarm = run(warm, second);
            assertThat(secondWarm.result().cachedTokens()).isEqualTo(expectedCached);
            assertThat(secondWarm.result().timings().cachedN()).isEqualTo(expectedCached);
            assertThat(secondWarm.result().timings().promptN()).isEqualTo(second.length - expectedCached);
            assertThat(secondWarm.result().promptTokens()).isEqualTo(second.length);
            assertSameOutput(secondWarm, run(fresh, second));

            Output firstAgain = run(warm, first);
            assertThat(firstAgain.result().cachedTokens()).as("all but the last token").isEqualTo(first.length - 1);
            assertSameOutput(firstAgain, firstCold);
            assertThat(warm.cache().freeBlocks()).isEqualTo(warm.cache().blocks());
        }
    }

    @Test
    void concurrentRequestsSharingAPrefixMatchTheirSoloRuns() throws Exception {
        try (Engine engine = engine(); Engine fresh = engine()) {
            String prefix = "Once upon a time, in a small village by the sea, there lived an old fisherman who ";
            String[] endings = {"sang.", "told stories to the children.", "never caught a fish.", "dreamed of the moon."};
            run(engine, prompt(engine, prefix + "slept.")); // leaves the prefix cached
            List<Recorder> recorders = new ArrayList<>();
            List<int[]> prompts = new ArrayList<>();
            for (String e : endings) {
                int[] p = prompt(engine, prefix + e);
                prompts.add(p);
                recorders.add(submit(engine, p));
            }
            for (int i = 0; i < endings.length; i++) {
                Output shared = recorders.get(i).done.get(60, TimeUnit.SECONDS);
                assertThat(shared.result().cachedTokens()).as(endings[i]).isPositive();
                assertSameOutput(shared, run(fresh, prompts.get(i)));
            }
            assertThat(engine.cache().freeBlocks()).isEqualTo(engine.cache().blocks());
        }
    }
}
