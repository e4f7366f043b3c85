package dev.litebench.engine.tensor;

import java.lang.foreign.MemorySegment;

import static dev.litebench.engine.tensor.Q5_0Codec.addFifthBit;
import static dev.litebench.engine.tensor.Q5_0Codec.fifthBit;

/**
 * Q5_1: blocks of 32 elements, 24 bytes: fp16 scale {@code d}, fp16 min {@code m}, 4 bytes of fifth bits and 16
 * bytes of low nibbles laid out as in {@link Q5_0Codec}; value = q·d + m. llama-quantize writes Q5_1 where a Q5_K
 * file's matrix rows are not a multiple of 256. Encoding is {@code quantize_row_q5_1_ref}: d = (max-min)/31, m = min,
 * q = (int)((x-min)/d + 0.5).
 */
public final class Q5_1Codec implements TypeCodec {
    public static final Q5_1Codec INSTANCE = new Q5_1Codec();
    private static final int QK = 32;
    private static final int BYTES = 24;

    private Q5_1Codec() {}

    @Override
    public GGMLType type() {
        return GGMLType.Q5_1;
    }

    @Override
    public void dequantize(MemorySegment src, long first, float[] dst, int dstOffset, int count) {
        Quants.checkBlocks(GGMLType.Q5_1, first, count);
        long off = first / QK * BYTES;
        for (int b = 0; b < count / QK; b++, off += BYTES) {
            float d = Quants.readF16(src, off);
            float m = Quants.readF16(src, off + 2);
            int qh = src.get(Quants.INT_LE, off + 4);
            int y = dstOffset + b * QK;
            for (int j = 0; j < QK / 2; j++) {
                int q = Quants.u8(src, off + 8 + j);
                dst[y + j] = (Quants.lo4(q) | fifthBit(qh, j)) * d + m;
                dst[y + j + QK / 2] = (Quants.hi4(q) | fifthBit(qh, j + QK / 2)) * d + m;
            }
        }
    }

    @Override
    public void quantize(float[] src, int srcOffset, int count, MemorySegment dst, long first) {
        Quants.checkBlocks(GGMLType.Q5_1, first, count);
        byte[] blk = new byte[BYTES];
        long off = first / QK * BYTES;
        for (int b = 0; b < count / QK; b++, off += BYTES) {
            int x = srcOffset + b * QK;
            float min = Quants.min(src, x, QK);
            float max = Quants.max(src, x, QK);
            float d = (max - min) / ((1 << 5) - 1);
            float id = d != 0 ? 1.0f / d : 0.0f;
            Quants.putF16(blk, 0, Quants.fp32ToFp16(d));
            Quants.putF16(blk, 2, Quants.fp32ToFp16(min));
            int qh = 0;
            for (int j = 0; j < QK / 2; j++) {
                // C: (uint8_t)(x + 0.5f)
                int xi0 = (int) ((src[x + j] - min) * id + 0.5f) & 0xFF;
                int xi1 = (int) ((src[x + QK / 2 + j] - min) * id + 0.5f) & 0xFF;
                blk[8 + j] = Quants.nibbles(xi0 & 0xF, xi1 & 0xF);
                qh = addFifthBit(addFifthBit(qh, xi0, j), xi1, j + QK / 2);
            }
            Q5_0Codec.putInt(blk, 4, qh);
            MemorySegment.copy(blk, 0, dst, Quants.BYTE, off, BYTES);
        }
    }
}
