package dev.litebench.engine.tokenizer;

import java.util.Arrays;

/** Open-addressing map from a symbol pair (left id, right id) to its merge rank and the merged symbol's id. */
final class MergeTable {
    private static final long EMPTY = -1L;
    private final long[] keys;
    private final int[] ranks;
    private final int[] results;
    private final int mask;

    MergeTable(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        Arrays.fill(keys, EMPTY);
        ranks = new int[cap];
        results = new int[cap];
        mask = cap - 1;
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private static int hash(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        return (int) k;
    }

    /** Adds the pair unless present (llama.cpp keeps the first rank of a duplicated merge). */
    void putIfAbsent(int left, int right, int rank, int result) {
        long k = key(left, right);
        int i = hash(k) & mask;
        while (keys[i] != EMPTY) {
            if (keys[i] == k) return;
            i = (i + 1) & mask;
        }
        keys[i] = k;
        ranks[i] = rank;
        results[i] = result;
    }

    /** The slot of the pair, or -1. */
    int find(int left, int right) {
        long k = key(left, right);
        int i = hash(k) & mask;
        long v;
        while ((v = keys[i]) != EMPTY) {
            if (v == k) return i;
            i = (i + 1) & mask;
        }
        return -1;
    }

    int rank(int slot) {
        return ranks[slot];
    }

    int result(int slot) {
        return results[slot];
    }
}
