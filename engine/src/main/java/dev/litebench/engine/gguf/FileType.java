package dev.litebench.engine.gguf;

/**
 * The file type a GGUF records in {@code general.file_type} (llama.cpp's {@code llama_ftype}), by the name
 * llama-quantize takes: what a user downloaded ("Q4_K_M"), where the tensors' own types say less (a Qwen2.5-0.5B
 * Q4_K_M file is mostly Q5_0 matrices).
 */
public final class FileType {
    public static final String KEY = "general.file_type";

    /** Indexed by {@code llama_ftype}; null where llama.cpp defines none (removed types). */
    private static final String[] NAMES = {
        "F32", "F16", "Q4_0", "Q4_1", null, null, null, "Q8_0", "Q5_0", "Q5_1",
        "Q2_K", "Q3_K_S", "Q3_K_M", "Q3_K_L", "Q4_K_S", "Q4_K_M", "Q5_K_S", "Q5_K_M", "Q6_K", "IQ2_XXS",
        "IQ2_XS", "Q2_K_S", "IQ3_XS", "IQ3_XXS", "IQ1_S", "IQ4_NL", "IQ3_S", "IQ3_M", "IQ2_S", "IQ2_M",
        "IQ4_XS", "IQ1_M", "BF16", null, null, null, "TQ1_0", "TQ2_0", "MXFP4_MOE",
    };

    private FileType() {}

    /** The file's type name, or null when it records none, or one that is not an integer this table knows. */
    public static String of(Metadata meta) {
        if (!meta.has(KEY) || !(meta.get(KEY).value() instanceof Number id)) return null;
        return id.longValue() >= 0 && id.longValue() < NAMES.length ? NAMES[id.intValue()] : null;
    }
}
