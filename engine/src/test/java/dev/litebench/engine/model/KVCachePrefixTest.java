package dev.litebench.engine.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
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
        assertThat(new Sequence().admit(cache, prompt, prompt.length + 1)).as("all but the last token, which yields logits")
                .isEqualTo(2 * B - 1);
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
        assertThat(new Sequence().admit(cache, divergesInSecondBlock, divergesInSecondBlock.length + 1))
                .as("the first block, then the second's first 3 slots").isEqualTo(B + 3);
    }

    @Test
    void releasedPrefixesStayReusableUntilThePoolNeedsTheirBlocksOldestFirst() {
        KVCache cache = new KVCache(CONFIG, 6 * B);
        int[] a = tokens(2 * B + 1, 1);
        int[] b = tokens(2 * B + 1, 50);
        prefilled(cache, a, a.length).release(cache);
        prefilled(cache, b, b.length).release(cache);
        assertThat(cache.freeBlocks()).isEqualTo(6);
        assertThat(cache.reusableFreeBlocks()).as("2 full blocks and a one-token tail each").isEqualTo(6);

        Sequence filler = new Sequence();
        assertThat(filler.reserve(cache, 3 * B)).isTrue(); // a's three blocks, released first
        assertThat(cache.reusableFreeBlocks()).isEqualTo(3);
        filler.release(cache);
        assertThat(new Sequence().admit(cache, a, a.length)).as("a was evicted").isZero();
        assertThat(new Sequence().admit(cache, b, b.length)).as("b survived").isEqualTo(2 * B);
    }

    @Test
    void aPromptSentAgainTakesOverTheTailAndComputesOnlyItsLastToken() {
        KVCache cache = new KVCache(CONFIG, 8 * B);
        int[] prompt = tokens(2 * B + 5, 1);
        Sequence first = prefilled(cache, prompt, prompt.length + 3);
        int tailBlock = first.block(2 * B);
        first.release(cache);

        Sequence again = new Sequence();
        assertThat(again.admit(cache, prompt, prompt.length + 3)).isEqualTo(2 * B + 4);
        assertThat(again.length()).isEqualTo(2 * B + 4);
        assertThat(again.block(2 * B)).as("the tail itself, no copy").isEqualTo(tailBlock);
        assertThat(cache.findFollower(KVCache.chain(KVCache.chain(0, prompt, 0), prompt, B), prompt, 2 * B, 4)).as("taken, no longer findable")
                .isEqualTo(-1);
        // the next position fills the tail's fifth slot, and the block registers as a full prefix once full
        for (int p = again.length(); p < 3 * B; p++) again.filled(cache, p, p < prompt.length ? prompt[p] : 7);
        again.release(cache);
        int[] longer = new int[3 * B + 1];
        for (int p = 0; p < longer.length; p++) longer[p] = p < prompt.length ? prompt[p] : 7;
        assertThat(new Sequence().admit(cache, longer, longer.length)).isEqualTo(3 * B);
    }

    @Test
    void onlyTheTailsMatchingStartIsKeptAndOnlyAfterTheSameFullBlocks() {
        KVCache cache = new KVCache(CONFIG, 8 * B);
        int[] prompt = tokens(B + 6, 1);
        prefilled(cache, prompt, prompt.length).release(cache);
        int[] diverges = prompt.clone();
        diverges[B + 3] = 999;
        assertThat(new Sequence().admit(cache, diverges, diverges.length)).as("3 of the tail's 6 tokens").isEqualTo(B + 3);

        prefilled(cache, prompt, prompt.length).release(cache);
        int[] otherStart = prompt.clone();
        otherStart[0] = 999;
        assertThat(new Sequence().admit(cache, otherStart, otherStart.length)).isZero();
        int[] firstTailTokenDiffers = prompt.clone();
        firstTailTokenDiffers[B] = 999;
        assertThat(new Sequence().admit(cache, firstTailTokenDiffers, firstTailTokenDiffers.length)).isEqualTo(B);
    }

    @Test
    void aPromptEndingInsideAFullBlockCopiesItsFirstSlotsAndLeavesItRegistered() {
        KVCache cache = new KVCache(CONFIG, 8 * B);
        int[] conversation = tokens(2 * B + 1, 1); // a prompt and its answer: block 1 is full
        Sequence first = prefilled(cache, conversation, conversation.length);
        int full = first.block(B);
        int[] prompt = Arrays.copyOf(conversation, B + 5); // the same prompt again

        Sequence again = new Sequence();
        assertThat(again.admit(cache, prompt, prompt.length + 3)).isEqualTo(B + 4);
        assertThat(again.block(B)).as("a copy: the full block is in use").isNotEqualTo(full);
        first.release(cache);
        assertThat(new Sequence().admit(cache, conversation, conversation.length)).as("still registered").isEqualTo(2 * B);
    }

    @Test
    void eachContinuationOfAPrefixFindsItsOwnTailAndOnlyTheNewestAreKept() {
        KVCache cache = new KVCache(CONFIG, 16 * B);
        int[][] prompts = new int[KVCache.FOLLOWERS + 1][];
        for (int i = 0; i < prompts.length; i++) {
            prompts[i] = IntStream.concat(IntStream.range(1, B + 1), IntStream.range(100 * i + 1, 100 * i + 6)).toArray();
            prefilled(cache, prompts[i], prompts[i].length).release(cache);
        }
        assertThat(cache.reusableFreeBlocks()).as("the shared block and the newest tails").isEqualTo(1 + KVCache.FOLLOWERS);
        assertThat(new Sequence().admit(cache, prompts[0], prompts[0].length)).as("the oldest tail was dropped").isEqualTo(B);
        for (int i = 1; i < prompts.length; i++) {
            assertThat(new Sequence().admit(cache, prompts[i], prompts[i].length)).as("prompt %d", i).isEqualTo(B + 4);
        }
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
