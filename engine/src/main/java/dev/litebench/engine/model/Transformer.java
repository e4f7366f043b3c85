package dev.litebench.engine.model;

import dev.litebench.engine.gguf.GGUFFile;
import dev.litebench.engine.gguf.TensorInfo;

/** A model's configuration and weights, validated against each other, backed by an open GGUF file. */
public record Transformer(GGUFFile file, ModelConfig config, Weights weights) {

    /** Reads the configuration and binds the weights of an open file. */
    public static Transformer load(GGUFFile file) {
        TensorInfo embd = file.requireTensor("token_embd.weight");
        int vocab = (int) Math.min(Integer.MAX_VALUE, embd.rows());
        ModelConfig config = ModelConfig.fromGguf(file.meta(), vocab);
        return new Transformer(file, config, Weights.load(file, config));
    }
}
