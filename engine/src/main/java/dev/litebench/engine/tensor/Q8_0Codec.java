package dev.litebench.engine.tensor;

import java.lang.foreign.MemorySegment;

/**
 * Q8_0: blocks of 32 elements, 34 bytes: fp16 scale {@code d}, then 32 signed bytes {@code q}; value = q·d.
 * Encoding is {@code quantize_row_q8_0_ref}: d = amax/127, q = roundf(x/d) (half away from zero).
 */
public final class Q8_0Codec implements TypeCodec {
    public static final Q8_0Codec INSTANCE = new Q8_0Codec();
    private static final int QK = 32;
    private static final int BYTES = 34;

    private Q8_0Codec() {}

    @Override
    public GGMLType type() {
        return GGMLType.Q8_0;
    }

    @Override
    public void dequantize(MemorySegment src, long first, float[] dst, int dstOffset, int count) {
        Quants.checkBlocks(GGMLType.Q8_0, first, count);
        long off = first / QK * BYTES;
        for (int b = 0; b < count / QK; b++, off += BYTES) {
            float d = Quants.readF16(src, off);
            int y = dstOffset + b * QK;
            for (int j = 0; j < QK; j++) {
                dst[y + j] = Quants.i8(src, off + 2 + j) * d;
            }
        }
    }

    @Override
    public void quantize(float[] src, int srcOffset, int count, MemorySegment dst, long first) {
        Quants.checkBlocks(GGMLType.Q8_0, first, count);
        byte[] blk = new byte[BYTES];
        long off = first / QK * BYTES;
        for (int b = 0; b < count / QK; b++, off += BYTES) {
            int x = srcOffset + b * QK;
            float amax = 0.0f; // absolute max
            for (int j = 0; j < QK; j++) {
                float a = Math.abs(src[x + j]);
                amax = amax > a ? amax : a; // ggml's MAX macro, NaN handling included
            }
            float d = amax / ((1 << 7) - 1);
            float id = d != 0 ? 1.0f / d : 0.0f;
            Quants.putF16(blk, 0, Quants.fp32ToFp16(d));
            for (int j = 0; j < QK; j++) {
                blk[2 + j] = (byte) (int) Quants.roundf(src[x + j] * id);
            }
            MemorySegment.copy(blk, 0, dst, Quants.BYTE, off, BYTES);
        }
    }
}
