package dev.litebench.engine.tensor;

import java.lang.foreign.MemorySegment;

/**
 * bfloat16 (the top 16 bits of an IEEE single), little-endian. Decoding shifts the bits up; encoding is ggml's
 * {@code ggml_compute_fp32_to_bf16}: round to nearest even, NaN forced quiet, subnormals kept.
 */
public final class BF16Codec implements TypeCodec {
    public static final BF16Codec INSTANCE = new BF16Codec();

    private BF16Codec() {}

    @Override
    public GGMLType type() {
        return GGMLType.BF16;
    }

    /** bf16 bits to float. */
    public static float toFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** Float to bf16 bits, exactly as ggml. */
    public static short fromFloat(float f) {
        int i = Float.floatToRawIntBits(f);
        if ((i & 0x7fffffff) > 0x7f800000) { // NaN
            return (short) ((i >>> 16) | 64); // force to quiet
        }
        return (short) ((i + (0x7fff + ((i >>> 16) & 1))) >>> 16);
    }

    @Override
    public void dequantize(MemorySegment src, long first, float[] dst, int dstOffset, int count) {
        long off = first * 2;
        for (int i = 0; i < count; i++) {
            dst[dstOffset + i] = toFloat(src.get(Quants.SHORT_LE, off + 2L * i));
        }
    }

    @Override
    public void quantize(float[] src, int srcOffset, int count, MemorySegment dst, long first) {
        long off = first * 2;
        for (int i = 0; i < count; i++) {
            dst.set(Quants.SHORT_LE, off + 2L * i, fromFloat(src[srcOffset + i]));
        }
    }
}
