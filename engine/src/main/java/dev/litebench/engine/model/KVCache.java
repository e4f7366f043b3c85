package dev.litebench.engine.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
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
 * <p>Partial blocks: the blocks that follow a prefix are findable under the prefix's hash (its "followers", the
 * last {@link #FOLLOWERS} of them): full blocks registered after it, and, when a sequence ends, its last and partly
 * filled block (a "tail"), with the tokens it holds. A prompt that repeats the prefix and then only part of a
 * follower's tokens keeps the longest such part: it takes a free tail over (no copy), or copies the first slots of
 * a full block into a fresh one. So a prompt sent
 * again computes only its last token, as llama.cpp's server does; with whole blocks only, up to 15 tokens were
 * computed again (a 21-token prompt sent ten times: TTFT p50 100 ms against llama-server's 42 ms).
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
    /** Per block: the tokens of a released sequence's last, partly filled block, while it is findable as a tail. */
    private final int[][] tailTokens;
    /** Per block: the hash of the prefix it follows, when it is some prefix's follower. */
    private final long[] followedPrefix;
    private final Map<Long, List<Integer>> followers = new HashMap<>();
    /** Followers kept per prefix, newest first: enough for a few conversations that share a system prompt. */
    static final int FOLLOWERS = 4;
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
        this.tailTokens = new int[blocks][];
        this.followedPrefix = new long[blocks];
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
            unfollow(b);
            tailTokens[b] = null;
            if (registeredTokens[b] != null) {
                registered.remove(hashes[b]);
                registeredTokens[b] = null;
            }
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
        if (registeredTokens[block] != null || tailTokens[block] != null) registeredFree.add(block);
        else unregisteredFree[unregisteredFreeCount++] = block;
    }

    /**
     * Keeps a partly filled block findable as a follower of the prefix hashed {@code prefixHash}, holding
     * {@code tokens[0 .. count)}; called by its only user just before it releases the block.
     */
    void registerTail(int block, long prefixHash, int[] tokens, int count) {
        if (count <= 0 || count >= BLOCK_TOKENS || refs[block] != 1 || registeredTokens[block] != null) return;
        tailTokens[block] = Arrays.copyOf(tokens, count);
        follow(prefixHash, block);
    }

    /** Adds {@code block} as the newest follower of {@code prefixHash}; the oldest beyond {@link #FOLLOWERS} is dropped. */
    private void follow(long prefixHash, int block) {
        List<Integer> list = followers.computeIfAbsent(prefixHash, h -> new ArrayList<>(FOLLOWERS + 1));
        list.addFirst(block);
        followedPrefix[block] = prefixHash;
        if (list.size() > FOLLOWERS) {
            int dropped = list.removeLast();
            if (tailTokens[dropped] != null) forgetTail(dropped);
        }
    }

    /** Takes {@code block} out of its prefix's followers, if it is one. */
    private void unfollow(int block) {
        List<Integer> list = followers.get(followedPrefix[block]);
        if (list != null && list.remove((Integer) block) && list.isEmpty()) followers.remove(followedPrefix[block]);
    }

    /** A tail that is no longer findable is an ordinary free block. */
    private void forgetTail(int block) {
        unfollow(block);
        tailTokens[block] = null;
        if (refs[block] == 0 && registeredFree.remove(block)) unregisteredFree[unregisteredFreeCount++] = block;
    }

    private int[] held(int block) {
        return registeredTokens[block] != null ? registeredTokens[block] : tailTokens[block];
    }

    /**
     * The follower of the prefix hashed {@code prefixHash} that holds the most of {@code tokens[from .. from + max)}
     * from its first slot on (a free tail first among equals: it needs no copy), or -1 when none holds any.
     */
    int findFollower(long prefixHash, int[] tokens, int from, int max) {
        List<Integer> list = followers.get(prefixHash);
        if (list == null) return -1;
        int best = -1, bestOverlap = 0;
        for (int b : list) {
            int k = overlap(b, tokens, from, max);
            if (k > bestOverlap || (k == bestOverlap && k > 0 && isFreeTail(b) && !isFreeTail(best))) {
                best = b;
                bestOverlap = k;
            }
        }
        return best;
    }

    /** How many of {@code tokens[from .. from + max)} the follower {@code block} holds, from its first slot on. */
    int overlap(int block, int[] tokens, int from, int max) {
        int[] held = held(block);
        int n = Math.min(held.length, max);
        int k = 0;
        while (k < n && held[k] == tokens[from + k]) k++;
        return k;
    }

    /** Whether {@code block} is a tail no sequence uses, which a new sequence may take over as it is. */
    boolean isFreeTail(int block) {
        return tailTokens[block] != null && refs[block] == 0;
    }

    /** Takes a free tail over for a sequence that keeps its first slots and overwrites the rest. */
    void takeTail(int block) {
        unfollow(block);
        tailTokens[block] = null;
        registeredFree.remove(block);
        refs[block] = 1;
        inUse++;
    }

    /** Copies the keys and values of the first {@code slots} positions of block {@code from} into block {@code to}. */
    void copySlots(int from, int to, int slots) {
        if (from == to) return;
        short[] fk = keys(from), tk = keys(to), fv = values(from), tv = values(to);
        int fs = blockStart(from), ts = blockStart(to);
        for (int layer = 0; layer < layers; layer++) {
            for (int h = 0; h < kvHeads; h++) {
                int start = headStart(layer, h);
                for (int i = 0; i < headDim; i++) System.arraycopy(fk, fs + keyIndex(start, 0, i), tk, ts + keyIndex(start, 0, i), slots);
                System.arraycopy(fv, fs + valueIndex(start, 0), tv, ts + valueIndex(start, 0), slots * headDim);
            }
        }
    }

    /**
     * Makes a full, computed block findable under {@code hash}, which chains {@code previous} (the hash of the prefix
     * before it), and makes it that prefix's follower; {@code tokens[from ..]} are its tokens. A prefix already
     * registered by another block (two sequences computed it at once) keeps that block.
     */
    void register(int block, long previous, long hash, int[] tokens, int from) {
        if (registeredTokens[block] != null || registered.containsKey(hash)) return;
        registered.put(hash, block);
        hashes[block] = hash;
        registeredTokens[block] = Arrays.copyOfRange(tokens, from, from + BLOCK_TOKENS);
        follow(previous, block);
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
