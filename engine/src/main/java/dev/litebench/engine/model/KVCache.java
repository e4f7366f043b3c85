package dev.litebench.engine.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Keys and values of all sequences, in fixed-size blocks of {@link #BLOCK_TOKENS} tokens drawn from one pool.
 * A block holds, for every layer, the keys (or values) of its tokens: index {@code (layer * BLOCK_TOKENS + slot) *
 * kvDim}. Blocks are allocated on first use, so memory grows with the context actually used, up to the capacity.
 *
 * <p>Prefix reuse: a block filled with {@link #BLOCK_TOKENS} computed tokens is registered under the hash of its
 * tokens chained to its predecessor's hash, so its key identifies the whole prefix up to its end. A sequence whose
 * prompt starts with the same tokens shares the block instead of computing it again (blocks are reference counted).
 * When no sequence uses a registered block any more it keeps its contents and stays findable until the pool needs
 * it: blocks that never held a registered prefix are handed out first, then registered ones, least recently
 * released first.
 */
public final class KVCache {
    public static final int BLOCK_TOKENS = 16;

    private final int layers;
    private final int kvDim;
    private final float[][] keys;
    private final float[][] values;
    private final int[] refs;
    private final long[] hashes;
    private final int[][] registeredTokens;
    private final Map<Long, Integer> registered = new HashMap<>();
    private final int[] unregisteredFree;
    private int unregisteredFreeCount;
    private final LinkedHashSet<Integer> registeredFree = new LinkedHashSet<>();
    private volatile int inUse;

    /** A pool able to hold {@code capacityTokens} tokens (rounded up to whole blocks). */
    public KVCache(ModelConfig c, int capacityTokens) {
        if (capacityTokens < 1) throw new IllegalArgumentException("KV cache capacity must be at least 1 token");
        this.layers = c.layers();
        this.kvDim = c.kvDim();
        int blocks = (capacityTokens + BLOCK_TOKENS - 1) / BLOCK_TOKENS;
        this.keys = new float[blocks][];
        this.values = new float[blocks][];
        this.refs = new int[blocks];
        this.hashes = new long[blocks];
        this.registeredTokens = new int[blocks][];
        this.unregisteredFree = new int[blocks];
        for (int i = 0; i < blocks; i++) unregisteredFree[i] = blocks - 1 - i;
        this.unregisteredFreeCount = blocks;
    }

    /** Blocks needed to hold {@code tokens} tokens. */
    public static int blocksFor(int tokens) {
        return (tokens + BLOCK_TOKENS - 1) / BLOCK_TOKENS;
    }

    /** Capacity in blocks. */
    public int blocks() {
        return keys.length;
    }

    /** Blocks no running sequence uses (some may still hold a reusable prefix). */
    public int freeBlocks() {
        return keys.length - inUse;
    }

    public int capacityTokens() {
        return keys.length * BLOCK_TOKENS;
    }

    /** Bytes of one block (keys and values). */
    public long blockBytes() {
        return 2L * layers * BLOCK_TOKENS * kvDim * Float.BYTES;
    }

    /** Bytes of one block of a pool for model {@code c}, before creating one: sizes pools given in bytes. */
    public static long blockBytes(ModelConfig c) {
        return c.kvBytesPerToken() * BLOCK_TOKENS;
    }

    /** Blocks holding a registered prefix that no sequence uses now. */
    public int reusableFreeBlocks() {
        return registeredFree.size();
    }

    /**
     * The hash identifying the prefix that ends with {@code tokens[from .. from + BLOCK_TOKENS)}, given the hash of
     * the prefix before it (0 for the first block).
     */
    static long chain(long previous, int[] tokens, int from) {
        long h = previous ^ 0x9E3779B97F4A7C15L;
        for (int i = from; i < from + BLOCK_TOKENS; i++) {
            h = (h ^ tokens[i]) * 0x100000001B3L;
            h ^= h >>> 29;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }

    /** Takes a free block (reference count 1), or returns -1 when none is left. */
    int allocate() {
        int b;
        if (unregisteredFreeCount > 0) {
            b = unregisteredFree[--unregisteredFreeCount];
        } else if (!registeredFree.isEmpty()) {
            Iterator<Integer> oldest = registeredFree.iterator();
            b = oldest.next();
            oldest.remove();
            registered.remove(hashes[b]);
            registeredTokens[b] = null;
        } else {
            return -1;
        }
        materialize(b);
        refs[b] = 1;
        inUse++;
        return b;
    }

    /**
     * Allocates the memory of every block now instead of on first use, so that a pool too big for the heap fails
     * here, at startup, rather than under load. Call before the pool is in use.
     */
    public void allocateAll() {
        for (int b = 0; b < keys.length; b++) materialize(b);
    }

    private void materialize(int block) {
        if (keys[block] == null) {
            keys[block] = new float[layers * BLOCK_TOKENS * kvDim];
            values[block] = new float[layers * BLOCK_TOKENS * kvDim];
        }
    }

    /** Adds a user to a registered block found by {@link #find}. */
    void share(int block) {
        if (refs[block]++ == 0) {
            registeredFree.remove(block);
            inUse++;
        }
    }

    /** Whether sharing {@code block} takes it out of the free pool. */
    boolean isFree(int block) {
        return refs[block] == 0;
    }

    void release(int block) {
        if (--refs[block] > 0) return;
        inUse--;
        if (registeredTokens[block] != null) registeredFree.add(block);
        else unregisteredFree[unregisteredFreeCount++] = block;
    }

    /**
     * Makes a full, computed block findable under {@code hash}; {@code tokens[from ..]} are its tokens. A prefix
     * already registered by another block (two sequences computed it at once) keeps that block.
     */
    void register(int block, long hash, int[] tokens, int from) {
        if (registeredTokens[block] != null || registered.containsKey(hash)) return;
        registered.put(hash, block);
        hashes[block] = hash;
        registeredTokens[block] = Arrays.copyOfRange(tokens, from, from + BLOCK_TOKENS);
    }

    /** The registered block for {@code hash} holding {@code tokens[from .. from + BLOCK_TOKENS)}, or -1. */
    int find(long hash, int[] tokens, int from) {
        Integer b = registered.get(hash);
        if (b == null) return -1;
        return Arrays.equals(registeredTokens[b], 0, BLOCK_TOKENS, tokens, from, from + BLOCK_TOKENS) ? b : -1;
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
