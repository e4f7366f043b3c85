package dev.litebench.engine.kernel;

/**
 * How ggml's CPU backend rounds an activation vector before multiplying it with a weight of a given type (its
 * {@code vec_dot_type}). LiteBench applies the same rounding and then multiplies in float, which reproduces
 * llama.cpp's results to float accuracy instead of differing by the activation quantization error.
 */
public enum ActivationRounding {
    /** F32 weights: no rounding. */
    NONE,
    /** F16 weights: each value rounded to half precision. */
    F16,
    /** BF16 weights: each value rounded to bfloat16. */
    BF16,
    /** Q8_0/Q4_0/Q4_1/Q5_x weights: blocks of 32 quantized to int8 with an fp16 scale. */
    Q8_0,
    /** K-quant weights: blocks of 256 quantized to int8 with a float scale (ggml's Q8_K). */
    Q8_K;

    /** Whether the rounding goes through int8 blocks, whose values and scales {@link Activations} keeps too. */
    boolean quantizes() {
        return this == Q8_0 || this == Q8_K;
    }

    public int blockSize() {
        return switch (this) {
            case NONE, F16, BF16 -> 1;
            case Q8_0 -> 32;
            case Q8_K -> 256;
        };
    }

    /** Writes the rounded values of {@code x[xOff..xOff+n)} to {@code dst[dstOff..)}. {@code n} is a multiple of the block size. */
    public void apply(float[] x, int xOff, int n, float[] dst, int dstOff) {
        switch (this) {
            case NONE -> System.arraycopy(x, xOff, dst, dstOff, n);
            case F16 -> {
                for (int i = 0; i < n; i++) dst[dstOff + i] = Float.float16ToFloat(Float.floatToFloat16(x[xOff + i]));
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) dst[dstOff + i] = bf16Round(x[xOff + i]);
            }
            case Q8_0 -> {
                short[] q = new short[32];
                for (int b = 0; b < n; b += 32) {
                    float d = quantizeQ8_0(x, xOff + b, q, 0);
                    for (int i = 0; i < 32; i++) dst[dstOff + b + i] = q[i] * d;
                }
            }
            case Q8_K -> {
                short[] q = new short[256];
                for (int b = 0; b < n; b += 256) {
                    float d = quantizeQ8_K(x, xOff + b, q, 0);
                    for (int i = 0; i < 256; i++) dst[dstOff + b + i] = q[i] * d;
                }
            }
        }
    }

    static float bf16Round(float v) {
        int bits = Float.floatToRawIntBits(v);
        if ((bits & 0x7fffffff) > 0x7f800000) return Float.intBitsToFloat((bits | 0x00400000) & 0xffff0000); // quiet NaN
        bits = (bits + (0x7fff + ((bits >>> 16) & 1))) & 0xffff0000;
        return Float.intBitsToFloat(bits);
    }

    /**
     * ggml quantize_row_q8_0 (AVX2 path) of {@code x[off..off+32)}: d = amax/127 stored as fp16, q = round-half-even(x
     * * 127/amax), written to {@code q[qOff..qOff+32)}; returns d as a float.
     */
    static float quantizeQ8_0(float[] x, int off, short[] q, int qOff) {
        float amax = 0;
        for (int i = 0; i < 32; i++) amax = Math.max(amax, Math.abs(x[off + i]));
        float id = amax != 0 ? 127f / amax : 0f;
        for (int i = 0; i < 32; i++) q[qOff + i] = (short) Math.rint(x[off + i] * id);
        return Float.float16ToFloat(Float.floatToFloat16(amax / 127f));
    }

    /**
     * ggml quantize_row_q8_K_ref of {@code x[off..off+256)}: the scale comes from the signed value of largest
     * magnitude, q = min(127, nearest(x * -127/max)) (within [-127, 127]), written to {@code q[qOff..qOff+256)};
     * returns the float scale d = 1/iscale (0 for an all-zero block).
     */
    static float quantizeQ8_K(float[] x, int off, short[] q, int qOff) {
        float amax = 0, max = 0;
        for (int i = 0; i < 256; i++) {
            float ax = Math.abs(x[off + i]);
            if (ax > amax) {
                amax = ax;
                max = x[off + i];
            }
        }
        if (amax == 0) {
            java.util.Arrays.fill(q, qOff, qOff + 256, (short) 0);
            return 0;
        }
        float iscale = -127f / max;
        for (int i = 0; i < 256; i++) {
            q[qOff + i] = (short) Math.min(127, (int) Math.rint(iscale * x[off + i])); // ggml nearest_int rounds half to even
        }
        return 1 / iscale;
    }
}
