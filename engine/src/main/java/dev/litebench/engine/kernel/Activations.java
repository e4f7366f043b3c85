package dev.litebench.engine.kernel;

/**
 * Activation rows rounded the way one weight type needs them ({@link ActivationRounding}), in the forms its kernels
 * read: {@link #values} always; for {@link ActivationRounding#Q8_0} and {@link ActivationRounding#Q8_K} also the int8
 * values (held as shorts, so that a vector load feeds a 16-bit multiply directly) and their block scales, as ggml's
 * {@code block_q8_0} and {@code block_q8_K} hold them. {@link #quants} keeps element order; for Q8_0,
 * {@link #nibbleQuants} interleaves each block's halves (elements 0, 16, 1, 17, ..., 15, 31), the order in which
 * Q4_0's packed bytes unpack. Buffers grow to the largest batch seen.
 */
final class Activations {
    final ActivationRounding rounding;
    float[] values = new float[0];
    short[] quants = new short[0];
    short[] nibbleQuants = new short[0];
    float[] scales = new float[0];
    /**
     * The sum of each 32 consecutive {@link #quants}: for Q8_K as ggml's {@code bsums} (per 16) serve its K-quant
     * kernels, for Q8_0 to take the Q4_0 nibbles' offset off a block's product at once ({@link Q4_0GroupKernel}).
     */
    int[] blockSums = new int[0];
    /** {@link #values} as {@link Gemm#packActivations} packs them, after {@link #packForPanels}. */
    float[] packed = new float[0];

    Activations(ActivationRounding rounding) {
        this.rounding = rounding;
    }

    /** Grows {@link #packed} for {@code batch} rows of {@code n}, so that {@link #packForPanels} may run on disjoint steps at once. */
    void reservePacked(int batch, int n) {
        int len = Gemm.packedActivations(batch, n);
        if (packed.length < len) packed = new float[Math.max(len, packed.length * 2)];
    }

    /** Packs steps {@code [s0, s1)} of the prepared {@link #values}, {@code batch} rows of {@code n}, for {@link Gemm#panel}. */
    void packForPanels(int batch, int n, int s0, int s1) {
        Gemm.packActivations(values, batch, n, packed, s0, s1);
    }

    /** Grows the buffers to hold {@code len} values, so that {@link #prepare} may then run on disjoint ranges at once. */
    void reserve(int len) {
        if (values.length < len) values = new float[Math.max(len, values.length * 2)];
        if (rounding.quantizes() && quants.length < values.length) {
            quants = new short[values.length];
            if (Q4_0Kernel.NIBBLE_ORDER) nibbleQuants = new short[values.length];
            scales = new float[values.length / 32];
            blockSums = new int[values.length / 32];
        }
    }

    /** Rounds {@code x[0..len)} ({@code len} a multiple of the rounding's block size). */
    void prepare(float[] x, int len) {
        reserve(len);
        prepare(x, 0, len);
    }

    /** Rounds {@code x[from..to)} (both multiples of the rounding's block size) into buffers {@link #reserve}d for it. */
    void prepare(float[] x, int from, int to) {
        if (!rounding.quantizes()) {
            rounding.apply(x, from, to - from, values, from);
            return;
        }
        if (rounding == ActivationRounding.Q8_K) {
            for (int b = from / 256; b < to / 256; b++) {
                int o = b * 256;
                float d = ActivationRounding.quantizeQ8_K(x, o, quants, o);
                scales[b] = d;
                for (int j = 0; j < 256; j++) values[o + j] = quants[o + j] * d;
                for (int s = 0; s < 8; s++) {
                    int sum = 0;
                    for (int j = 0; j < 32; j++) sum += quants[o + 32 * s + j];
                    blockSums[b * 8 + s] = sum;
                }
            }
            return;
        }
        for (int b = from / 32; b < to / 32; b++) {
            int o = b * 32;
            float d = ActivationRounding.quantizeQ8_0(x, o, quants, o);
            scales[b] = d;
            int sum = 0;
            for (int j = 0; j < 32; j++) {
                values[o + j] = quants[o + j] * d;
                sum += quants[o + j];
            }
            blockSums[b] = sum;
            if (!Q4_0Kernel.NIBBLE_ORDER) continue;
            for (int j = 0; j < 16; j++) {
                nibbleQuants[o + 2 * j] = quants[o + j];
                nibbleQuants[o + 2 * j + 1] = quants[o + 16 + j];
            }
        }
    }
}
