package dev.litebench.engine.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Keys and values of all sequences, in fixed-size blocks of {@link #BLOCK_TOKENS} tokens drawn from one pool, stored as
 * IEEE half floats (F16, llama.cpp's default cache type): half the memory and half the attention bandwidth of F32.
 * A block holds, for every layer and KV head, a run of {@code BLOCK_TOKENS * headDim} keys and one of values
 * starting at {@link #blockStart} + {@link #headStart} of its slab: keys dimension-major (dimension i of slot j at {@code start + i * BLOCK_TOKENS + j}),
 * so that decode attention scores a whole block with one vector of slots per dimension; values slot-major
 * ({@code start + j * headDim + i}), so that it sums them a row at a time.
 *
 * <p>Prefix reuse: a block filled with {@link #BLOCK_TOKENS} computed tokens is registered under the hash of its
 * tokens chained to its predecessor's hash, so its key identifies the whole prefix up to its end. A sequence whose
 * prompt starts with the same tokens shares the block instead of computing it again (blocks are reference counted).
 * When no sequence uses a registered block any more it keeps its contents and stays findable until the pool needs
 * it: blocks that never held a registered prefix are handed out first, then registered ones, least recently
 * released first.
 *
 * <p>Blocks live in slabs: arrays of many blocks, at least {@link #SLAB_BYTES} each. The JVM's parallel collector puts
 * an array that large straight into the old generation, while block-sized arrays went through the young one: a
 * server allocating a 1.75 GiB pool at startup spent 4.1-4.6 s in 84 young collections copying them (ready after
 * 7.0 s instead of 2.9 s; docs/PERFORMANCE.md).
 */
public final class KVCache {
    public static final int BLOCK_TOKENS = 16;
    /** Above half of the engine's young generation (the launcher's -Xmn64m leaves ~51 MiB of eden). */
    static final long SLAB_BYTES = 32L << 20;

    private final int layers;
    private final int kvHeads;
    private final int headDim;
    private final int blocks;
    /** Shorts of one block's keys (or values). */
    private final int blockShorts;
    private final int blocksPerSlab;
    private final short[][] keySlabs;
    private final short[][] valueSlabs;
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
        this(c, capacityTokens, SLAB_BYTES);
    }

    /** With slabs of at least {@code slabBytes} (tests use small ones, so that a few blocks span several slabs). */
    KVCache(ModelConfig c, int capacityTokens, long slabBytes) {
        if (capacityTokens < 1) throw new IllegalArgumentException("KV cache capacity must be at least 1 token");
        this.layers = c.layers();
        this.kvHeads = c.kvHeads();
        this.headDim = c.headDim();
        int blocks = (capacityTokens + BLOCK_TOKENS - 1) / BLOCK_TOKENS;
        this.blocks = blocks;
        this.blockShorts = layers * BLOCK_TOKENS * kvHeads * headDim;
        long perSlab = Math.max(1, (slabBytes + (long) blockShorts * Short.BYTES - 1) / ((long) blockShorts * Short.BYTES));
        this.blocksPerSlab = (int) Math.min(Math.min(perSlab, blocks), Integer.MAX_VALUE / blockShorts);
        int slabs = (blocks + blocksPerSlab - 1) / blocksPerSlab;
        this.keySlabs = new short[slabs][];
        this.valueSlabs = new short[slabs][];
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
        return blocks;
    }

    /** Blocks no running sequence uses (some may still hold a reusable prefix). */
    public int freeBlocks() {
        return blocks - inUse;
    }

    public int capacityTokens() {
        return blocks * BLOCK_TOKENS;
    }

    /** Bytes of one block (keys and values). */
    public long blockBytes() {
        return 2L * layers * BLOCK_TOKENS * kvHeads * headDim * Short.BYTES;
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
        for (int b = 0; b < blocks; b += blocksPerSlab) materialize(b);
    }

    /** Allocates the slab holding {@code block}, the last one only as long as its blocks need. */
    private void materialize(int block) {
        int slab = block / blocksPerSlab;
        if (keySlabs[slab] == null) {
            int length = Math.min(blocksPerSlab, blocks - slab * blocksPerSlab) * blockShorts;
            keySlabs[slab] = new short[length];
            valueSlabs[slab] = new short[length];
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

    /** The slab holding a block's keys, F16 bits; see {@link #blockStart}, {@link #headStart} and {@link #keyIndex}. */
    short[] keys(int block) {
        return keySlabs[block / blocksPerSlab];
    }

    /** The slab holding a block's values, F16 bits; see {@link #blockStart}, {@link #headStart} and {@link #valueIndex}. */
    short[] values(int block) {
        return valueSlabs[block / blocksPerSlab];
    }

    /** Where a block starts in its slab (the same for its keys and its values). */
    int blockStart(int block) {
        return block % blocksPerSlab * blockShorts;
    }

    /** Where the keys (and the values) of KV head {@code kvHead} in {@code layer} start within a block. */
    int headStart(int layer, int kvHead) {
        return (layer * kvHeads + kvHead) * BLOCK_TOKENS * headDim;
    }

    /** Index of dimension {@code dim} of the key in {@code slot}, in a run starting at {@code start}. */
    static int keyIndex(int start, int slot, int dim) {
        return start + dim * BLOCK_TOKENS + slot;
    }

    /** Index of the value in {@code slot}, in a run starting at {@code start}. */
    int valueIndex(int start, int slot) {
        return start + slot * headDim;
    }
}
