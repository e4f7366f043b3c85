package dev.litebench.engine.tensor;

import java.lang.foreign.MemorySegment;

/**
 * Q3_K (llama.cpp's Q3_K_S/M/L files): super-blocks of 256 elements, 110 bytes: 32 bytes {@code hmask}, 64 bytes of
 * low 2-bit quants laid out as Q2_K's, 12 bytes packing sixteen 6-bit scales (one per 16 elements), then fp16
 * {@code d}. Element 128h + 32k + l (k = 0..3, l = 0..31) takes its low bits from bits 2k..2k+1 of qs[32h + l] and
 * loses 4 unless bit 4h + k of hmask[l] is set; value = d·(scale - 32)·q. Decoding is {@code dequantize_row_q3_K}.
 */
public final class Q3_KCodec implements DecodeOnlyCodec {
    public static final Q3_KCodec INSTANCE = new Q3_KCodec();
    private static final int QK = Quants.QK_K;
    private static final int BYTES = 110;
    private static final int QS = 32;
    private static final int SC = 96;
    private static final int D = 108;
    private static final int LOW_NIBBLES = 0x0f0f0f0f, TWO_BITS = 0x03030303;

    private Q3_KCodec() {}

    @Override
    public GGMLType type() {
        return GGMLType.Q3_K;
    }

    @Override
    public void dequantize(MemorySegment src, long first, float[] dst, int dstOffset, int count) {
        Quants.checkBlocks(GGMLType.Q3_K, first, count);
        long off = first / QK * BYTES;
        int[] scales = new int[4];
        for (int b = 0; b < count / QK; b++, off += BYTES) {
            float d = Quants.readF16(src, off + D);
            unpackScales(src, off + SC, scales);
            int y = dstOffset + b * QK;
            for (int e = 0; e < QK; e += 16) { // 16 elements share scale e / 16
                int half = e / 128, k = e % 128 / 32, l0 = e % 32;
                float dl = d * ((byte) (scales[e / 64] >>> 8 * (e / 16 % 4)) - 32);
                for (int l = l0; l < l0 + 16; l++) {
                    int q = (Quants.u8(src, off + QS + 32 * half + l) >>> 2 * k) & 3;
                    boolean high = (Quants.u8(src, off + l) & 1 << 4 * half + k) != 0;
                    dst[y + e + l - l0] = dl * (q - (high ? 0 : 4));
                }
            }
        }
    }

    /** The 12 packed bytes at {@code at} as 16 six-bit scales, scale j in byte j % 4 of {@code out[j / 4]}: ggml's word shuffle. */
    private static void unpackScales(MemorySegment src, long at, int[] out) {
        int a0 = src.get(Quants.INT_LE, at), a1 = src.get(Quants.INT_LE, at + 4), tmp = src.get(Quants.INT_LE, at + 8);
        out[0] = (a0 & LOW_NIBBLES) | (tmp & TWO_BITS) << 4;
        out[1] = (a1 & LOW_NIBBLES) | (tmp >>> 2 & TWO_BITS) << 4;
        out[2] = (a0 >>> 4 & LOW_NIBBLES) | (tmp >>> 4 & TWO_BITS) << 4;
        out[3] = (a1 >>> 4 & LOW_NIBBLES) | (tmp >>> 6 & TWO_BITS) << 4;
    }
}
