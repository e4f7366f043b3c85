package dev.litebench.engine.tensor;

import java.lang.foreign.MemorySegment;

/**
 * IQ4_NL: blocks of 32 elements, 18 bytes laid out as Q4_0's (fp16 {@code d}, 16 bytes of nibbles, byte j holding
 * element j low and element j+16 high), but a nibble indexes a non-linear table of 16 levels: value =
 * {@code d * LEVELS[q]}. llama-quantize writes IQ4_NL where the rows of a Q2_K, Q3_K or IQ file's matrix are not a
 * multiple of 256 (older builds; newer ones write Q4_0).
 */
public final class IQ4_NLCodec implements DecodeOnlyCodec {
    public static final IQ4_NLCodec INSTANCE = new IQ4_NLCodec();
    /** ggml's {@code kvalues_iq4nl}. */
    public static final int[] LEVELS = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};
    private static final int QK = 32;
    private static final int BYTES = 18;

    private IQ4_NLCodec() {}

    @Override
    public GGMLType type() {
        return GGMLType.IQ4_NL;
    }

    @Override
    public void dequantize(MemorySegment src, long first, float[] dst, int dstOffset, int count) {
        Quants.checkBlocks(GGMLType.IQ4_NL, first, count);
        long off = first / QK * BYTES;
        for (int b = 0; b < count / QK; b++, off += BYTES) {
            float d = Quants.readF16(src, off);
            int y = dstOffset + b * QK;
            for (int j = 0; j < QK / 2; j++) {
                int q = Quants.u8(src, off + 2 + j);
                dst[y + j] = d * LEVELS[Quants.lo4(q)];
                dst[y + j + QK / 2] = d * LEVELS[Quants.hi4(q)];
            }
        }
    }
}
