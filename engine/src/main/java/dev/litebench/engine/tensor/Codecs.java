package dev.litebench.engine.tensor;

/** The codec of each supported tensor type. */
public final class Codecs {
    private Codecs() {}

    /** The codec for {@code type}, or null when LiteBench cannot decode it. */
    public static TypeCodec forType(GGMLType type) {
        return switch (type) {
            case F32 -> F32Codec.INSTANCE;
            default -> null;
        };
    }
}
