package dev.litebench.engine.tensor;

import java.lang.foreign.MemorySegment;

/** IEEE 754 half precision, little-endian; conversions as ggml's {@code ggml_compute_fp16_to_fp32} and back. */
public final class F16Codec implements TypeCodec {
    public static final F16Codec INSTANCE = new F16Codec();

    private F16Codec() {}

    @Override
    public GGMLType type() {
        return GGMLType.F16;
    }

    @Override
    public void dequantize(MemorySegment src, long first, float[] dst, int dstOffset, int count) {
        long off = first * 2;
        for (int i = 0; i < count; i++) {
            dst[dstOffset + i] = Quants.readF16(src, off + 2L * i);
        }
    }

    @Override
    public void quantize(float[] src, int srcOffset, int count, MemorySegment dst, long first) {
        long off = first * 2;
        for (int i = 0; i < count; i++) {
            Quants.writeF16(dst, off + 2L * i, src[srcOffset + i]);
        }
    }
}
