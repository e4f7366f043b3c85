package dev.litebench.engine.model;

import dev.litebench.engine.kernel.Matrix;

/** One transformer block's tensors. Biases (qwen2) and per-head q/k norms (qwen3) are null where absent. */
record LayerWeights(
        float[] attnNorm,
        Matrix wq, Matrix wk, Matrix wv, Matrix wo,
        float[] bq, float[] bk, float[] bv,
        float[] qNorm, float[] kNorm,
        float[] ffnNorm,
        Matrix wGate, Matrix wUp, Matrix wDown) {
}
