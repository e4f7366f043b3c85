package dev.litebench.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Small helpers shared by the block codecs: little-endian fp16 access, byte and nibble access, ggml's rounding
 * helpers, the 6-bit scale/min packing of Q4_K/Q5_K, and the scale searches of ggml's K-quant reference
 * quantizers ({@code make_qx_quants}, {@code make_qkx2_quants}). All arithmetic is float, in the same order as
 * ggml's C code, so results match ggml built without FMA contraction.
 */
final class Quants {
    private Quants() {}

    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    /** ggml's {@code GROUP_MAX_EPS}: a group whose largest magnitude is below this is treated as all zero. */
    static final float GROUP_MAX_EPS = 1e-15f;

    /** Elements in a K-quant super-block ({@code QK_K}). */
    static final int QK_K = 256;

    // ---------------------------------------------------------------- fp16

    /** fp16 bits to float, as {@code ggml_compute_fp16_to_fp32} (identical for all 65536 inputs). */
    static float fp16ToFp32(short h) {
        return Float.float16ToFloat(h);
    }

    /**
     * Float to fp16 bits, as {@code ggml_compute_fp32_to_fp16}: round to nearest even, overflow to infinity,
     * subnormals kept. Identical to {@link Float#floatToFloat16} for every non-NaN float; a NaN becomes ggml's
     * canonical quiet NaN {@code 0x7E00} with its sign (Java would keep payload bits).
     */
    static short fp32ToFp16(float f) {
        if (Float.isNaN(f)) {
            return (short) ((Float.floatToRawIntBits(f) >>> 16) & 0x8000 | 0x7E00);
        }
        return Float.floatToFloat16(f);
    }

    static float readF16(MemorySegment s, long offset) {
        return fp16ToFp32(s.get(SHORT_LE, offset));
    }

    static void writeF16(MemorySegment s, long offset, float value) {
        s.set(SHORT_LE, offset, fp32ToFp16(value));
    }

    /** Writes fp16 bits little-endian into a byte array (blocks are assembled in arrays before being copied out). */
    static void putF16(byte[] b, int offset, short bits) {
        b[offset] = (byte) bits;
        b[offset + 1] = (byte) (bits >>> 8);
    }

    // ---------------------------------------------------------------- bytes and nibbles

    /** The unsigned byte at {@code offset}. */
    static int u8(MemorySegment s, long offset) {
        return s.get(BYTE, offset) & 0xFF;
    }

    /** The signed byte at {@code offset}. */
    static int i8(MemorySegment s, long offset) {
        return s.get(BYTE, offset);
    }

    static int lo4(int b) {
        return b & 0x0F;
    }

    static int hi4(int b) {
        return (b >>> 4) & 0x0F;
    }

    /** One byte holding {@code lo} in its low nibble and {@code hi} in its high nibble (both 0..15). */
    static byte nibbles(int lo, int hi) {
        return (byte) (lo | (hi << 4));
    }

    // ---------------------------------------------------------------- K-quant 6-bit scales (get_scale_min_k4)

    /** The 6-bit scale of sub-block {@code j} (0..7) from the 12 packed bytes at {@code off}. */
    static int scaleK4(MemorySegment s, long off, int j) {
        if (j < 4) {
            return u8(s, off + j) & 63;
        }
        return (u8(s, off + j + 4) & 0xF) | ((u8(s, off + j - 4) >>> 6) << 4);
    }

    /** The 6-bit min of sub-block {@code j} (0..7) from the 12 packed bytes at {@code off}. */
    static int minK4(MemorySegment s, long off, int j) {
        if (j < 4) {
            return u8(s, off + j + 4) & 63;
        }
        return (u8(s, off + j + 4) >>> 4) | ((u8(s, off + j) >>> 6) << 4);
    }

    /** Packs sub-block {@code j}'s 6-bit scale and min into the 12 bytes at {@code off}; j &lt; 4 must come first. */
    static void packScaleMinK4(byte[] b, int off, int j, int ls, int lm) {
        if (j < 4) {
            b[off + j] = (byte) ls;
            b[off + j + 4] = (byte) lm;
        } else {
            b[off + j + 4] = (byte) ((ls & 0xF) | ((lm & 0xF) << 4));
            b[off + j - 4] |= (byte) ((ls >> 4) << 6);
            b[off + j] |= (byte) ((lm >> 4) << 6);
        }
    }

    // ---------------------------------------------------------------- rounding

    /**
     * ggml's {@code nearest_int}: adds 1.5·2^23 and reads the mantissa bits, i.e. round half to even, exact for
     * |x| &lt;= 4194303 (ggml asserts that range; outside it this returns what ggml's release build does).
     */
    static int nearestInt(float x) {
        float val = x + 12582912.f;
        return (Float.floatToRawIntBits(val) & 0x007fffff) - 0x00400000;
    }

    /** The signed value of largest magnitude among {@code x[off, off + n)}, the first on ties, as ggml's encoders find it. */
    static float largestMagnitude(float[] x, int off, int n) {
        float amax = 0.0f;
        float max = 0.0f;
        for (int j = 0; j < n; j++) {
            float v = x[off + j];
            if (amax < Math.abs(v)) {
                amax = Math.abs(v);
                max = v;
            }
        }
        return max;
    }

    /** The smallest of {@code x[off, off + n)}, as ggml's Q4_1 and Q5_1 encoders find it. */
    static float min(float[] x, int off, int n) {
        float min = Float.MAX_VALUE;
        for (int j = 0; j < n; j++) if (x[off + j] < min) min = x[off + j];
        return min;
    }

    /** The largest of {@code x[off, off + n)}, as ggml's Q4_1 and Q5_1 encoders find it. */
    static float max(float[] x, int off, int n) {
        float max = -Float.MAX_VALUE;
        for (int j = 0; j < n; j++) if (x[off + j] > max) max = x[off + j];
        return max;
    }

    /** C {@code roundf}: half away from zero (not {@link Math#round}, which rounds half up). */
    static float roundf(float x) {
        // |x| + 0.5 is exact in double for every float, so this has no double-rounding issue.
        return Math.copySign((float) Math.floor(Math.abs((double) x) + 0.5), x);
    }

    /** C {@code sqrtf}: sqrt in double then to float is correctly rounded for float inputs. */
    static float sqrtf(float x) {
        return (float) Math.sqrt(x);
    }

    // ---------------------------------------------------------------- argument checks

    /** Checks that {@code first} and {@code count} are whole blocks of {@code type}. */
    static void checkBlocks(GGMLType type, long first, int count) {
        if (first < 0 || count < 0 || first % type.blockSize != 0 || count % type.blockSize != 0) {
            throw new IllegalArgumentException(type + " works on whole blocks of " + type.blockSize
                    + " elements; got first=" + first + ", count=" + count);
        }
    }

    // ---------------------------------------------------------------- K-quant scale searches

    /**
     * ggml's {@code make_qx_quants} without importance weights ({@code qw == NULL}): a symmetric scale for
     * {@code n} values of {@code x} from {@code xo}, with quants {@code L[lo..]} in {@code [0, 2*nmax)}.
     */
    static float makeQxQuants(int n, int nmax, float[] x, int xo, byte[] L, int lo, int rmseType) {
        float max = largestMagnitude(x, xo, n);
        float amax = Math.abs(max);
        if (amax < GROUP_MAX_EPS) { // all zero
            for (int i = 0; i < n; ++i) L[lo + i] = 0;
            return 0.f;
        }
        float iscale = -nmax / max;
        if (rmseType == 0) {
            for (int i = 0; i < n; ++i) {
                int l = nearestInt(iscale * x[xo + i]);
                L[lo + i] = (byte) (nmax + Math.max(-nmax, Math.min(nmax - 1, l)));
            }
            return 1 / iscale;
        }
        boolean returnEarly = false;
        if (rmseType < 0) {
            rmseType = -rmseType;
            returnEarly = true;
        }
        float sumlx = 0;
        float suml2 = 0;
        for (int i = 0; i < n; ++i) {
            float xi = x[xo + i];
            int l = nearestInt(iscale * xi);
            l = Math.max(-nmax, Math.min(nmax - 1, l));
            L[lo + i] = (byte) (l + nmax);
            float w = rmseWeight(xi, rmseType);
            sumlx += w * xi * l;
            suml2 += w * l * l;
        }
        float scale = suml2 != 0 ? sumlx / suml2 : 0.0f;
        if (returnEarly) return suml2 > 0 ? 0.5f * (scale + 1 / iscale) : 1 / iscale;
        float best = scale * sumlx;
        for (int is = -9; is <= 9; ++is) {
            if (is == 0) continue;
            iscale = -(nmax + 0.1f * is) / max;
            sumlx = suml2 = 0;
            for (int i = 0; i < n; ++i) {
                float xi = x[xo + i];
                int l = nearestInt(iscale * xi);
                l = Math.max(-nmax, Math.min(nmax - 1, l));
                float w = rmseWeight(xi, rmseType);
                sumlx += w * xi * l;
                suml2 += w * l * l;
            }
            if (suml2 > 0 && sumlx * sumlx > best * suml2) {
                for (int i = 0; i < n; ++i) {
                    int l = nearestInt(iscale * x[xo + i]);
                    L[lo + i] = (byte) (nmax + Math.max(-nmax, Math.min(nmax - 1, l)));
                }
                scale = sumlx / suml2;
                best = scale * sumlx;
            }
        }
        return scale;
    }

    private static float rmseWeight(float x, int rmseType) {
        return switch (rmseType) {
            case 1 -> x * x;
            case 2 -> 1;
            case 3 -> Math.abs(x);
            default -> sqrtf(Math.abs(x));
        };
    }

    /**
     * ggml's {@code make_qkx2_quants}: an affine scale and min for {@code n} values of {@code x} from {@code xo}
     * with quants {@code L[lo..]} in {@code [0, nmax]}. Returns the scale; stores the (non-negative) min, which is
     * subtracted on decode, in {@code theMin[mo]}.
     */
    static float makeQkx2Quants(int n, int nmax, float[] x, int xo, float[] weights, byte[] L, int lo,
                                float[] theMin, int mo, byte[] Laux, float rmin, float rdelta, int nstep,
                                boolean useMad) {
        float min = x[xo];
        float max = x[xo];
        float sumW = weights[0];
        float sumX = sumW * x[xo];
        for (int i = 1; i < n; ++i) {
            float xi = x[xo + i];
            if (xi < min) min = xi;
            if (xi > max) max = xi;
            float w = weights[i];
            sumW += w;
            sumX += w * xi;
        }
        if (min > 0) min = 0;
        if (max == min) {
            for (int i = 0; i < n; ++i) L[lo + i] = 0;
            theMin[mo] = -min;
            return 0.f;
        }
        float iscale = nmax / (max - min);
        float scale = 1 / iscale;
        float bestError = 0;
        for (int i = 0; i < n; ++i) {
            int l = nearestInt(iscale * (x[xo + i] - min));
            L[lo + i] = (byte) Math.max(0, Math.min(nmax, l));
            float diff = scale * (L[lo + i] & 0xFF) + min - x[xo + i];
            diff = useMad ? Math.abs(diff) : diff * diff;
            bestError += weights[i] * diff;
        }
        if (nstep < 1) {
            theMin[mo] = -min;
            return scale;
        }
        for (int is = 0; is <= nstep; ++is) {
            iscale = (rmin + rdelta * is + nmax) / (max - min);
            float sumL = 0, sumL2 = 0, sumXL = 0;
            for (int i = 0; i < n; ++i) {
                float xi = x[xo + i];
                int l = nearestInt(iscale * (xi - min));
                l = Math.max(0, Math.min(nmax, l));
                Laux[i] = (byte) l;
                float w = weights[i];
                sumL += w * l;
                sumL2 += w * l * l;
                sumXL += w * l * xi;
            }
            float D = sumW * sumL2 - sumL * sumL;
            if (D > 0) {
                float thisScale = (sumW * sumXL - sumX * sumL) / D;
                float thisMin = (sumL2 * sumX - sumL * sumXL) / D;
                if (thisMin > 0) {
                    thisMin = 0;
                    thisScale = sumXL / sumL2;
                }
                float curError = 0;
                for (int i = 0; i < n; ++i) {
                    float diff = thisScale * (Laux[i] & 0xFF) + thisMin - x[xo + i];
                    diff = useMad ? Math.abs(diff) : diff * diff;
                    curError += weights[i] * diff;
                }
                if (curError < bestError) {
                    System.arraycopy(Laux, 0, L, lo, n);
                    bestError = curError;
                    scale = thisScale;
                    min = thisMin;
                }
            }
        }
        theMin[mo] = -min;
        return scale;
    }

    /**
     * The part shared by {@code quantize_row_q4_K_ref} and {@code quantize_row_q5_K_ref} for one super-block of
     * {@code x} from {@code xo}: picks the 8 sub-block scales and mins with {@code make_qkx2_quants}, writes
     * {@code d}, {@code dmin} (bytes 0..3) and the 12 packed scale bytes (4..15) of {@code blk}, and leaves the
     * final quants, each in {@code [0, nmax]}, in {@code L[0..256)}.
     */
    static void quantizeKScaleMin(float[] x, int xo, int nmax, float rmin, int nstep, byte[] blk, byte[] L) {
        float[] mins = new float[QK_K / 32];
        float[] scales = new float[QK_K / 32];
        float[] weights = new float[32];
        byte[] Laux = new byte[32];

        float maxScale = 0; // as we are deducting the min, scales are always positive
        float maxMin = 0;
        for (int j = 0; j < QK_K / 32; ++j) {
            int base = xo + 32 * j;
            float sumX2 = 0;
            for (int l = 0; l < 32; ++l) sumX2 += x[base + l] * x[base + l];
            float avX = sqrtf(sumX2 / 32);
            for (int l = 0; l < 32; ++l) weights[l] = avX + Math.abs(x[base + l]);
            scales[j] = makeQkx2Quants(32, nmax, x, base, weights, L, 32 * j, mins, j, Laux, rmin, 0.1f, nstep, false);
            float scale = scales[j];
            if (scale > maxScale) maxScale = scale;
            float min = mins[j];
            if (min > maxMin) maxMin = min;
        }

        float invScale = maxScale > 0 ? 63.f / maxScale : 0.f;
        float invMin = maxMin > 0 ? 63.f / maxMin : 0.f;
        for (int j = 0; j < QK_K / 32; ++j) {
            int ls = nearestInt(invScale * scales[j]) & 0xFF; // ggml stores these in a uint8_t
            int lm = nearestInt(invMin * mins[j]) & 0xFF;
            ls = Math.min(63, ls);
            lm = Math.min(63, lm);
            packScaleMinK4(blk, 4, j, ls, lm);
        }
        short d16 = fp32ToFp16(maxScale / 63.f);
        short dmin16 = fp32ToFp16(maxMin / 63.f);
        putF16(blk, 0, d16);
        putF16(blk, 2, dmin16);

        MemorySegment b = MemorySegment.ofArray(blk);
        for (int j = 0; j < QK_K / 32; ++j) {
            float d = fp16ToFp32(d16) * scaleK4(b, 4, j);
            if (d == 0) continue; // ggml keeps make_qkx2_quants' quants for this sub-block
            float dm = fp16ToFp32(dmin16) * minK4(b, 4, j);
            for (int ii = 0; ii < 32; ++ii) {
                int l = nearestInt((x[xo + 32 * j + ii] + dm) / d);
                L[32 * j + ii] = (byte) Math.max(0, Math.min(nmax, l));
            }
        }
    }
}
