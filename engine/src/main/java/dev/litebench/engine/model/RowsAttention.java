package dev.litebench.engine.model;

import dev.litebench.engine.kernel.Gemm;
import dev.litebench.engine.kernel.HalfFloats;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Causal attention of many consecutive rows of one sequence (a prompt chunk) as two matrix products per KV head, so
 * that the register-blocked {@link Gemm} tiles do the arithmetic instead of one short dot product and one short
 * multiply-add per (row, head, position): the keys of positions {@code 0..T} are gathered once into a matrix,
 * scores = keys x queries of every query head sharing that KV head, softmax row by row (masking positions after each
 * row's own), then output = values^T x probabilities. Positions are padded to a multiple of 16 with zero keys, values
 * and probabilities, as the tiles need. One instance per worker: it holds that worker's scratch.
 * <p>
 * With AVX-512 the two products go through {@link Gemm#panel}'s outer-product micro-kernel instead (about three
 * times the tile's rate), each operand gathered straight into the layout it reads: the queries are the weight panel
 * of the first product and the keys its packed activations, so the scores come out transposed (position-major, 32
 * query lanes per position), which is exactly the weight panel of the second product, whose activations are the
 * value dimensions. The softmax then runs across query lanes, one vector per position.
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
    // the panel path's scratch, one panel per 32 query rows
    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_512;
    private static final VectorSpecies<Integer> INT_LANES = IntVector.SPECIES_512;
    private final float[][] queryPanels;      // d x 32 each
    private final float[][] scoresT;          // T x 32 each
    private final float[][] outT;             // d x 32 each
    private final int[] limits = new int[Gemm.PANEL_ROWS];   // positions each query lane may see
    private final float[] inverseSums = new float[Gemm.PANEL_ROWS];
    private float[] packedKeys = new float[0];
    private float[] packedValues = new float[0];

    RowsAttention(ModelConfig c) {
        this.c = c;
        this.group = c.heads() / c.kvHeads();
        queries = new float[ROWS * group * c.headDim()];
        out = new float[ROWS * group * c.headDim()];
        int panels = (ROWS * group + Gemm.PANEL_ROWS - 1) / Gemm.PANEL_ROWS;
        queryPanels = new float[panels][c.headDim() * Gemm.PANEL_ROWS];
        scoresT = new float[panels][0];
        outT = new float[panels][c.headDim() * Gemm.PANEL_ROWS];
    }

    /**
     * Rows {@code [r0, r1)} of the batch, all of {@code seq} at consecutive positions starting at {@code positions[r0]},
     * KV head {@code kvHead}: reads their queries from {@code q} and writes their attention output to {@code att}.
     */
    void run(KVCache cache, Sequence seq, int[] positions, int layer, int kvHead, int r0, int r1, float[] q, float[] att) {
        int d = c.headDim();
        int rows = (r1 - r0) * group;
        int len = positions[r1 - 1] + 1;
        if (Gemm.PANELS && len >= Gemm.PANEL_BATCH && d >= Gemm.PANEL_BATCH && d % LANES.length() == 0) {
            runPanels(cache, seq, positions, layer, kvHead, r0, r1, q, att, rows, len);
            return;
        }
        int padded = (len + PAD - 1) / PAD * PAD;
        if (keys.length < padded * d) {
            keys = new float[Math.max(padded, keys.length / d * 2) * d];
            valuesT = new float[keys.length];
        }
        if (probs.length < ROWS * group * padded) probs = new float[ROWS * group * keys.length / d];
        gather(cache, seq, layer, kvHead, len, padded);
        for (int r = 0; r < rows; r++) System.arraycopy(q, queryOffset(r0, r, kvHead), queries, r * d, d);
        Gemm.tile(keys, padded, d, queries, rows, probs, padded, 0);
        float scale = (float) (1.0 / Math.sqrt(d));
        for (int i = r0; i < r1; i++) {
            for (int g = 0; g < group; g++) softmax(probs, ((i - r0) * group + g) * padded, positions[i] + 1, padded, scale);
        }
        Gemm.tile(valuesT, d, padded, probs, rows, out, d, 0);
        for (int r = 0; r < rows; r++) System.arraycopy(out, r * d, att, queryOffset(r0, r, kvHead), d);
    }

    private void runPanels(KVCache cache, Sequence seq, int[] positions, int layer, int kvHead, int r0, int r1, float[] q, float[] att,
                           int rows, int len) {
        int d = c.headDim();
        int lanes = Gemm.PANEL_ROWS;
        gatherPacked(cache, seq, layer, kvHead, len);
        for (int r = 0; r < rows; r++) {
            float[] panel = queryPanels[r / lanes];
            int src = queryOffset(r0, r, kvHead);
            for (int k = 0; k < d; k++) panel[k * lanes + r % lanes] = q[src + k];
        }
        float scale = (float) (1.0 / Math.sqrt(d));
        for (int p = 0; p * lanes < rows; p++) {
            int panelRows = Math.min(lanes, rows - p * lanes);
            if (scoresT[p].length < len * lanes) scoresT[p] = new float[Math.max(len, scoresT[p].length / lanes * 2) * lanes];
            float[] scores = scoresT[p];
            Gemm.panel(queryPanels[p], panelRows, d, packedKeys, len, scores, lanes, 0);
            for (int i = 0; i < lanes; i++) limits[i] = i < panelRows ? positions[r0 + (p * lanes + i) / group] + 1 : 0;
            for (int h = 0; h < lanes; h += LANES.length()) softmaxLanes(scores, h, len, scale);
            Gemm.panel(scores, panelRows, len, packedValues, d, outT[p], lanes, 0);
            for (int i = 0; i < panelRows; i++) {
                int r = p * lanes + i;
                int dst = queryOffset(r0, r, kvHead);
                float inv = inverseSums[i];
                for (int k = 0; k < d; k++) att[dst + k] = outT[p][k * lanes + i] * inv;
            }
        }
    }

    /**
     * Softmax of the scaled scores of query lanes {@code [h, h + 16)} over positions {@code [0, len)} (32 lanes per
     * position), positions at or past a lane's limit masked out; leaves the exponentials in place and the inverse of
     * each lane's sum in {@link #inverseSums}, applied to the output instead. Lanes with no query are never stored.
     */
    private void softmaxLanes(float[] s, int h, int len, float scale) {
        int lanes = Gemm.PANEL_ROWS;
        IntVector limit = IntVector.fromArray(INT_LANES, limits, h);
        FloatVector max = FloatVector.broadcast(LANES, Float.NEGATIVE_INFINITY);
        for (int t = 0; t < len; t++) {
            FloatVector v = FloatVector.fromArray(LANES, s, t * lanes + h).mul(scale);
            v = FloatVector.broadcast(LANES, Float.NEGATIVE_INFINITY).blend(v, limit.compare(VectorOperators.GT, t).cast(LANES));
            v.intoArray(s, t * lanes + h);
            max = max.max(v);
        }
        FloatVector sum = FloatVector.zero(LANES);
        for (int t = 0; t < len; t++) {
            FloatVector e = FloatVector.fromArray(LANES, s, t * lanes + h).sub(max).lanewise(VectorOperators.EXP);
            e.intoArray(s, t * lanes + h);
            sum = sum.add(e);
        }
        FloatVector.broadcast(LANES, 1f).div(sum).intoArray(inverseSums, h);
    }

    /**
     * Keys as {@link Gemm#panel} reads activations (steps of {@link Gemm#PANEL_BATCH} positions, dimension-major) and
     * values the same way with dimensions as the rows (steps of PANEL_BATCH dimensions, position-major).
     */
    private void gatherPacked(KVCache cache, Sequence seq, int layer, int kvHead, int len) {
        int d = c.headDim();
        int step = Gemm.PANEL_BATCH;
        int keyFloats = Gemm.steps(len) * step * d, valueFloats = Gemm.steps(d) * step * len;
        if (packedKeys.length < keyFloats) packedKeys = new float[Math.max(keyFloats, packedKeys.length * 2)];
        if (packedValues.length < valueFloats) packedValues = new float[Math.max(valueFloats, packedValues.length * 2)];
        int start = cache.headStart(layer, kvHead);
        for (int s = 0; s < Gemm.steps(len); s++) {
            int t0 = Gemm.stepStart(s, len);
            for (int j = 0; j < step; j++) {
                int t = t0 + j;
                int block = seq.block(t);
                short[] k = cache.keys(block);
                int slot = t % KVCache.BLOCK_TOKENS;
                int from = cache.blockStart(block) + start;
                for (int i = 0; i < d; i++) packedKeys[(s * d + i) * step + j] = Float.float16ToFloat(k[KVCache.keyIndex(from, slot, i)]);
            }
        }
        for (int t = 0; t < len; t++) {
            int block = seq.block(t);
            short[] v = cache.values(block);
            int o = cache.valueIndex(cache.blockStart(block) + start, t % KVCache.BLOCK_TOKENS);
            for (int s = 0; s < Gemm.steps(d); s++) HalfFloats.decode(v, o + Gemm.stepStart(s, d), packedValues, (s * len + t) * step, step);
        }
    }

    /** Where query row {@code r} of the group starting at batch row {@code r0} starts in the batch's q (or output). */
    private int queryOffset(int r0, int r, int kvHead) {
        return (r0 + r / group) * c.qDim() + (kvHead * group + r % group) * c.headDim();
    }

    private void gather(KVCache cache, Sequence seq, int layer, int kvHead, int len, int padded) {
        int d = c.headDim();
        int start = cache.headStart(layer, kvHead);
        for (int t = 0; t < len; t++) {
            int block = seq.block(t);
            int slot = t % KVCache.BLOCK_TOKENS;
            int from = cache.blockStart(block) + start;
            short[] k = cache.keys(block);
            for (int i = 0; i < d; i++) keys[t * d + i] = Float.float16ToFloat(k[KVCache.keyIndex(from, slot, i)]);
            short[] v = cache.values(block);
            int o = cache.valueIndex(from, slot);
            for (int j = 0; j < d; j++) valuesT[j * padded + t] = Float.float16ToFloat(v[o + j]);
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
