package dev.litebench.engine.tensor;

import java.lang.foreign.MemorySegment;

/**
 * The block layout of one GGML tensor type: reference (scalar) decoding exactly as ggml's
 * {@code dequantize_row_*}, and encoding as ggml's {@code quantize_row_*_ref} where LiteBench writes the type.
 * Element indices and counts must be multiples of the type's block size.
 */
public interface TypeCodec {
    GGMLType type();

    /** Decodes {@code count} elements starting at element {@code first} of {@code src} into {@code dst}. */
    void dequantize(MemorySegment src, long first, float[] dst, int dstOffset, int count);

    /** Whether {@link #quantize} is implemented. */
    default boolean canQuantize() {
        return true;
    }

    /** Encodes {@code count} floats from {@code src} as elements starting at element {@code first} of {@code dst}. */
    void quantize(float[] src, int srcOffset, int count, MemorySegment dst, long first);
}
