package dev.litebench.engine.model;

/**
 * Keys and values of all sequences, in fixed-size blocks of {@link #BLOCK_TOKENS} tokens drawn from one pool.
 * A block holds, for every layer, the keys (or values) of its tokens: index {@code (layer * BLOCK_TOKENS + slot) *
 * kvDim}. Blocks are allocated on first use, so memory grows with the context actually used, up to the capacity.
 */
public final class KVCache {
    public static final int BLOCK_TOKENS = 16;

    private final int layers;
    private final int kvDim;
    private final float[][] keys;
    private final float[][] values;
    private final int[] free;
    private int freeCount;

    /** A pool able to hold {@code capacityTokens} tokens (rounded up to whole blocks). */
    public KVCache(ModelConfig c, int capacityTokens) {
        if (capacityTokens < 1) throw new IllegalArgumentException("KV cache capacity must be at least 1 token");
        this.layers = c.layers();
        this.kvDim = c.kvDim();
        int blocks = (capacityTokens + BLOCK_TOKENS - 1) / BLOCK_TOKENS;
        this.keys = new float[blocks][];
        this.values = new float[blocks][];
        this.free = new int[blocks];
        for (int i = 0; i < blocks; i++) free[i] = blocks - 1 - i;
        this.freeCount = blocks;
    }

    /** Capacity in blocks. */
    public int blocks() {
        return keys.length;
    }

    public int freeBlocks() {
        return freeCount;
    }

    public int capacityTokens() {
        return keys.length * BLOCK_TOKENS;
    }

    /** Bytes of one block (keys and values). */
    public long blockBytes() {
        return 2L * layers * BLOCK_TOKENS * kvDim * Float.BYTES;
    }

    /** Takes a free block, or returns -1 when none is left. */
    int allocate() {
        if (freeCount == 0) return -1;
        int b = free[--freeCount];
        if (keys[b] == null) {
            keys[b] = new float[layers * BLOCK_TOKENS * kvDim];
            values[b] = new float[layers * BLOCK_TOKENS * kvDim];
        }
        return b;
    }

    void release(int block) {
        free[freeCount++] = block;
    }

    float[] keys(int block) {
        return keys[block];
    }

    float[] values(int block) {
        return values[block];
    }

    int offset(int layer, int slot) {
        return (layer * BLOCK_TOKENS + slot) * kvDim;
    }
}
