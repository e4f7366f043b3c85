package dev.litebench.engine.model;

import java.util.Arrays;

/**
 * The KV-cache state of one sequence: its block table, how many positions are filled, and the tokens of the block
 * being filled, so that each block is registered for prefix reuse as soon as it is full (see {@link KVCache}).
 * Positions are filled in order; blocks before {@link #length()} are never written again, which is what makes
 * sharing them safe.
 */
public final class Sequence {
    private int[] blocks = new int[4];
    private int blockCount;
    private int length;
    private final int[] blockTokens = new int[KVCache.BLOCK_TOKENS];
    private long prefixHash;

    /** Positions whose keys and values are in the cache. */
    public int length() {
        return length;
    }

    /**
     * Starts this empty sequence for {@code prompt}: shares the cached blocks that hold the longest prefix of it
     * made of whole blocks (at most {@code prompt.length - 1} tokens, so the last prompt token is always computed
     * and yields logits), and reserves fresh blocks for the rest up to {@code totalTokens}. Returns the number of
     * prompt tokens already in the cache, or -1 (and nothing taken) when the pool is short.
     */
    public int admit(KVCache cache, int[] prompt, int totalTokens) {
        if (blockCount != 0) throw new IllegalStateException("admit needs an empty sequence");
        int shareable = Math.min((prompt.length - 1) / KVCache.BLOCK_TOKENS, KVCache.blocksFor(totalTokens));
        int[] found = new int[shareable];
        int matched = 0;
        int takenFromFree = 0;
        long hash = 0;
        while (matched < shareable) {
            long next = KVCache.chain(hash, prompt, matched * KVCache.BLOCK_TOKENS);
            int b = cache.find(next, prompt, matched * KVCache.BLOCK_TOKENS);
            if (b < 0) break;
            if (cache.isFree(b)) takenFromFree++;
            found[matched++] = b;
            hash = next;
        }
        int fresh = KVCache.blocksFor(totalTokens) - matched;
        if (fresh > cache.freeBlocks() - takenFromFree) return -1;
        ensureTable(matched + fresh);
        for (int i = 0; i < matched; i++) {
            cache.share(found[i]);
            blocks[blockCount++] = found[i];
        }
        prefixHash = hash;
        length = matched * KVCache.BLOCK_TOKENS;
        reserve(cache, totalTokens);
        return length;
    }

    /** Makes room for positions up to {@code totalTokens}; false (and nothing taken) when the pool is short. */
    public boolean reserve(KVCache cache, int totalTokens) {
        int needed = KVCache.blocksFor(totalTokens) - blockCount;
        if (needed <= 0) return true;
        if (needed > cache.freeBlocks()) return false;
        ensureTable(blockCount + needed);
        for (int i = 0; i < needed; i++) blocks[blockCount++] = cache.allocate();
        return true;
    }

    private void ensureTable(int size) {
        if (size > blocks.length) blocks = Arrays.copyOf(blocks, Math.max(blocks.length * 2, size));
    }

    /** Records that {@code token}'s keys and values are now at {@code position}, the next one to fill. */
    void filled(KVCache cache, int position, int token) {
        if (position != length) {
            throw new IllegalStateException("position " + position + " filled out of order; the sequence holds " + length);
        }
        int slot = position % KVCache.BLOCK_TOKENS;
        blockTokens[slot] = token;
        length = position + 1;
        if (slot == KVCache.BLOCK_TOKENS - 1) {
            prefixHash = KVCache.chain(prefixHash, blockTokens, 0);
            cache.register(block(position), prefixHash, blockTokens, 0);
        }
    }

    /** Gives every block back to the pool (registered ones stay reusable) and empties the sequence. */
    public void release(KVCache cache) {
        for (int i = 0; i < blockCount; i++) cache.release(blocks[i]);
        blockCount = 0;
        length = 0;
        prefixHash = 0;
    }

    int capacity() {
        return blockCount * KVCache.BLOCK_TOKENS;
    }

    int block(int position) {
        return blocks[position / KVCache.BLOCK_TOKENS];
    }
}
