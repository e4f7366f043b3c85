package dev.litebench.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/** Helpers for the codec tests: running codecs on arrays, and reproducible synthetic weights. */
final class CodecTesting {
    private CodecTesting() {}

    static float[] decode(TypeCodec codec, byte[] bytes) {
        long n = bytes.length / codec.type().blockBytes * (long) codec.type().blockSize;
        float[] out = new float[(int) n];
        codec.dequantize(MemorySegment.ofArray(bytes), 0, out, 0, out.length);
        return out;
    }

    static byte[] encode(TypeCodec codec, float[] values) {
        byte[] out = new byte[(int) codec.type().bytesFor(values.length)];
        codec.quantize(values, 0, values.length, MemorySegment.ofArray(out), 0);
        return out;
    }

    static float[] roundTrip(TypeCodec codec, float[] values) {
        return decode(codec, encode(codec, values));
    }

    /** Little-endian fp16 bits as two bytes, for building blocks by hand. */
    static byte[] f16(int bits) {
        return new byte[] {(byte) bits, (byte) (bits >>> 8)};
    }

    /** Concatenates byte arrays and single bytes (Integer / Byte / byte[]). */
    static byte[] bytes(Object... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (Object p : parts) {
            switch (p) {
                case byte[] b -> out.writeBytes(b);
                case Integer i -> out.write(i);
                default -> throw new IllegalArgumentException(String.valueOf(p));
            }
        }
        return out.toByteArray();
    }

    static long crc32(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return c.getValue();
    }

    static long crc32(float[] f) {
        ByteBuffer bb = ByteBuffer.allocate(f.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : f) bb.putFloat(v);
        return crc32(bb.array());
    }

    /**
     * Synthetic weights, {@code superBlocks} × 256 values, produced by the same float operations as the C harness
     * that made the ggml reference checksums (xorshift32, int → float, sums of three uniforms). Super-block k uses
     * pattern k % 10: N(0,~0.02), N(0,~1), N(0,~100), zeros, constant 0.75, N(0,~0.1) with one outlier 5.0, all
     * negative, tiny (~1e-6, so fp16 scales are subnormal or zero), ~10 with one sub-block of ~0.001 (whose 6-bit
     * K-quant scale rounds to 0, ggml's {@code if (!d) continue} path), and half zeros.
     */
    static float[] synthetic(int superBlocks, int seed) {
        Xorshift r = new Xorshift(seed);
        float[] x = new float[superBlocks * 256];
        for (int sb = 0; sb < superBlocks; sb++) {
            int k = sb % 10;
            for (int i = 0; i < 256; i++) {
                float a = r.uni();
                float b = r.uni();
                float c = r.uni();
                float g = a + b + c;
                x[256 * sb + i] = switch (k) {
                    case 0 -> g * 0.02f;
                    case 1 -> g;
                    case 2 -> g * 100.0f;
                    case 3 -> 0.0f;
                    case 4 -> 0.75f;
                    case 5 -> i == (sb * 37) % 256 ? 5.0f : g * 0.1f;
                    case 6 -> -Math.abs(g) * 0.5f - 0.1f;
                    case 7 -> g * 1e-6f;
                    case 8 -> i / 32 == 3 ? g * 0.001f : g * 10.0f;
                    default -> i < 128 ? 0.0f : g;
                };
            }
        }
        return x;
    }

    static final class Xorshift {
        private int s;

        Xorshift(int seed) {
            s = seed;
        }

        int next() {
            s ^= s << 13;
            s ^= s >>> 17;
            s ^= s << 5;
            return s;
        }

        /** Uniform in [-1, 1). */
        float uni() {
            return (float) next() * 0x1p-31f;
        }
    }

    /** Root mean square of {@code a}. */
    static double rms(float[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += (double) a[i] * a[i];
        return Math.sqrt(s / Math.max(1, to - from));
    }

    /** Root mean square of {@code a - b}. */
    static double rmsDiff(float[] a, float[] b, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s / Math.max(1, to - from));
    }

    static double maxAbsDiff(float[] a, float[] b, int from, int to) {
        double m = 0;
        for (int i = from; i < to; i++) m = Math.max(m, Math.abs((double) a[i] - b[i]));
        return m;
    }
}
