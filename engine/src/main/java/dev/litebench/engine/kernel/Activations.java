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
    /** {@link #values} as {@link Gemm#packActivations} packs them, after {@link #packForPanels}. */
    float[] packed = new float[0];

    Activations(ActivationRounding rounding) {
        this.rounding = rounding;
    }

    /** Packs the prepared {@link #values}, {@code batch} rows of {@code n}, for {@link Gemm#panel}. */
    void packForPanels(int batch, int n) {
        int len = Gemm.packedActivations(batch, n);
        if (packed.length < len) packed = new float[Math.max(len, packed.length * 2)];
        Gemm.packActivations(values, batch, n, packed);
    }

    /** Rounds {@code x[0..len)} ({@code len} a multiple of the rounding's block size). */
    void prepare(float[] x, int len) {
        if (values.length < len) values = new float[Math.max(len, values.length * 2)];
        if (rounding != ActivationRounding.Q8_0 && rounding != ActivationRounding.Q8_K) {
            rounding.apply(x, 0, len, values, 0);
            return;
        }
        if (quants.length < len) {
            quants = new short[values.length];
            nibbleQuants = new short[values.length];
            scales = new float[values.length / 32];
        }
        if (rounding == ActivationRounding.Q8_K) {
            for (int b = 0; b < len / 256; b++) {
                int o = b * 256;
                float d = ActivationRounding.quantizeQ8_K(x, o, quants, o);
                scales[b] = d;
                for (int j = 0; j < 256; j++) values[o + j] = quants[o + j] * d;
            }
            return;
        }
        for (int b = 0; b < len / 32; b++) {
            int o = b * 32;
            float d = ActivationRounding.quantizeQ8_0(x, o, quants, o);
            scales[b] = d;
            for (int j = 0; j < 32; j++) values[o + j] = quants[o + j] * d;
            for (int j = 0; j < 16; j++) {
                nibbleQuants[o + 2 * j] = quants[o + j];
                nibbleQuants[o + 2 * j + 1] = quants[o + 16 + j];
            }
        }
    }
}
