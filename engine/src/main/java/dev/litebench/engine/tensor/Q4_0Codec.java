package dev.litebench.engine.tensor;

import java.lang.foreign.MemorySegment;

/**
 * Q4_0: blocks of 32 elements, 18 bytes: fp16 scale {@code d}, then 16 bytes of nibbles. Byte j holds element j
 * in its low nibble and element j+16 in its high nibble; value = (q-8)·d. Encoding is
 * {@code quantize_row_q4_0_ref}: d = max/-8 where max is the signed value of largest magnitude (the first one on
 * ties), q = min(15, (int)(x/d + 8.5)).
 */
public final class Q4_0Codec implements TypeCodec {
    public static final Q4_0Codec INSTANCE = new Q4_0Codec();
    private static final int QK = 32;
    private static final int BYTES = 18;

    private Q4_0Codec() {}

    @Override
    public GGMLType type() {
        return GGMLType.Q4_0;
    }

    @Override
    public void dequantize(MemorySegment src, long first, float[] dst, int dstOffset, int count) {
        Quants.checkBlocks(GGMLType.Q4_0, first, count);
        long off = first / QK * BYTES;
        for (int b = 0; b < count / QK; b++, off += BYTES) {
            float d = Quants.readF16(src, off);
            int y = dstOffset + b * QK;
            for (int j = 0; j < QK / 2; j++) {
                int q = Quants.u8(src, off + 2 + j);
                dst[y + j] = (Quants.lo4(q) - 8) * d;
                dst[y + j + QK / 2] = (Quants.hi4(q) - 8) * d;
            }
        }
    }

    @Override
    public void quantize(float[] src, int srcOffset, int count, MemorySegment dst, long first) {
        Quants.checkBlocks(GGMLType.Q4_0, first, count);
        byte[] blk = new byte[BYTES];
        long off = first / QK * BYTES;
        for (int b = 0; b < count / QK; b++, off += BYTES) {
            int x = srcOffset + b * QK;
            float d = Quants.largestMagnitude(src, x, QK) / -8;
            float id = d != 0 ? 1.0f / d : 0.0f;
            Quants.putF16(blk, 0, Quants.fp32ToFp16(d));
            for (int j = 0; j < QK / 2; j++) {
                float x0 = src[x + j] * id;
                float x1 = src[x + QK / 2 + j] * id;
                // C: (uint8_t) MIN(15, (int8_t)(x + 8.5f)), then packed into one uint8_t
                int xi0 = Math.min(15, (byte) (int) (x0 + 8.5f)) & 0xFF;
                int xi1 = Math.min(15, (byte) (int) (x1 + 8.5f)) & 0xFF;
                blk[2 + j] = (byte) (xi0 | (xi1 << 4));
            }
            MemorySegment.copy(blk, 0, dst, Quants.BYTE, off, BYTES);
        }
    }
}
