package dev.litebench.engine.kernel;

/**
 * Conversions between float and IEEE half-precision (F16) arrays, for the KV cache. Written as plain counted loops
 * over {@link Float#floatToFloat16} and {@link Float#float16ToFloat}, which C2 turns into vector conversion
 * instructions (vcvtps2ph / vcvtph2ps).
 */
public final class HalfFloats {
    private HalfFloats() {}

    public static void encode(float[] src, int srcOff, short[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) dst[dstOff + i] = Float.floatToFloat16(src[srcOff + i]);
    }

    public static void decode(short[] src, int srcOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) dst[dstOff + i] = Float.float16ToFloat(src[srcOff + i]);
    }
}
