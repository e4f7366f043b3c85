package dev.litebench.engine.runtime;

import dev.litebench.engine.synth.BuiltinVocabulary;
import dev.litebench.engine.synth.ModelSynthesizer;
import dev.litebench.engine.synth.SynthPreset;
import dev.litebench.engine.synth.SynthQuant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The warm-up runs real generations through the scheduler, stops by its rules and leaves the KV pool as it found it. */
class WarmupTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void synthesize() throws java.io.IOException {
        model = dir.resolve("tiny.gguf");
        ModelSynthesizer.write(SynthPreset.TINY, SynthQuant.Q8_0, BuiltinVocabulary.metadata(BuiltinVocabulary.QWEN_VOCAB_SIZE), 5, "t", model);
    }

    private static Engine engine(int parallel, int kvTokens) {
        return Engine.load(model, new EngineOptions(2, 512, parallel, kvTokens, 128, 16));
    }

    private static int[] text(Engine e) {
        return e.tokenizer().encode("Warm engines answer at once, cold ones make the first client wait. ".repeat(4), false);
    }

    @Test
    void aZeroBudgetRunsOneRoundOfLongShortBatchedAndLoneRequests() throws Exception {
        try (Engine e = engine(4, 0)) {
            AtomicInteger texts = new AtomicInteger();
            Warmup.Result r = Warmup.run(e, () -> {
                texts.incrementAndGet();
                return text(e);
            }, 0);
            assertThat(r.rounds()).isEqualTo(1);
            assertThat(texts).hasValue(1);
            // one long prompt, the four short ones decoded together, one decoded alone
            assertThat(r.requests()).isEqualTo(6);
            assertThat(r.nanos()).isPositive().isGreaterThanOrEqualTo(r.lastRoundNanos());
            // the scheduler retires a sequence just after reporting its end: give it a moment
            long deadline = System.nanoTime() + 5_000_000_000L;
            while ((e.running() > 0 || e.cache().freeBlocks() < e.cache().blocks()) && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(e.running()).isZero();
            assertThat(e.waiting()).isZero();
            // every block is back in the pool (some still hold the warm-up's prefixes, reusable at once)
            assertThat(e.cache().freeBlocks()).isEqualTo(e.cache().blocks());
        }
    }

    @Test
    void withTimeItRepeatsRoundsUntilOneIsNoFaster() throws Exception {
        try (Engine e = engine(2, 0)) {
            Warmup.Result r = Warmup.run(e, () -> text(e), 120_000_000_000L);
            assertThat(r.rounds()).isBetween(Warmup.MIN_ROUNDS, 60);
            assertThat(r.requests()).isEqualTo(r.rounds() * (2 + 2));
        }
    }

    @Test
    void promptsAreCutToFitASmallPoolSoNothingIsRefused() throws Exception {
        try (Engine e = engine(8, 40)) {
            Warmup.Result r = Warmup.run(e, () -> text(e), 0);
            assertThat(r.requests()).isEqualTo(1 + 8 + 1);
        }
    }

    @Test
    void aTextWithoutTokensIsAnError() {
        try (Engine e = engine(1, 0)) {
            assertThatThrownBy(() -> Warmup.run(e, () -> new int[0], 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no tokens");
        }
    }
}
