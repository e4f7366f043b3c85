package dev.litebench.engine.tensor;

import java.lang.foreign.MemorySegment;

/**
 * IQ4_XS: super-blocks of 256 elements, 136 bytes: fp16 {@code d}, a 16-bit word of the 2 high bits of each of the
 * 8 sub-blocks' 6-bit scales, 4 bytes of their low 4 bits (sub-block 2i in the low nibble of byte i), then 8 runs of 16
 * bytes laid out as IQ4_NL blocks. Element 32s + j is {@code d * (scale_s - 32) * LEVELS[q]}, q the low (j < 16) or
 * high nibble of byte 16s + j % 16 ({@link IQ4_NLCodec#LEVELS}). A popular quantization that needs no importance
 * matrix. Decoding is {@code dequantize_row_iq4_xs}.
 */
public final class IQ4_XSCodec implements DecodeOnlyCodec {
    public static final IQ4_XSCodec INSTANCE = new IQ4_XSCodec();
    private static final int QK = Quants.QK_K;
    private static final int BYTES = 136;
    private static final int QS = 8;

    private IQ4_XSCodec() {}

    @Override
    public GGMLType type() {
        return GGMLType.IQ4_XS;
    }

    /** Sub-block {@code s}'s scale less 32, from the super-block at {@code off}. */
    public static int scale(MemorySegment src, long off, int s) {
        int high = src.get(Quants.SHORT_LE, off + 2) >>> 2 * s & 3;
        int low = Quants.u8(src, off + 4 + s / 2) >>> 4 * (s % 2) & 0xf;
        return (low | high << 4) - 32;
    }

    @Override
    public void dequantize(MemorySegment src, long first, float[] dst, int dstOffset, int count) {
        Quants.checkBlocks(GGMLType.IQ4_XS, first, count);
        long off = first / QK * BYTES;
        for (int b = 0; b < count / QK; b++, off += BYTES) {
            float d = Quants.readF16(src, off);
            for (int s = 0; s < 8; s++) {
                float dl = d * scale(src, off, s);
                int y = dstOffset + b * QK + 32 * s;
                for (int j = 0; j < 16; j++) {
                    int q = Quants.u8(src, off + QS + 16 * s + j);
                    dst[y + j] = dl * IQ4_NLCodec.LEVELS[Quants.lo4(q)];
                    dst[y + j + 16] = dl * IQ4_NLCodec.LEVELS[Quants.hi4(q)];
                }
            }
        }
    }
}
