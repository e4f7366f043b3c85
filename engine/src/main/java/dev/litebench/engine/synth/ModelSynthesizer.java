package dev.litebench.engine.synth;

import dev.litebench.engine.gguf.GGUFWriter;
import dev.litebench.engine.gguf.Metadata;
import dev.litebench.engine.gguf.MetadataValue;
import dev.litebench.engine.tensor.Codecs;
import dev.litebench.engine.tensor.GGMLType;
import dev.litebench.engine.tensor.TypeCodec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * Writes a GGUF model with a preset's exact shapes and seeded random weights, loadable by LiteBench and llama.cpp.
 * Speed does not depend on weight values, so these files measure real-model performance with no download.
 * Weights: embedding ~ N(0, 0.02^2); layer matrices ~ N(0, 1/hidden) so that greedy output is not degenerate;
 * norm weights 1 + N(0, 0.1^2); biases N(0, 0.1^2). Normal draws use a 4-term Irwin-Hall sum (fast, close to
 * Gaussian). Every row has its own generator seeded from (seed, tensor name, row), so output does not depend on
 * thread scheduling.
 */
public final class ModelSynthesizer {
    private static final int ROWS_PER_TASK = 64;

    private ModelSynthesizer() {}

    /**
     * Writes {@code out}. {@code tokenizer} holds the {@code tokenizer.*} metadata; its token count is the vocabulary
     * size (the embedding's row count).
     */
    public static void write(SynthPreset p, SynthQuant quant, Map<String, MetadataValue> tokenizer, long seed,
                             String name, Path out) throws IOException {
        int vocab = new Metadata("tokenizer metadata", tokenizer).strings("tokenizer.ggml.tokens").length;
        String a = p.architecture + ".";
        GGUFWriter w = new GGUFWriter()
                .put("general.architecture", MetadataValue.string(p.architecture))
                .put("general.name", MetadataValue.string(name))
                .put("general.description", MetadataValue.string("LiteBench synthetic model: RANDOM weights with the shapes of "
                        + p.id + " (seed " + seed + "). Generated text is meaningless; speed and memory are those of the real model."))
                .put("general.file_type", MetadataValue.uint32(quant.fileType))
                .put("general.quantization_version", MetadataValue.uint32(2))
                .put(a + "vocab_size", MetadataValue.uint32(vocab))
                .put(a + "context_length", MetadataValue.uint32(p.contextLength))
                .put(a + "embedding_length", MetadataValue.uint32(p.hidden))
                .put(a + "block_count", MetadataValue.uint32(p.layers))
                .put(a + "feed_forward_length", MetadataValue.uint32(p.ffn))
                .put(a + "attention.head_count", MetadataValue.uint32(p.heads))
                .put(a + "attention.head_count_kv", MetadataValue.uint32(p.kvHeads))
                .put(a + "attention.key_length", MetadataValue.uint32(p.headDim))
                .put(a + "attention.value_length", MetadataValue.uint32(p.headDim))
                .put(a + "rope.freq_base", MetadataValue.float32(p.ropeTheta))
                .put(a + "attention.layer_norm_rms_epsilon", MetadataValue.float32(1e-6f))
                .putAll(tokenizer);

        float layerStd = (float) (1 / Math.sqrt(p.hidden));
        int qDim = p.heads * p.headDim;
        int kvDim = p.kvHeads * p.headDim;
        matrix(w, "token_embd.weight", quant.embeddingType(p.hidden), p.hidden, vocab, 0.02f, seed);
        for (int l = 0; l < p.layers; l++) {
            String b = "blk." + l + ".";
            norm(w, b + "attn_norm.weight", p.hidden, seed);
            matrix(w, b + "attn_q.weight", quant.matrixType(p.hidden), p.hidden, qDim, layerStd, seed);
            matrix(w, b + "attn_k.weight", quant.matrixType(p.hidden), p.hidden, kvDim, layerStd, seed);
            matrix(w, b + "attn_v.weight", quant.matrixType(p.hidden), p.hidden, kvDim, layerStd, seed);
            if (p.qkvBias()) {
                vector(w, b + "attn_q.bias", qDim, 0f, 0.1f, seed);
                vector(w, b + "attn_k.bias", kvDim, 0f, 0.1f, seed);
                vector(w, b + "attn_v.bias", kvDim, 0f, 0.1f, seed);
            } else {
                norm(w, b + "attn_q_norm.weight", p.headDim, seed);
                norm(w, b + "attn_k_norm.weight", p.headDim, seed);
            }
            matrix(w, b + "attn_output.weight", quant.matrixType(qDim), qDim, p.hidden, layerStd, seed);
            norm(w, b + "ffn_norm.weight", p.hidden, seed);
            matrix(w, b + "ffn_gate.weight", quant.matrixType(p.hidden), p.hidden, p.ffn, layerStd, seed);
            matrix(w, b + "ffn_up.weight", quant.matrixType(p.hidden), p.hidden, p.ffn, layerStd, seed);
            matrix(w, b + "ffn_down.weight", quant.matrixType(p.ffn), p.ffn, p.hidden, layerStd, seed);
        }
        norm(w, "output_norm.weight", p.hidden, seed);
        w.write(out);
    }

    private static void norm(GGUFWriter w, String name, int n, long seed) {
        vector(w, name, n, 1f, 0.1f, seed);
    }

    private static void vector(GGUFWriter w, String name, int n, float mean, float std, long seed) {
        w.tensor(name, GGMLType.F32, new long[] {n}, dst -> {
            float[] v = new float[n];
            fillRow(v, n, mean, std, seed, name, 0);
            Codecs.forType(GGMLType.F32).quantize(v, 0, n, dst, 0);
        });
    }

    private static void matrix(GGUFWriter w, String name, GGMLType type, int cols, int rows, float std, long seed) {
        TypeCodec codec = Codecs.forType(type);
        w.tensor(name, type, new long[] {cols, rows}, dst -> {
            int tasks = (rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
            IntStream.range(0, tasks).parallel().forEach(t -> {
                float[] row = new float[cols];
                for (int r = t * ROWS_PER_TASK; r < Math.min(rows, (t + 1) * ROWS_PER_TASK); r++) {
                    fillRow(row, cols, 0f, std, seed, name, r);
                    codec.quantize(row, 0, cols, dst, (long) r * cols);
                }
            });
        });
    }

    /** Approximately normal values: a sum of four 16-bit uniforms has mean 2 and variance 1/3. */
    private static void fillRow(float[] row, int n, float mean, float std, long seed, String tensor, int r) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ crc(tensor) << 32 ^ r);
        float scale = (float) (std * Math.sqrt(3.0)) / 65536f;
        for (int i = 0; i < n; i++) {
            long bits = rnd.nextLong();
            long sum = (bits & 0xffff) + ((bits >>> 16) & 0xffff) + ((bits >>> 32) & 0xffff) + (bits >>> 48);
            row[i] = mean + (sum - 2 * 65536) * scale;
        }
    }

    private static long crc(String s) {
        CRC32 c = new CRC32();
        c.update(s.getBytes(StandardCharsets.UTF_8));
        return c.getValue();
    }
}
