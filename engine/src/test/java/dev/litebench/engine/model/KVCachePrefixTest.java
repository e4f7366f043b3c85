package dev.litebench.engine.model;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Block sharing by prefix: matching, reference counts, reuse after release, eviction order, all-or-nothing admission. */
class KVCachePrefixTest {
    static final int B = KVCache.BLOCK_TOKENS;
    static final ModelConfig CONFIG = new ModelConfig("qwen3", 8, 1, 1, 1, 8, 8, 100, 1024, 1e6f, 1e-6f, true);

    static int[] tokens(int n, int first) {
        return IntStream.range(first, first + n).toArray();
    }

    /** Admits {@code prompt} and marks all of it filled, as the forward pass does. */
    static Sequence prefilled(KVCache cache, int[] prompt, int total) {
        Sequence s = new Sequence();
        int cached = s.admit(cache, prompt, total);
        assertThat(cached).isGreaterThanOrEqualTo(0);
        for (int p = cached; p < prompt.length; p++) s.filled(cache, p, prompt[p]);
        return s;
    }

    @Test
    void aSecondPromptWithTheSamePrefixSharesItsFullBlocks() {
        KVCache cache = new KVCache(CONFIG, 20 * B);
        int[] prompt = tokens(3 * B + 5, 1);
        Sequence first = prefilled(cache, prompt, prompt.length + 10);
        int used = cache.blocks() - cache.freeBlocks();
        assertThat(used).isEqualTo(4);

        Sequence second = new Sequence();
        assertThat(second.admit(cache, prompt, prompt.length + 10)).isEqualTo(3 * B);
        assertThat(second.length()).isEqualTo(3 * B);
        assertThat(cache.blocks() - cache.freeBlocks()).as("3 shared + 1 fresh").isEqualTo(used + 1);
        for (int p = 0; p < 3 * B; p++) assertThat(second.block(p)).isEqualTo(first.block(p));
        assertThat(second.block(3 * B)).isNotEqualTo(first.block(3 * B));

        first.release(cache);
        second.release(cache);
        assertThat(cache.freeBlocks()).isEqualTo(cache.blocks());
    }

    @Test
    void theLastPromptTokenIsNeverTakenFromTheCache() {
        KVCache cache = new KVCache(CONFIG, 20 * B);
        int[] prompt = tokens(2 * B, 1);
        prefilled(cache, prompt, prompt.length + 1).release(cache);
        assertThat(new Sequence().admit(cache, prompt, prompt.length + 1)).as("one block, so the last token yields logits").isEqualTo(B);
    }

    @Test
    void aBlockMatchesOnlyAfterTheSamePrefix() {
        KVCache cache = new KVCache(CONFIG, 20 * B);
        int[] prompt = tokens(3 * B, 1);
        prefilled(cache, prompt, prompt.length + 1);
        int[] otherStart = prompt.clone();
        otherStart[0] = 99; // blocks 2 and 3 hold the same tokens but follow a different first block
        assertThat(new Sequence().admit(cache, otherStart, otherStart.length + 1)).isZero();
        int[] divergesInSecondBlock = prompt.clone();
        divergesInSecondBlock[B + 3] = 99;
        assertThat(new Sequence().admit(cache, divergesInSecondBlock, divergesInSecondBlock.length + 1)).isEqualTo(B);
    }

    @Test
    void releasedPrefixesStayReusableUntilThePoolNeedsTheirBlocksOldestFirst() {
        KVCache cache = new KVCache(CONFIG, 6 * B);
        int[] a = tokens(2 * B + 1, 1);
        int[] b = tokens(2 * B + 1, 50);
        prefilled(cache, a, a.length).release(cache);
        prefilled(cache, b, b.length).release(cache);
        assertThat(cache.freeBlocks()).isEqualTo(6);
        assertThat(cache.reusableFreeBlocks()).isEqualTo(4);

        Sequence filler = new Sequence();
        assertThat(filler.reserve(cache, 4 * B)).isTrue(); // 2 never-registered blocks, then a's 2 (released first)
        assertThat(cache.reusableFreeBlocks()).isEqualTo(2);
        filler.release(cache);
        assertThat(new Sequence().admit(cache, a, a.length)).as("a was evicted").isZero();
        assertThat(new Sequence().admit(cache, b, b.length)).as("b survived").isEqualTo(2 * B);
    }

    @Test
    void admissionThatCannotFitTakesNothing() {
        KVCache cache = new KVCache(CONFIG, 4 * B);
        int[] prompt = tokens(2 * B + 1, 1);
        Sequence holder = prefilled(cache, prompt, 3 * B);
        int free = cache.freeBlocks();
        Sequence late = new Sequence();
        assertThat(late.admit(cache, prompt, 4 * B)).as("needs 2 fresh blocks, 1 free").isEqualTo(-1);
        assertThat(cache.freeBlocks()).isEqualTo(free);
        assertThat(late.length()).isZero();
        holder.release(cache);
        assertThat(late.admit(cache, prompt, 4 * B)).isEqualTo(2 * B);
    }

    @Test
    void sharingAReleasedPrefixCountsItsBlocksAsTakenFromThePool() {
        KVCache cache = new KVCache(CONFIG, 3 * B);
        int[] prompt = tokens(2 * B + 1, 1);
        prefilled(cache, prompt, 3 * B).release(cache);
        assertThat(cache.freeBlocks()).isEqualTo(3);
        Sequence again = new Sequence();
        assertThat(again.admit(cache, prompt, 3 * B)).isEqualTo(2 * B);
        assertThat(cache.freeBlocks()).isZero();
    }
}
