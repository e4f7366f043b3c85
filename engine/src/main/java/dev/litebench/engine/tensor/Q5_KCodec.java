package dev.litebench.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Q5_K: super-blocks of 256 elements, 176 bytes: fp16 {@code d}, fp16 {@code dmin}, 12 bytes of 6-bit scales and
 * mins (as Q4_K), 32 bytes {@code qh} of high bits, then 128 bytes {@code qs} of low nibbles laid out as Q4_K.
 * Element 64c+l takes bit 2c of qh[l] as its fifth bit, element 64c+32+l bit 2c+1; value = d·scale·q - dmin·min.
 * Decoding is {@code dequantize_row_q5_K}, encoding {@code quantize_row_q5_K_ref}.
 */
public final class Q5_KCodec implements TypeCodec {
    public static final Q5_KCodec INSTANCE = new Q5_KCodec();
    private static final int QK = Quants.QK_K;
    private static final int BYTES = 176;
    private static final int SCALES = 4;
    private static final int QH = 16;
    private static final int QS = 48;

    private Q5_KCodec() {}

    @Override
    public GGMLType type() {
        return GGMLType.Q5_K;
    }

    @Override
    public void dequantize(MemorySegment src, long first, float[] dst, int dstOffset, int count) {
        Quants.checkBlocks(GGMLType.Q5_K, first, count);
        long off = first / QK * BYTES;
        int y = dstOffset;
        for (int b = 0; b < count / QK; b++, off += BYTES) {
            float d = Quants.readF16(src, off);
            float min = Quants.readF16(src, off + 2);
            long ql = off + QS;
            long qh = off + QH;
            int is = 0;
            int u1 = 1, u2 = 2;
            for (int j = 0; j < QK; j += 64) {
                float d1 = d * Quants.scaleK4(src, off + SCALES, is);
                float m1 = min * Quants.minK4(src, off + SCALES, is);
                float d2 = d * Quants.scaleK4(src, off + SCALES, is + 1);
                float m2 = min * Quants.minK4(src, off + SCALES, is + 1);
                for (int l = 0; l < 32; ++l) {
                    int h = (Quants.u8(src, qh + l) & u1) != 0 ? 16 : 0;
                    dst[y++] = d1 * (Quants.lo4(Quants.u8(src, ql + l)) + h) - m1;
                }
                for (int l = 0; l < 32; ++l) {
                    int h = (Quants.u8(src, qh + l) & u2) != 0 ? 16 : 0;
                    dst[y++] = d2 * (Quants.hi4(Quants.u8(src, ql + l)) + h) - m2;
                }
                ql += 32;
                is += 2;
                u1 <<= 2;
                u2 <<= 2;
            }
        }
    }

    @Override
    public void quantize(float[] src, int srcOffset, int count, MemorySegment dst, long first) {
        Quants.checkBlocks(GGMLType.Q5_K, first, count);
        byte[] blk = new byte[BYTES];
        byte[] L = new byte[QK];
        long off = first / QK * BYTES;
        for (int b = 0; b < count / QK; b++, off += BYTES) {
            int x = srcOffset + b * QK;
            Quants.quantizeKScaleMin(src, x, 31, -0.5f, 15, blk, L);
            Arrays.fill(blk, QH, QH + QK / 8, (byte) 0);
            int ql = QS;
            int m1 = 1, m2 = 2;
            for (int n = 0; n < QK; n += 64) {
                for (int j = 0; j < 32; ++j) {
                    int l1 = L[n + j];
                    if (l1 > 15) {
                        l1 -= 16;
                        blk[QH + j] |= (byte) m1;
                    }
                    int l2 = L[n + j + 32];
                    if (l2 > 15) {
                        l2 -= 16;
                        blk[QH + j] |= (byte) m2;
                    }
                    blk[ql + j] = Quants.nibbles(l1, l2);
                }
                m1 <<= 2;
                m2 <<= 2;
                ql += 32;
            }
            MemorySegment.copy(blk, 0, dst, Quants.BYTE, off, BYTES);
        }
    }
}
