package dev.litebench.engine.model;

import dev.litebench.engine.kernel.Gemm;

import java.util.Arrays;

/**
 * Causal attention of many consecutive rows of one sequence (a prompt chunk) as two matrix products per KV head, so
 * that the register-blocked {@link Gemm} tiles do the arithmetic instead of one short dot product and one short
 * multiply-add per (row, head, position): the keys of positions {@code 0..T} are gathered once into a matrix,
 * scores = keys x queries of every query head sharing that KV head, softmax row by row (masking positions after each
 * row's own), then output = values^T x probabilities. Positions are padded to a multiple of 16 with zero keys, values
 * and probabilities, as the tiles need. One instance per worker: it holds that worker's scratch.
 */
final class RowsAttention {
    /** Longest context this path gathers; longer ones go row by row, whose scratch does not grow with the context. */
    static final int MAX_POSITIONS = 8192;
    /** Query rows of one sequence handled together: scores for them all are {@code ROWS x group x T} floats. */
    static final int ROWS = 32;
    private static final int PAD = 16;

    private final ModelConfig c;
    private final int group; // query heads per KV head
    private float[] keys = new float[0];      // T x d
    private float[] valuesT = new float[0];   // d x T
    private final float[] queries;            // (ROWS * group) x d
    private float[] probs = new float[0];     // (ROWS * group) x T
    private final float[] out;                // (ROWS * group) x d

    RowsAttention(ModelConfig c) {
        this.c = c;
        this.group = c.heads() / c.kvHeads();
        queries = new float[ROWS * group * c.headDim()];
        out = new float[ROWS * group * c.headDim()];
    }

    /**
     * Rows {@code [r0, r1)} of the batch, all of {@code seq} at consecutive positions starting at {@code positions[r0]},
     * KV head {@code kvHead}: reads their queries from {@code q} and writes their attention output to {@code att}.
     */
    void run(KVCache cache, Sequence seq, int[] positions, int layer, int kvHead, int r0, int r1, float[] q, float[] att) {
        int d = c.headDim();
        int rows = (r1 - r0) * group;
        int len = positions[r1 - 1] + 1;
        int padded = (len + PAD - 1) / PAD * PAD;
        if (keys.length < padded * d) {
            keys = new float[Math.max(padded, keys.length / d * 2) * d];
            valuesT = new float[keys.length];
        }
        if (probs.length < ROWS * group * padded) probs = new float[ROWS * group * keys.length / d];
        gather(cache, seq, layer, kvHead, len, padded);
        for (int i = r0; i < r1; i++) {
            for (int g = 0; g < group; g++) {
                System.arraycopy(q, i * c.qDim() + (kvHead * group + g) * d, queries, ((i - r0) * group + g) * d, d);
            }
        }
        Gemm.tile(keys, padded, d, queries, rows, probs, padded, 0);
        float scale = (float) (1.0 / Math.sqrt(d));
        for (int i = r0; i < r1; i++) {
            for (int g = 0; g < group; g++) softmax(probs, ((i - r0) * group + g) * padded, positions[i] + 1, padded, scale);
        }
        Gemm.tile(valuesT, d, padded, probs, rows, out, d, 0);
        for (int i = r0; i < r1; i++) {
            for (int g = 0; g < group; g++) {
                System.arraycopy(out, ((i - r0) * group + g) * d, att, i * c.qDim() + (kvHead * group + g) * d, d);
            }
        }
    }

    private void gather(KVCache cache, Sequence seq, int layer, int kvHead, int len, int padded) {
        int d = c.headDim();
        for (int t = 0; t < len; t++) {
            int block = seq.block(t);
            int o = cache.offset(layer, t % KVCache.BLOCK_TOKENS) + kvHead * d;
            System.arraycopy(cache.keys(block), o, keys, t * d, d);
            float[] v = cache.values(block);
            for (int j = 0; j < d; j++) valuesT[j * padded + t] = v[o + j];
        }
        Arrays.fill(keys, len * d, padded * d, 0f);
        for (int j = 0; j < d; j++) Arrays.fill(valuesT, j * padded + len, (j + 1) * padded, 0f);
    }

    /** Scaled softmax over positions {@code [0, len)} of the row at {@code o}, zero from there to {@code padded}. */
    private static void softmax(float[] s, int o, int len, int padded, float scale) {
        for (int t = 0; t < len; t++) s[o + t] *= scale;
        ForwardPass.softmax(s, o, len);
        Arrays.fill(s, o + len, o + padded, 0f);
    }
}
