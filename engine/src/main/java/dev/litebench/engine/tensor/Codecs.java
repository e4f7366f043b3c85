package dev.litebench.engine.tensor;

/** The codec of each supported tensor type. */
public final class Codecs {
    private Codecs() {}

    /** The codec for {@code type}, or null when LiteBench cannot decode it. */
    public static TypeCodec forType(GGMLType type) {
        return switch (type) {
            case F32 -> F32Codec.INSTANCE;
            case F16 -> F16Codec.INSTANCE;
            case BF16 -> BF16Codec.INSTANCE;
            case Q8_0 -> Q8_0Codec.INSTANCE;
            case Q4_0 -> Q4_0Codec.INSTANCE;
            case Q4_1 -> Q4_1Codec.INSTANCE;
            case Q5_0 -> Q5_0Codec.INSTANCE;
            case Q5_1 -> Q5_1Codec.INSTANCE;
            case IQ4_NL -> IQ4_NLCodec.INSTANCE;
            case IQ4_XS -> IQ4_XSCodec.INSTANCE;
            case Q2_K -> Q2_KCodec.INSTANCE;
            case Q3_K -> Q3_KCodec.INSTANCE;
            case Q4_K -> Q4_KCodec.INSTANCE;
            case Q5_K -> Q5_KCodec.INSTANCE;
            case Q6_K -> Q6_KCodec.INSTANCE;
            default -> null;
        };
    }
}
