package dev.litebench.engine.model;

import dev.litebench.engine.BadInputException;
import dev.litebench.engine.gguf.Metadata;

import java.util.Set;

/**
 * Hyperparameters of a Qwen-family transformer, all read from GGUF metadata ({@code <arch>.*} keys).
 * {@code headDim} may differ from {@code hidden / heads} (Qwen3-0.6B: 16 heads x 128 = 2048 vs hidden 1024).
 * Qwen models rotate (i, i + headDim/2) pairs (NEOX style); llama rotates adjacent pairs.
 */
public record ModelConfig(
        String architecture,
        int hidden,
        int layers,
        int heads,
        int kvHeads,
        int headDim,
        int ffn,
        int vocabSize,
        int contextLength,
        float ropeTheta,
        float rmsEps,
        boolean ropeNeox) {

    public static final Set<String> SUPPORTED_ARCHITECTURES = Set.of("qwen3", "qwen2", "llama");

    public static ModelConfig fromGguf(Metadata m, int vocabSize) {
        String arch = m.string("general.architecture");
        if (!SUPPORTED_ARCHITECTURES.contains(arch)) {
            throw new BadInputException(m.source() + ": architecture '" + arch + "' is not supported (supported: "
                    + String.join(", ", SUPPORTED_ARCHITECTURES.stream().sorted().toList()) + ")");
        }
        String p = arch + ".";
        int hidden = m.intInRange(p + "embedding_length", 1, 1 << 16);
        int heads = m.intInRange(p + "attention.head_count", 1, 1024);
        int kvHeads = m.has(p + "attention.head_count_kv") ? m.intInRange(p + "attention.head_count_kv", 1, heads) : heads;
        if (heads % kvHeads != 0) {
            throw new BadInputException(m.source() + ": " + heads + " attention heads is not a multiple of " + kvHeads + " KV heads");
        }
        int headDim = m.has(p + "attention.key_length") ? m.intInRange(p + "attention.key_length", 2, 4096) : hidden / heads;
        if (headDim % 2 != 0 || (m.has(p + "attention.value_length") && m.integer(p + "attention.value_length") != headDim)) {
            throw new BadInputException(m.source() + ": head size " + headDim + " must be even and equal for keys and values");
        }
        return new ModelConfig(
                arch,
                hidden,
                m.intInRange(p + "block_count", 1, 1024),
                heads,
                kvHeads,
                headDim,
                m.intInRange(p + "feed_forward_length", 1, 1 << 20),
                vocabSize,
                m.intInRange(p + "context_length", 1, 1 << 24),
                (float) m.number(p + "rope.freq_base", 10000.0),
                (float) m.number(p + "attention.layer_norm_rms_epsilon", 1e-6),
                !arch.equals("llama"));
    }

    public int qDim() {
        return heads * headDim;
    }

    public int kvDim() {
        return kvHeads * headDim;
    }

    /** Bytes of F16 K and V cache per token across all layers. */
    public long kvBytesPerToken() {
        return 2L * layers * kvDim() * Short.BYTES;
    }
}
