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
     * made of whole blocks, then the part of a cached block that continues it (a free tail taken over, or a full
     * block's first slots copied; see {@link KVCache}), in all at most
     * {@code prompt.length - 1} tokens, so the last prompt token is always computed and yields logits; and reserves
     * fresh blocks for the rest up to {@code totalTokens}. Returns the number of prompt tokens already in the cache,
     * or -1 (and nothing taken) when the pool is short.
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
        int start = matched * KVCache.BLOCK_TOKENS;
        int room = Math.min(prompt.length - 1, totalTokens) - start;
        int max = Math.min(room, KVCache.BLOCK_TOKENS - 1);
        int follower = room > 0 ? cache.findFollower(hash, prompt, start, max) : -1;
        int kept = follower < 0 ? 0 : cache.overlap(follower, prompt, start, max);
        boolean takeOver = kept > 0 && cache.isFreeTail(follower);
        int fresh = KVCache.blocksFor(totalTokens) - matched - (takeOver ? 1 : 0);
        if (fresh > cache.freeBlocks() - takenFromFree - (takeOver ? 1 : 0)) return -1;
        ensureTable(KVCache.blocksFor(totalTokens));
        for (int i = 0; i < matched; i++) {
            cache.share(found[i]);
            blocks[blockCount++] = found[i];
        }
        prefixHash = hash;
        length = start;
        if (kept > 0) {
            int block = follower;
            if (takeOver) {
                cache.takeTail(block);
            } else { // a full block, maybe in use: its first slots are copied (taking the pool's oldest block may be it)
                block = cache.allocate();
                cache.copySlots(follower, block, kept);
            }
            blocks[blockCount++] = block;
            System.arraycopy(prompt, start, blockTokens, 0, kept);
            length = start + kept;
        }
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
            long previous = prefixHash;
            prefixHash = KVCache.chain(previous, blockTokens, 0);
            cache.register(block(position), previous, prefixHash, blockTokens, 0);
        }
    }

    /**
     * Gives every block back to the pool (registered ones, and the partly filled last one as a tail, stay reusable)
     * and empties the sequence.
     */
    public void release(KVCache cache) {
        int filling = length / KVCache.BLOCK_TOKENS;
        if (length % KVCache.BLOCK_TOKENS != 0 && filling < blockCount) {
            cache.registerTail(blocks[filling], prefixHash, blockTokens, length % KVCache.BLOCK_TOKENS);
        }
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
