package dev.litebench.engine.model;

import dev.litebench.engine.kernel.Compute;
import dev.litebench.engine.kernel.HalfFloats;
import dev.litebench.engine.kernel.Matrix;
import dev.litebench.engine.kernel.MatrixKernel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One forward step over a batch of rows, each a (sequence, position, token) triple, as llama.cpp's graph for
 * qwen2/qwen3/llama computes it (see the formula sheet in the fixtures README). Rows of any number of sequences
 * can be mixed, prompt chunks and single decode tokens alike; every weight matrix is read once per step for the
 * whole batch. Buffers are sized once for {@code maxBatch} rows; nothing is allocated per step except attention
 * scratch growing with the longest context seen.
 */
public final class ForwardPass {
    /** Consecutive rows of one sequence from which attention goes through {@link RowsAttention}. */
    static final int MIN_TILED_ROWS = 4;
    /** Elements from which the elementwise steps (norms, residual adds, SwiGLU) are split across the workers: prompts. */
    private static final int PARALLEL_ELEMENTS = 16 * 1024;
    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;

    private final ModelConfig c;
    private final Weights w;
    private final Compute compute;
    private final int maxBatch;

    private final float[] x;       // residual stream, maxBatch x hidden
    private final float[] xb;      // normed input, maxBatch x hidden
    private final float[] q;       // maxBatch x qDim
    private final float[] k;       // maxBatch x kvDim
    private final float[] v;       // maxBatch x kvDim
    private final float[] att;     // attention output, maxBatch x qDim
    private final float[] proj;    // maxBatch x hidden
    private final float[] gate;    // maxBatch x ffn
    private final float[] up;      // maxBatch x ffn
    private final float[] lastRows; // rows that need logits, gathered, maxBatch x hidden
    private final float[][] scores; // per worker attention scores
    private final float[][] blockScratch; // per worker: one KV head's keys or values of a cache block, decoded, then its scores
    private final RowsAttention[] rowsAttention; // per worker
    private final int[] tiledStart, tiledEnd, tiledHead, singleRows; // attention tasks of the current step
    private final float[] ropeCos;
    private final float[] ropeSin;
    private final Matrix[][] qkvWeights;
    private final Matrix[][] gateUpWeights;
    private final float[][] qkvOut;
    private final float[][] gateUpOut;

    public ForwardPass(ModelConfig c, Weights w, Compute compute, int maxBatch) {
        this.c = c;
        this.w = w;
        this.compute = compute;
        this.maxBatch = maxBatch;
        x = new float[maxBatch * c.hidden()];
        xb = new float[maxBatch * c.hidden()];
        q = new float[maxBatch * c.qDim()];
        k = new float[maxBatch * c.kvDim()];
        v = new float[maxBatch * c.kvDim()];
        att = new float[maxBatch * c.qDim()];
        proj = new float[maxBatch * c.hidden()];
        gate = new float[maxBatch * c.ffn()];
        up = new float[maxBatch * c.ffn()];
        lastRows = new float[maxBatch * c.hidden()];
        scores = new float[compute.threads()][256];
        blockScratch = new float[compute.threads()][KVCache.BLOCK_TOKENS * (c.headDim() + 1)];
        rowsAttention = new RowsAttention[compute.threads()];
        for (int t = 0; t < rowsAttention.length; t++) rowsAttention[t] = new RowsAttention(c);
        int maxTiled = (maxBatch / MIN_TILED_ROWS + maxBatch / RowsAttention.ROWS + 1) * c.kvHeads();
        tiledStart = new int[maxTiled];
        tiledEnd = new int[maxTiled];
        tiledHead = new int[maxTiled];
        singleRows = new int[maxBatch];
        ropeCos = new float[c.headDim() / 2];
        ropeSin = new float[c.headDim() / 2];
        qkvWeights = new Matrix[c.layers()][];
        gateUpWeights = new Matrix[c.layers()][];
        for (int l = 0; l < c.layers(); l++) {
            LayerWeights lw = w.layers()[l];
            qkvWeights[l] = new Matrix[] {lw.wq(), lw.wk(), lw.wv()};
            gateUpWeights[l] = new Matrix[] {lw.wGate(), lw.wUp()};
        }
        qkvOut = new float[][] {q, k, v};
        gateUpOut = new float[][] {gate, up};
    }

    public int maxBatch() {
        return maxBatch;
    }

    public ModelConfig config() {
        return c;
    }

    /**
     * Runs {@code n} rows. Row i puts {@code tokens[i]} at {@code positions[i]} of {@code seqs[i]}, whose KV blocks
     * must already be reserved up to that position. Rows of one sequence must be in position order and contiguous
     * with what the sequence already holds (its length). For the {@code logitCount} rows listed in {@code logitRows} the logits
     * are written to {@code logits[j * vocab ..]}.
     */
    public void forward(int n, int[] tokens, int[] positions, Sequence[] seqs, KVCache cache,
                        int[] logitRows, int logitCount, float[] logits) {
        if (n < 1 || n > maxBatch) throw new IllegalArgumentException("batch of " + n + " rows, expected 1.." + maxBatch);
        int hidden = c.hidden();
        for (int i = 0; i < n; i++) {
            if (tokens[i] < 0 || tokens[i] >= c.vocabSize()) {
                throw new IllegalArgumentException("token id " + tokens[i] + " is outside the vocabulary (0.." + (c.vocabSize() - 1) + ")");
            }
            if (positions[i] >= seqs[i].capacity()) {
                throw new IllegalStateException("position " + positions[i] + " has no KV block reserved");
            }
            if (positions[i] < seqs[i].length()) { // filled blocks may be shared with other sequences
                throw new IllegalStateException("position " + positions[i] + " is already filled (length " + seqs[i].length() + ")");
            }
            w.tokenEmbedding().row(tokens[i], x, i * hidden);
        }
        compute.beginStep();
        for (int l = 0; l < c.layers(); l++) {
            LayerWeights lw = w.layers()[l];
            rmsNorm(x, xb, lw.attnNorm(), n, hidden);
            compute.matmul(qkvWeights[l], xb, n, qkvOut);
            if (lw.bq() != null) {
                addBias(q, lw.bq(), n);
                addBias(k, lw.bk(), n);
                addBias(v, lw.bv(), n);
            }
            if (lw.qNorm() != null) {
                rmsNorm(q, q, lw.qNorm(), n * c.heads(), c.headDim());
                rmsNorm(k, k, lw.kNorm(), n * c.kvHeads(), c.headDim());
            }
            for (int i = 0; i < n; i++) {
                rope(positions[i], i);
                store(cache, seqs[i], l, positions[i], i);
            }
            attention(cache, seqs, positions, l, n);
            compute.matmul(lw.wo(), att, n, proj);
            add(x, proj, n * hidden);

            rmsNorm(x, xb, lw.ffnNorm(), n, hidden);
            compute.matmul(gateUpWeights[l], xb, n, gateUpOut);
            swiglu(n * c.ffn());
            compute.matmul(lw.wDown(), gate, n, proj);
            add(x, proj, n * hidden);
        }
        for (int i = 0; i < n; i++) seqs[i].filled(cache, positions[i], tokens[i]);
        if (logitCount == 0) return;
        for (int j = 0; j < logitCount; j++) System.arraycopy(x, logitRows[j] * hidden, lastRows, j * hidden, hidden);
        rmsNorm(lastRows, lastRows, w.outputNorm(), logitCount, hidden);
        compute.matmul(w.output(), lastRows, logitCount, logits);
    }

    /**
     * {@link #forward} of one sequence's {@code tokens} at positions {@code from ..}, the logits of the last one into
     * {@code logits}: a prompt (or its next chunk) outside the scheduler.
     */
    public void forwardSequence(KVCache cache, Sequence seq, int[] tokens, int from, float[] logits) {
        int n = tokens.length;
        int[] positions = new int[n];
        Sequence[] seqs = new Sequence[n];
        for (int i = 0; i < n; i++) {
            positions[i] = from + i;
            seqs[i] = seq;
        }
        forward(n, tokens, positions, seqs, cache, new int[] {n - 1}, 1, logits);
    }

    /** ggml_rms_norm then multiplication by the weight: the mean of squares is summed in double as ggml does. */
    private void rmsNorm(float[] in, float[] out, float[] weight, int rows, int n) {
        if (rows * n < PARALLEL_ELEMENTS) {
            rmsNorm(in, out, weight, 0, rows, n);
        } else {
            compute.pool().run((worker, workers) -> rmsNorm(in, out, weight, rows * worker / workers, rows * (worker + 1) / workers, n));
        }
    }

    private void rmsNorm(float[] in, float[] out, float[] weight, int from, int to, int n) {
        float eps = c.rmsEps();
        for (int r = from; r < to; r++) {
            int o = r * n;
            double sum = MatrixKernel.sumOfSquares(in, o, n);
            float scale = (float) (1.0 / Math.sqrt((float) (sum / n) + eps));
            for (int i = 0; i < n; i++) out[o + i] = in[o + i] * scale * weight[i];
        }
    }

    private static void addBias(float[] a, float[] bias, int rows) {
        int n = bias.length;
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) a[r * n + i] += bias[i];
        }
    }

    private void add(float[] a, float[] b, int n) {
        if (n < PARALLEL_ELEMENTS) {
            add(a, b, 0, n);
        } else {
            compute.pool().run((worker, workers) -> add(a, b, chunk(n, worker, workers), chunk(n, worker + 1, workers)));
        }
    }

    private static void add(float[] a, float[] b, int from, int to) {
        for (int i = from; i < to; i++) a[i] += b[i];
    }

    private void swiglu(int n) {
        if (n < PARALLEL_ELEMENTS) {
            swiglu(gate, up, 0, n);
        } else {
            compute.pool().run((worker, workers) -> swiglu(gate, up, chunk(n, worker, workers), chunk(n, worker + 1, workers)));
        }
    }

    /** {@code gate = silu(gate) * up} over [from, to), with a vector exp where vectors are native. */
    private static void swiglu(float[] gate, float[] up, int from, int to) {
        int i = from;
        if (MatrixKernel.VECTORIZE) {
            for (; i + LANES.length() <= to; i += LANES.length()) {
                FloatVector g = FloatVector.fromArray(LANES, gate, i);
                g.div(g.neg().lanewise(VectorOperators.EXP).add(1f)).mul(FloatVector.fromArray(LANES, up, i)).intoArray(gate, i);
            }
        }
        for (; i < to; i++) {
            float g = gate[i];
            gate[i] = g / (1.0f + (float) Math.exp(-g)) * up[i];
        }
    }

    /** Start of worker {@code worker}'s share of {@code n} elements, on a 64-byte line boundary. */
    private static int chunk(int n, int worker, int workers) {
        return worker == workers ? n : (int) ((long) n * worker / workers) & ~15;
    }

    /**
     * Rotary embedding of row {@code row}'s q and k at {@code pos}. The angle of pair i is pos * base^(-2i/d),
     * computed by repeated float multiplication as ggml's rope cache does, so large positions match it.
     */
    private void rope(int pos, int row) {
        int d = c.headDim();
        int half = d / 2;
        float thetaScale = (float) Math.pow(c.ropeTheta(), -2.0 / d);
        float theta = pos;
        for (int i = 0; i < half; i++) {
            ropeCos[i] = (float) Math.cos(theta);
            ropeSin[i] = (float) Math.sin(theta);
            theta *= thetaScale;
        }
        rotate(q, row * c.qDim(), c.heads());
        rotate(k, row * c.kvDim(), c.kvHeads());
    }

    private void rotate(float[] a, int offset, int heads) {
        int d = c.headDim();
        int half = d / 2;
        for (int h = 0; h < heads; h++) {
            int o = offset + h * d;
            for (int i = 0; i < half; i++) {
                int i0 = c.ropeNeox() ? o + i : o + 2 * i;
                int i1 = c.ropeNeox() ? o + i + half : o + 2 * i + 1;
                float x0 = a[i0], x1 = a[i1];
                a[i0] = x0 * ropeCos[i] - x1 * ropeSin[i];
                a[i1] = x0 * ropeSin[i] + x1 * ropeCos[i];
            }
        }
    }

    private void store(KVCache cache, Sequence seq, int layer, int pos, int row) {
        int block = seq.block(pos);
        int slot = pos % KVCache.BLOCK_TOKENS;
        int d = c.headDim();
        short[] keys = cache.keys(block);
        for (int h = 0; h < c.kvHeads(); h++) {
            int start = cache.blockStart(block) + cache.headStart(layer, h), from = row * c.kvDim() + h * d;
            for (int i = 0; i < d; i++) keys[KVCache.keyIndex(start, slot, i)] = Float.floatToFloat16(k[from + i]);
            HalfFloats.encode(v, from, cache.values(block), cache.valueIndex(start, slot), d);
        }
    }

    /**
     * Causal attention of every (row, head) over its sequence's positions 0..pos, split across workers. Runs of at
     * least {@link #MIN_TILED_ROWS} consecutive rows of one sequence (prompt chunks) go through {@link RowsAttention}
     * in groups of up to {@link RowsAttention#ROWS} rows per KV head; other rows go KV head by KV head.
     */
    private void attention(KVCache cache, Sequence[] seqs, int[] positions, int layer, int n) {
        int maxLen = 0;
        for (int i = 0; i < n; i++) maxLen = Math.max(maxLen, positions[i] + 1);
        int scoreFloats = maxLen * (c.heads() / c.kvHeads());
        for (int t = 0; t < scores.length; t++) {
            if (scores[t].length < scoreFloats) scores[t] = new float[Math.max(scoreFloats, scores[t].length * 2)];
        }
        int tiled = 0, single = 0;
        for (int i = 0; i < n; ) {
            int end = i + 1;
            while (end < n && seqs[end] == seqs[i] && positions[end] == positions[end - 1] + 1) end++;
            if (end - i >= MIN_TILED_ROWS && positions[end - 1] < RowsAttention.MAX_POSITIONS) {
                for (int g = i; g < end; g += RowsAttention.ROWS) {
                    for (int h = 0; h < c.kvHeads(); h++) {
                        tiledStart[tiled] = g;
                        tiledEnd[tiled] = Math.min(end, g + RowsAttention.ROWS);
                        tiledHead[tiled++] = h;
                    }
                }
            } else {
                for (int r = i; r < end; r++) singleRows[single++] = r;
            }
            i = end;
        }
        int kvHeads = c.kvHeads();
        int tiledTasks = tiled, total = tiled + single * kvHeads;
        compute.pool().run((worker, workers) -> {
            float[] s = scores[worker];
            for (int task = worker; task < total; task += workers) {
                if (task < tiledTasks) {
                    int r0 = tiledStart[task];
                    rowsAttention[worker].run(cache, seqs[r0], positions, layer, tiledHead[task], r0, tiledEnd[task], q, att);
                } else {
                    int row = singleRows[(task - tiledTasks) / kvHeads];
                    attendKvHead(cache, seqs[row], positions[row], layer, row, (task - tiledTasks) % kvHeads, s, blockScratch[worker]);
                }
            }
        });
    }

    /**
     * Attention of one row's query heads that share KV head {@code kvHead}, a cache block at a time: the block's keys
     * (dimension-major) and values are each decoded from F16 in one pass, its {@link KVCache#BLOCK_TOKENS} scores come
     * out of one vector multiply-add per dimension, and every key and value serves the whole group, so the cache is
     * read once per KV head. Scores of group member g live at {@code s[g * len ..]}.
     */
    private void attendKvHead(KVCache cache, Sequence seq, int pos, int layer, int row, int kvHead, float[] s, float[] kv) {
        int d = c.headDim(), blockTokens = KVCache.BLOCK_TOKENS;
        int group = c.heads() / c.kvHeads();
        int q0 = row * c.qDim() + kvHead * group * d;
        float scale = (float) (1.0 / Math.sqrt(d));
        int len = pos + 1;
        int start = cache.headStart(layer, kvHead);
        for (int t0 = 0; t0 < len; t0 += blockTokens) {
            int count = Math.min(blockTokens, len - t0);
            int block = seq.block(t0);
            HalfFloats.decode(cache.keys(block), cache.blockStart(block) + start, kv, 0, blockTokens * d);
            for (int g = 0; g < group; g++) {
                MatrixKernel.dotColumns(q, q0 + g * d, kv, 0, d, blockTokens, kv, blockTokens * d);
                for (int j = 0; j < count; j++) s[g * len + t0 + j] = kv[blockTokens * d + j] * scale;
            }
        }
        for (int g = 0; g < group; g++) softmax(s, g * len, len);
        java.util.Arrays.fill(att, q0, q0 + group * d, 0f);
        for (int t0 = 0; t0 < len; t0 += blockTokens) {
            int count = Math.min(blockTokens, len - t0);
            int block = seq.block(t0);
            HalfFloats.decode(cache.values(block), cache.blockStart(block) + start, kv, 0, count * d);
            for (int g = 0; g < group; g++) MatrixKernel.addWeightedRows(s, g * len + t0, kv, 0, count, att, q0 + g * d, d);
        }
    }

    /**
     * Softmax in place over {@code s[o .. o + len)} (scores already scaled): exponentials of the differences from
     * the maximum (vector EXP, as the prompt path's panel softmax), each times the float reciprocal of their sum. The
     * decode path and the prompt path's gathered rows use it.
     */
    static void softmax(float[] s, int o, int len) {
        VectorSpecies<Float> lanes = LANES;
        int vectorEnd = MatrixKernel.VECTORIZE ? len - len % lanes.length() : 0;
        FloatVector maxes = FloatVector.broadcast(lanes, Float.NEGATIVE_INFINITY);
        for (int t = 0; t < vectorEnd; t += lanes.length()) maxes = maxes.max(FloatVector.fromArray(lanes, s, o + t));
        float max = maxes.reduceLanes(VectorOperators.MAX);
        for (int t = vectorEnd; t < len; t++) max = Math.max(max, s[o + t]);
        FloatVector sums = FloatVector.zero(lanes);
        for (int t = 0; t < vectorEnd; t += lanes.length()) {
            FloatVector e = FloatVector.fromArray(lanes, s, o + t).sub(max).lanewise(VectorOperators.EXP);
            e.intoArray(s, o + t);
            sums = sums.add(e);
        }
        float sum = sums.reduceLanes(VectorOperators.ADD);
        for (int t = vectorEnd; t < len; t++) {
            float e = (float) Math.exp(s[o + t] - max);
            s[o + t] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (int t = 0; t < vectorEnd; t += lanes.length()) FloatVector.fromArray(lanes, s, o + t).mul(inv).intoArray(s, o + t);
        for (int t = vectorEnd; t < len; t++) s[o + t] *= inv;
    }
}
