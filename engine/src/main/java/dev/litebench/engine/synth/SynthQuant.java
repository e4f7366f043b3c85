package dev.litebench.engine.synth;

import dev.litebench.engine.BadInputException;
import dev.litebench.engine.tensor.GGMLType;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Weight formats for synthetic files, with the tensor types llama-quantize would choose: Q4_0 and Q4_K keep the
 * embedding (which doubles as the tied output matrix) in Q6_K. A matrix whose rows are not a multiple of its type's
 * block (Q4_K and Q6_K: 256) is stored as Q8_0 instead. Q4_K stores every other matrix as Q4_K: llama.cpp's Q4_K_S
 * (whose file type number it records) but for the few matrices that one raises to Q5_K. 1-D tensors (norms, biases) are
 * always F32. The llama_ftype number goes into {@code general.file_type}.
 */
public enum SynthQuant {
    F32(GGMLType.F32, GGMLType.F32, 0),
    F16(GGMLType.F16, GGMLType.F16, 1),
    BF16(GGMLType.BF16, GGMLType.BF16, 32),
    Q8_0(GGMLType.Q8_0, GGMLType.Q8_0, 7),
    Q4_0(GGMLType.Q4_0, GGMLType.Q6_K, 2),
    Q4_K(GGMLType.Q4_K, GGMLType.Q6_K, 14);

    private final GGMLType matrixType;
    private final GGMLType embeddingType;
    public final int fileType;

    SynthQuant(GGMLType matrixType, GGMLType embeddingType, int fileType) {
        this.matrixType = matrixType;
        this.embeddingType = embeddingType;
        this.fileType = fileType;
    }

    /** The type of a layer matrix whose rows hold {@code rowLength} values. */
    public GGMLType matrixType(int rowLength) {
        return fitting(matrixType, rowLength);
    }

    /** The type of the embedding, whose rows hold {@code rowLength} values. */
    public GGMLType embeddingType(int rowLength) {
        return fitting(embeddingType, rowLength);
    }

    private static GGMLType fitting(GGMLType type, int rowLength) {
        return rowLength % type.blockSize == 0 ? type : GGMLType.Q8_0;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SynthQuant byId(String id) {
        for (SynthQuant q : values()) if (q.id().equals(id.toLowerCase(Locale.ROOT))) return q;
        throw new BadInputException("unknown quantization '" + id + "' (available: "
                + Arrays.stream(values()).map(SynthQuant::id).collect(Collectors.joining(", ")) + ")");
    }
}
