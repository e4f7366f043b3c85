package dev.litebench.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Q6_K: super-blocks of 256 elements, 210 bytes: 128 bytes {@code ql} (low 4 bits), 64 bytes {@code qh} (high 2
 * bits), 16 signed 8-bit scales (one per 16 elements: element e uses scales[e/16]), then the fp16 super-block
 * scale {@code d} last. In each half h (128 elements) element 128h+32k+l (k = 0..3, l = 0..31) takes its low bits
 * from ql[64h+l] (k = 0 low nibble, k = 2 high) or ql[64h+32+l] (k = 1 low, k = 3 high) and its high bits from
 * bits 2k..2k+1 of qh[32h+l]; value = d·scale·(q-32). Decoding is {@code dequantize_row_q6_K}, encoding
 * {@code quantize_row_q6_K_ref} (with {@code make_qx_quants}, rmse type 1).
 */
public final class Q6_KCodec implements TypeCodec {
    public static final Q6_KCodec INSTANCE = new Q6_KCodec();
    private static final int QK = Quants.QK_K;
    private static final int BYTES = 210;
    private static final int QL = 0;
    private static final int QH = 128;
    private static final int SC = 192;
    private static final int D = 208;

    private Q6_KCodec() {}

    @Override
    public GGMLType type() {
        return GGMLType.Q6_K;
    }

    @Override
    public void dequantize(MemorySegment src, long first, float[] dst, int dstOffset, int count) {
        Quants.checkBlocks(GGMLType.Q6_K, first, count);
        long off = first / QK * BYTES;
        for (int b = 0; b < count / QK; b++, off += BYTES) {
            float d = Quants.readF16(src, off + D);
            long ql = off + QL;
            long qh = off + QH;
            long sc = off + SC;
            int y = dstOffset + b * QK;
            for (int n = 0; n < QK; n += 128) {
                for (int l = 0; l < 32; ++l) {
                    int is = l / 16;
                    int qlA = Quants.u8(src, ql + l);
                    int qlB = Quants.u8(src, ql + l + 32);
                    int h = Quants.u8(src, qh + l);
                    int q1 = (Quants.lo4(qlA) | (((h >> 0) & 3) << 4)) - 32;
                    int q2 = (Quants.lo4(qlB) | (((h >> 2) & 3) << 4)) - 32;
                    int q3 = (Quants.hi4(qlA) | (((h >> 4) & 3) << 4)) - 32;
                    int q4 = (Quants.hi4(qlB) | (((h >> 6) & 3) << 4)) - 32;
                    dst[y + l] = d * Quants.i8(src, sc + is) * q1;
                    dst[y + l + 32] = d * Quants.i8(src, sc + is + 2) * q2;
                    dst[y + l + 64] = d * Quants.i8(src, sc + is + 4) * q3;
                    dst[y + l + 96] = d * Quants.i8(src, sc + is + 6) * q4;
                }
                y += 128;
                ql += 64;
                qh += 32;
                sc += 8;
            }
        }
    }

    @Override
    public void quantize(float[] src, int srcOffset, int count, MemorySegment dst, long first) {
        Quants.checkBlocks(GGMLType.Q6_K, first, count);
        byte[] blk = new byte[BYTES];
        byte[] L = new byte[QK];
        float[] scales = new float[QK / 16];
        long off = first / QK * BYTES;
        for (int b = 0; b < count / QK; b++, off += BYTES) {
            int x = srcOffset + b * QK;
            float maxScale = 0;
            float maxAbsScale = 0;
            for (int ib = 0; ib < QK / 16; ++ib) {
                float scale = Quants.makeQxQuants(16, 32, src, x + 16 * ib, L, 16 * ib, 1);
                scales[ib] = scale;
                float absScale = Math.abs(scale);
                if (absScale > maxAbsScale) {
                    maxAbsScale = absScale;
                    maxScale = scale;
                }
            }
            Arrays.fill(blk, (byte) 0);
            if (maxAbsScale < Quants.GROUP_MAX_EPS) { // all zero: d = 0, everything else 0
                MemorySegment.copy(blk, 0, dst, Quants.BYTE, off, BYTES);
                continue;
            }
            float iscale = -128.f / maxScale;
            short d16 = Quants.fp32ToFp16(1 / iscale);
            Quants.putF16(blk, D, d16);
            for (int ib = 0; ib < QK / 16; ++ib) {
                blk[SC + ib] = (byte) Math.min(127, Quants.nearestInt(iscale * scales[ib]));
            }
            for (int j = 0; j < QK / 16; ++j) {
                float d = Quants.fp16ToFp32(d16) * blk[SC + j];
                if (d == 0) continue; // ggml keeps make_qx_quants' quants for this group
                for (int ii = 0; ii < 16; ++ii) {
                    int l = Quants.nearestInt(src[x + 16 * j + ii] / d);
                    l = Math.max(-32, Math.min(31, l));
                    L[16 * j + ii] = (byte) (l + 32);
                }
            }
            int ql = QL;
            int qh = QH;
            for (int j = 0; j < QK; j += 128) {
                for (int l = 0; l < 32; ++l) {
                    int q1 = L[j + l] & 0xF;
                    int q2 = L[j + l + 32] & 0xF;
                    int q3 = L[j + l + 64] & 0xF;
                    int q4 = L[j + l + 96] & 0xF;
                    blk[ql + l] = Quants.nibbles(q1, q3);
                    blk[ql + l + 32] = Quants.nibbles(q2, q4);
                    blk[qh + l] = (byte) ((L[j + l] >> 4) | ((L[j + l + 32] >> 4) << 2)
                            | ((L[j + l + 64] >> 4) << 4) | ((L[j + l + 96] >> 4) << 6));
                }
                ql += 64;
                qh += 32;
            }
            MemorySegment.copy(blk, 0, dst, Quants.BYTE, off, BYTES);
        }
    }
}
