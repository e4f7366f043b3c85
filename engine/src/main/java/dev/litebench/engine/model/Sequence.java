package dev.litebench.engine.model;

import java.util.Arrays;

/** The KV-cache state of one sequence: its block table and how many positions are filled. */
public final class Sequence {
    private int[] blocks = new int[4];
    private int blockCount;
    private int length;

    /** Positions whose keys and values are in the cache. */
    public int length() {
        return length;
    }

    void advanceTo(int newLength) {
        length = Math.max(length, newLength);
    }

    /** Makes room for positions up to {@code totalTokens}; false (and nothing taken) when the pool is short. */
    public boolean reserve(KVCache cache, int totalTokens) {
        int needed = (totalTokens + KVCache.BLOCK_TOKENS - 1) / KVCache.BLOCK_TOKENS - blockCount;
        if (needed <= 0) return true;
        if (needed > cache.freeBlocks()) return false;
        if (blockCount + needed > blocks.length) blocks = Arrays.copyOf(blocks, Math.max(blocks.length * 2, blockCount + needed));
        for (int i = 0; i < needed; i++) blocks[blockCount++] = cache.allocate();
        return true;
    }

    /** Returns every block to the pool and empties the sequence. */
    public void release(KVCache cache) {
        for (int i = 0; i < blockCount; i++) cache.release(blocks[i]);
        blockCount = 0;
        length = 0;
    }

    /** Forgets positions from {@code newLength} on (their blocks stay reserved). */
    public void truncate(int newLength) {
        length = Math.min(length, newLength);
    }

    int capacity() {
        return blockCount * KVCache.BLOCK_TOKENS;
    }

    int block(int position) {
        return blocks[position / KVCache.BLOCK_TOKENS];
    }
}
