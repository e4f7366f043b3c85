package dev.litebench.engine.tensor;

import java.lang.foreign.MemorySegment;

/**
 * Q4_1: blocks of 32 elements, 20 bytes: fp16 scale {@code d}, fp16 min {@code m}, then 16 bytes of nibbles laid
 * out as in Q4_0 (byte j: element j low, element j+16 high); value = q·d + m. Encoding is
 * {@code quantize_row_q4_1_ref}: d = (max-min)/15, m = min, q = min(15, (int)((x-min)/d + 0.5)).
 */
public final class Q4_1Codec implements TypeCodec {
    public static final Q4_1Codec INSTANCE = new Q4_1Codec();
    private static final int QK = 32;
    private static final int BYTES = 20;

    private Q4_1Codec() {}

    @Override
    public GGMLType type() {
        return GGMLType.Q4_1;
    }

    @Override
    public void dequantize(MemorySegment src, long first, float[] dst, int dstOffset, int count) {
        Quants.checkBlocks(GGMLType.Q4_1, first, count);
        long off = first / QK * BYTES;
        for (int b = 0; b < count / QK; b++, off += BYTES) {
            float d = Quants.readF16(src, off);
            float m = Quants.readF16(src, off + 2);
            int y = dstOffset + b * QK;
            for (int j = 0; j < QK / 2; j++) {
                int q = Quants.u8(src, off + 4 + j);
                dst[y + j] = Quants.lo4(q) * d + m;
                dst[y + j + QK / 2] = Quants.hi4(q) * d + m;
            }
        }
    }

    @Override
    public void quantize(float[] src, int srcOffset, int count, MemorySegment dst, long first) {
        Quants.checkBlocks(GGMLType.Q4_1, first, count);
        byte[] blk = new byte[BYTES];
        long off = first / QK * BYTES;
        for (int b = 0; b < count / QK; b++, off += BYTES) {
            int x = srcOffset + b * QK;
            float min = Quants.min(src, x, QK);
            float max = Quants.max(src, x, QK);
            float d = (max - min) / ((1 << 4) - 1);
            float id = d != 0 ? 1.0f / d : 0.0f;
            Quants.putF16(blk, 0, Quants.fp32ToFp16(d));
            Quants.putF16(blk, 2, Quants.fp32ToFp16(min));
            for (int j = 0; j < QK / 2; j++) {
                float x0 = (src[x + j] - min) * id;
                float x1 = (src[x + QK / 2 + j] - min) * id;
                int xi0 = Math.min(15, (byte) (int) (x0 + 0.5f)) & 0xFF;
                int xi1 = Math.min(15, (byte) (int) (x1 + 0.5f)) & 0xFF;
                blk[4 + j] = (byte) (xi0 | (xi1 << 4));
            }
            MemorySegment.copy(blk, 0, dst, Quants.BYTE, off, BYTES);
        }
    }
}
