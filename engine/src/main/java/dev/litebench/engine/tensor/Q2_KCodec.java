package dev.litebench.engine.tensor;

import java.lang.foreign.MemorySegment;

/**
 * Q2_K (llama.cpp's Q2_K files, and with Q3_K the low-bit parts of Q3_K_* ones): super-blocks of 256 elements, 84
 * bytes: 16 bytes of 4-bit scale (low nibble) and min (high nibble) pairs, one per 16 elements, 64 bytes of 2-bit
 * quants, then fp16 {@code d} and {@code dmin}. In each half h (128 elements) element 128h + 32k + l (k = 0..3,
 * l = 0..31) is bits 2k..2k+1 of qs[32h + l] and uses pair 8h + 2k + l/16; value = d·scale·q - dmin·min. Decoding is
 * {@code dequantize_row_q2_K}.
 */
public final class Q2_KCodec implements DecodeOnlyCodec {
    public static final Q2_KCodec INSTANCE = new Q2_KCodec();
    private static final int QK = Quants.QK_K;
    private static final int BYTES = 84;
    private static final int QS = 16;
    private static final int D = 80;

    private Q2_KCodec() {}

    @Override
    public GGMLType type() {
        return GGMLType.Q2_K;
    }

    @Override
    public void dequantize(MemorySegment src, long first, float[] dst, int dstOffset, int count) {
        Quants.checkBlocks(GGMLType.Q2_K, first, count);
        long off = first / QK * BYTES;
        for (int b = 0; b < count / QK; b++, off += BYTES) {
            float d = Quants.readF16(src, off + D);
            float min = Quants.readF16(src, off + D + 2);
            int y = dstOffset + b * QK;
            for (int e = 0; e < QK; e += 16) { // 16 elements share a scale and a min: pair e / 16
                int half = e / 128, k = e % 128 / 32, l0 = e % 32;
                int sc = Quants.u8(src, off + e / 16);
                float dl = d * (sc & 0xF), ml = min * (sc >>> 4);
                for (int l = l0; l < l0 + 16; l++) {
                    int q = (Quants.u8(src, off + QS + 32 * half + l) >>> 2 * k) & 3;
                    dst[y + e + l - l0] = dl * q - ml;
                }
            }
        }
    }
}
