package dev.litebench.engine.tensor;

import java.lang.foreign.MemorySegment;

/**
 * Q5_0: blocks of 32 elements, 22 bytes: fp16 scale {@code d}, 4 bytes {@code qh} holding each element's fifth bit
 * (bit j for element j, a little-endian 32-bit word), then 16 bytes of low nibbles laid out as in Q4_0 (byte j:
 * element j low, element j+16 high); value = (q-16)·d. llama-quantize writes Q5_0 where a Q4_K file's matrix rows
 * are not a multiple of 256 (Qwen2.5-0.5B's 896). Encoding is {@code quantize_row_q5_0_ref}: d = max/-16 where max is
 * the signed value of largest magnitude, q = min(31, (int)(x/d + 16.5)).
 */
public final class Q5_0Codec implements TypeCodec {
    public static final Q5_0Codec INSTANCE = new Q5_0Codec();
    private static final int QK = 32;
    private static final int BYTES = 22;

    private Q5_0Codec() {}

    @Override
    public GGMLType type() {
        return GGMLType.Q5_0;
    }

    @Override
    public void dequantize(MemorySegment src, long first, float[] dst, int dstOffset, int count) {
        Quants.checkBlocks(GGMLType.Q5_0, first, count);
        long off = first / QK * BYTES;
        for (int b = 0; b < count / QK; b++, off += BYTES) {
            float d = Quants.readF16(src, off);
            int qh = src.get(Quants.INT_LE, off + 2);
            int y = dstOffset + b * QK;
            for (int j = 0; j < QK / 2; j++) {
                int q = Quants.u8(src, off + 6 + j);
                dst[y + j] = ((Quants.lo4(q) | fifthBit(qh, j)) - 16) * d;
                dst[y + j + QK / 2] = ((Quants.hi4(q) | fifthBit(qh, j + QK / 2)) - 16) * d;
            }
        }
    }

    /** Element {@code e}'s fifth bit from the block's {@code qh} word, in place (16 or 0). */
    static int fifthBit(int qh, int e) {
        return ((qh >>> e) & 1) << 4;
    }

    /** {@code qh} with element {@code e}'s fifth bit set from its quant {@code q} (0 to 31). */
    static int addFifthBit(int qh, int q, int e) {
        return qh | ((q & 0x10) >>> 4) << e;
    }

    @Override
    public void quantize(float[] src, int srcOffset, int count, MemorySegment dst, long first) {
        Quants.checkBlocks(GGMLType.Q5_0, first, count);
        byte[] blk = new byte[BYTES];
        long off = first / QK * BYTES;
        for (int b = 0; b < count / QK; b++, off += BYTES) {
            int x = srcOffset + b * QK;
            float d = Quants.largestMagnitude(src, x, QK) / -16;
            float id = d != 0 ? 1.0f / d : 0.0f;
            Quants.putF16(blk, 0, Quants.fp32ToFp16(d));
            int qh = 0;
            for (int j = 0; j < QK / 2; j++) {
                // C: (uint8_t) MIN(31, (int8_t)(x + 16.5f))
                int xi0 = Math.min(31, (byte) (int) (src[x + j] * id + 16.5f)) & 0xFF;
                int xi1 = Math.min(31, (byte) (int) (src[x + QK / 2 + j] * id + 16.5f)) & 0xFF;
                blk[6 + j] = Quants.nibbles(xi0 & 0xF, xi1 & 0xF);
                qh = addFifthBit(addFifthBit(qh, xi0, j), xi1, j + QK / 2);
            }
            putInt(blk, 2, qh);
            MemorySegment.copy(blk, 0, dst, Quants.BYTE, off, BYTES);
        }
    }

    static void putInt(byte[] b, int offset, int v) {
        for (int i = 0; i < 4; i++) b[offset + i] = (byte) (v >>> 8 * i);
    }
}
