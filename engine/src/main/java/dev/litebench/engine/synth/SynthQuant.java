package dev.litebench.engine.synth;

import dev.litebench.engine.BadInputException;
import dev.litebench.engine.tensor.GGMLType;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Weight formats for synthetic files, with the tensor types llama-quantize would choose: Q4_0 keeps the
 * embedding (which doubles as the tied output matrix) in Q6_K, or Q8_0 when its rows are not a multiple of 256.
 * 1-D tensors (norms, biases) are always F32. The llama_ftype number goes into {@code general.file_type}.
 */
public enum SynthQuant {
    F32(GGMLType.F32, GGMLType.F32, 0),
    F16(GGMLType.F16, GGMLType.F16, 1),
    BF16(GGMLType.BF16, GGMLType.BF16, 32),
    Q8_0(GGMLType.Q8_0, GGMLType.Q8_0, 7),
    Q4_0(GGMLType.Q4_0, GGMLType.Q6_K, 2);

    public final GGMLType matrixType;
    private final GGMLType embeddingType;
    public final int fileType;

    SynthQuant(GGMLType matrixType, GGMLType embeddingType, int fileType) {
        this.matrixType = matrixType;
        this.embeddingType = embeddingType;
        this.fileType = fileType;
    }

    public GGMLType embeddingType(int rowLength) {
        return rowLength % embeddingType.blockSize == 0 ? embeddingType : GGMLType.Q8_0;
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
