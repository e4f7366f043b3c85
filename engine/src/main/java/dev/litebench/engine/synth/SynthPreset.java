package dev.litebench.engine.synth;

import dev.litebench.engine.BadInputException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Published shapes of the models LiteBench synthesizes (from each model's config.json), plus a tiny one for tests. */
public enum SynthPreset {
    QWEN3_0_6B("qwen3-0.6b", "qwen3", 1024, 28, 16, 8, 128, 3072, 40960, 1_000_000f),
    QWEN3_1_7B("qwen3-1.7b", "qwen3", 2048, 28, 16, 8, 128, 6144, 40960, 1_000_000f),
    QWEN2_5_0_5B("qwen2.5-0.5b", "qwen2", 896, 24, 14, 2, 64, 4864, 32768, 1_000_000f),
    QWEN1_5_0_5B("qwen1.5-0.5b", "qwen2", 1024, 24, 16, 16, 64, 2816, 32768, 1_000_000f),
    TINY("tiny", "qwen3", 64, 2, 4, 2, 16, 128, 40960, 1_000_000f);

    public final String id;
    public final String architecture;
    public final int hidden;
    public final int layers;
    public final int heads;
    public final int kvHeads;
    public final int headDim;
    public final int ffn;
    public final int contextLength;
    public final float ropeTheta;

    SynthPreset(String id, String architecture, int hidden, int layers, int heads, int kvHeads, int headDim, int ffn,
                int contextLength, float ropeTheta) {
        this.id = id;
        this.architecture = architecture;
        this.hidden = hidden;
        this.layers = layers;
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.ffn = ffn;
        this.contextLength = contextLength;
        this.ropeTheta = ropeTheta;
    }

    /** qwen2 models (Qwen1.5, Qwen2, Qwen2.5) have q/k/v biases; qwen3 has per-head q/k norms instead. */
    public boolean qkvBias() {
        return architecture.equals("qwen2");
    }

    public static SynthPreset byId(String id) {
        for (SynthPreset p : values()) if (p.id.equals(id)) return p;
        throw new BadInputException("unknown preset '" + id + "' (available: " + ids() + ")");
    }

    public static String ids() {
        return Arrays.stream(values()).map(p -> p.id).collect(Collectors.joining(", "));
    }
}
