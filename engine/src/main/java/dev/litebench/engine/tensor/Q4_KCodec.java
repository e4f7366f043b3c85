package dev.litebench.engine.tensor;

import java.lang.foreign.MemorySegment;

/**
 * Q4_K: super-blocks of 256 elements, 144 bytes: fp16 {@code d}, fp16 {@code dmin}, 12 bytes of 6-bit scales and
 * mins for 8 sub-blocks of 32 (packed as ggml's {@code get_scale_min_k4}), then 128 bytes of nibbles. Each 64
 * elements use 32 bytes: elements 64c+l in the low nibbles, 64c+32+l in the high nibbles, sub-blocks 2c and 2c+1;
 * value = d·scale·q - dmin·min. Decoding is {@code dequantize_row_q4_K}, encoding {@code quantize_row_q4_K_ref}.
 */
public final class Q4_KCodec implements TypeCodec {
    public static final Q4_KCodec INSTANCE = new Q4_KCodec();
    private static final int QK = Quants.QK_K;
    private static final int BYTES = 144;
    private static final int SCALES = 4;
    private static final int QS = 16;

    private Q4_KCodec() {}

    @Override
    public GGMLType type() {
        return GGMLType.Q4_K;
    }

    @Override
    public void dequantize(MemorySegment src, long first, float[] dst, int dstOffset, int count) {
        Quants.checkBlocks(GGMLType.Q4_K, first, count);
        long off = first / QK * BYTES;
        int y = dstOffset;
        for (int b = 0; b < count / QK; b++, off += BYTES) {
            float d = Quants.readF16(src, off);
            float min = Quants.readF16(src, off + 2);
            long q = off + QS;
            int is = 0;
            for (int j = 0; j < QK; j += 64) {
                float d1 = d * Quants.scaleK4(src, off + SCALES, is);
                float m1 = min * Quants.minK4(src, off + SCALES, is);
                float d2 = d * Quants.scaleK4(src, off + SCALES, is + 1);
                float m2 = min * Quants.minK4(src, off + SCALES, is + 1);
                for (int l = 0; l < 32; ++l) dst[y++] = d1 * Quants.lo4(Quants.u8(src, q + l)) - m1;
                for (int l = 0; l < 32; ++l) dst[y++] = d2 * Quants.hi4(Quants.u8(src, q + l)) - m2;
                q += 32;
                is += 2;
            }
        }
    }

    @Override
    public void quantize(float[] src, int srcOffset, int count, MemorySegment dst, long first) {
        Quants.checkBlocks(GGMLType.Q4_K, first, count);
        byte[] blk = new byte[BYTES];
        byte[] L = new byte[QK];
        long off = first / QK * BYTES;
        for (int b = 0; b < count / QK; b++, off += BYTES) {
            int x = srcOffset + b * QK;
            Quants.quantizeKScaleMin(src, x, 15, -1.f, 20, blk, L);
            int q = QS;
            for (int j = 0; j < QK; j += 64) {
                for (int l = 0; l < 32; ++l) blk[q + l] = Quants.nibbles(L[j + l], L[j + l + 32]);
                q += 32;
            }
            MemorySegment.copy(blk, 0, dst, Quants.BYTE, off, BYTES);
        }
    }
}
