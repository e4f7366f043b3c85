package dev.litebench.engine.model;

import dev.litebench.engine.BadInputException;
import dev.litebench.engine.gguf.GGUFFile;
import dev.litebench.engine.gguf.TensorInfo;
import dev.litebench.engine.kernel.Matrix;
import dev.litebench.engine.tensor.Codecs;
import dev.litebench.engine.tensor.TypeCodec;

/**
 * The model's tensors. Matrices stay in the file's memory (or a layout a kernel rewrote them into, once per file);
 * the small 1-D vectors (norms, biases) are decoded to float arrays once. Shapes are checked against the
 * configuration so that a malformed file fails at load.
 */
record Weights(Matrix tokenEmbedding, LayerWeights[] layers, float[] outputNorm, Matrix output) {

    static Weights load(GGUFFile file, ModelConfig c) {
        Matrix embd = matrix(file, "token_embd.weight", c.hidden(), c.vocabSize());
        LayerWeights[] layers = new LayerWeights[c.layers()];
        for (int i = 0; i < c.layers(); i++) {
            String p = "blk." + i + ".";
            boolean bias = file.tensor(p + "attn_q.bias") != null;
            boolean qkNorm = file.tensor(p + "attn_q_norm.weight") != null;
            layers[i] = new LayerWeights(
                    vector(file, p + "attn_norm.weight", c.hidden()),
                    matrix(file, p + "attn_q.weight", c.hidden(), c.qDim()),
                    matrix(file, p + "attn_k.weight", c.hidden(), c.kvDim()),
                    matrix(file, p + "attn_v.weight", c.hidden(), c.kvDim()),
                    matrix(file, p + "attn_output.weight", c.qDim(), c.hidden()),
                    bias ? vector(file, p + "attn_q.bias", c.qDim()) : null,
                    bias ? vector(file, p + "attn_k.bias", c.kvDim()) : null,
                    bias ? vector(file, p + "attn_v.bias", c.kvDim()) : null,
                    qkNorm ? vector(file, p + "attn_q_norm.weight", c.headDim()) : null,
                    qkNorm ? vector(file, p + "attn_k_norm.weight", c.headDim()) : null,
                    vector(file, p + "ffn_norm.weight", c.hidden()),
                    matrix(file, p + "ffn_gate.weight", c.hidden(), c.ffn()),
                    matrix(file, p + "ffn_up.weight", c.hidden(), c.ffn()),
                    matrix(file, p + "ffn_down.weight", c.ffn(), c.hidden()));
        }
        float[] outNorm = vector(file, "output_norm.weight", c.hidden());
        Matrix output = file.tensor("output.weight") != null ? matrix(file, "output.weight", c.hidden(), c.vocabSize()) : embd;
        return new Weights(embd, layers, outNorm, output);
    }

    private static Matrix matrix(GGUFFile file, String name, int cols, int rows) {
        TensorInfo t = file.requireTensor(name);
        if (t.shape().length != 2 || t.cols() != cols || t.rows() != rows) {
            throw new BadInputException(file.path() + ": tensor '" + name + "' has shape " + t.shapeString()
                    + ", expected [" + cols + " x " + rows + "]");
        }
        return Matrix.of(file, t);
    }

    private static float[] vector(GGUFFile file, String name, int n) {
        TensorInfo t = file.requireTensor(name);
        if (t.elementCount() != n) {
            throw new BadInputException(file.path() + ": tensor '" + name + "' has shape " + t.shapeString() + ", expected [" + n + "]");
        }
        TypeCodec codec = Codecs.forType(t.type());
        if (codec == null) {
            throw new BadInputException(file.path() + ": tensor '" + name + "' has unsupported type " + t.type());
        }
        float[] v = new float[n];
        codec.dequantize(t.data(), 0, v, 0, n);
        return v;
    }
}
