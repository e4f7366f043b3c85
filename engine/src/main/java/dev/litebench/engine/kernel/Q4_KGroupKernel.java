package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.GGMLType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Q4_K weights repacked at load so that vector lanes hold rows, as {@link Q4_0GroupKernel} does for Q4_0. A group of
 * {@link #ROWS} rows holds, in this order: the rows' fp16 {@code d} (ROWS per super-block), their {@code dmin}, their
 * 12 packed scale bytes (for each super-block and byte position, ROWS of them), then their nibbles (for each
 * super-block and each of its 128 byte positions, ROWS bytes). That is the size of the rows in file order.
 * <p>
 * Byte l of chunk c holds value 64c + l (sub-block 2c) in its low nibble and 64c + 32 + l (sub-block 2c + 1) in its
 * high one; each multiplies its int8 activation, broadcast, in 16-bit lanes. A sub-block's sum of (q - 8) times the
 * activations fits 16 bits (at most 32,512): the sums run over q, wrap, and land back on it once 8 times the
 * activations' sub-block sum is taken off; the 8 goes back in float. Then {@code d * scale} times that, less
 * {@code dmin * min} times the activation sum, per row.
 */
final class Q4_KGroupKernel extends GroupKernel {
    static final Q4_KGroupKernel INSTANCE = new Q4_KGroupKernel();

    private Q4_KGroupKernel() {
        super(GGMLType.Q4_K, ActivationRounding.Q8_K);
    }

    private static long scaleBytesAt(long at, int blocks, int sb, int k) {
        return at + 4L * ROWS * blocks + 12L * ROWS * sb + (long) ROWS * k;
    }

    private static long nibblesAt(long at, int blocks, int sb, int p) {
        return at + 16L * ROWS * blocks + 128L * ROWS * sb + (long) ROWS * p;
    }

    @Override
    void writeGroup(byte[] group, int blocks, byte[] to) {
        for (int i = 0; i < ROWS; i++) {
            for (int sb = 0; sb < blocks; sb++) {
                int in = fileBlock(i, blocks, sb);
                for (int k = 0; k < 2; k++) {
                    to[2 * (sb * ROWS + i) + k] = group[in + k];
                    to[2 * ROWS * blocks + 2 * (sb * ROWS + i) + k] = group[in + 2 + k];
                }
                for (int k = 0; k < 12; k++) to[(int) scaleBytesAt(0, blocks, sb, k) + i] = group[in + 4 + k];
                for (int p = 0; p < 128; p++) to[(int) nibblesAt(0, blocks, sb, p) + i] = group[in + 16 + p];
            }
        }
    }

    @Override
    void products(MemorySegment w, long at, int groups, Activations x, int batch, int n, float[] out, int outStride, int t, float[] scratch) {
        rowScales(w, at, n, scratch, 0);
        int b = 0;
        for (; b + 1 < batch; b += 2) {
            pairSums(w, at, x.quants, scratch, b, n);
            scaleSums(scratch, sumsAt(n, 0), x.scales, x.blockSums, b, n, out, b * outStride + t);
            scaleSums(scratch, sumsAt(n, 1), x.scales, x.blockSums, b + 1, n, out, (b + 1) * outStride + t);
        }
        if (b < batch) {
            rowSums(w, at, x.quants, scratch, b, n);
            scaleSums(scratch, sumsAt(n, 0), x.scales, x.blockSums, b, n, out, b * outStride + t);
        }
    }

    /**
     * The scales of the group at {@code at} as floats into {@code rs} from {@code off}: for each super-block and each of
     * its 8 sub-blocks, ROWS values of {@code d * scale}, then (from {@code off + n}) ROWS values of {@code dmin * min}.
     * The fp16 values go through plain loops, which C2 vectorizes; the six-bit fields are unpacked in a method of
     * their own.
     */
    private static void rowScales(MemorySegment w, long at, int n, float[] rs, int off) {
        int blocks = n / 256;
        int d = off + 2 * n; // d, then dmin, after the products' scales and mins
        for (int i = 0; i < 2 * blocks * ROWS; i++) rs[d + i] = Float.float16ToFloat(w.get(SHORT_LE, at + 2L * i));
        for (int sb = 0; sb < blocks; sb++) subBlockScales(w, at, blocks, sb, rs, off, d);
    }

    /**
     * Super-block sb's 8 scales and mins for every row of the group (ggml's {@code get_scale_min_k4} in row lanes),
     * times the rows' {@code d} and {@code dmin} from {@code rs[d..]}. Takes and returns no vectors.
     */
    private static void subBlockScales(MemorySegment w, long at, int blocks, int sb, float[] rs, int off, int d) {
        int lanes = F.length();
        FloatVector d0 = FloatVector.fromArray(F, rs, d + sb * ROWS), d1 = FloatVector.fromArray(F, rs, d + sb * ROWS + lanes);
        int dm = d + blocks * ROWS + sb * ROWS;
        FloatVector m0 = FloatVector.fromArray(F, rs, dm), m1 = FloatVector.fromArray(F, rs, dm + lanes);
        for (int s = 0; s < 8; s++) {
            ShortVector scale, min;
            if (s < 4) {
                scale = widen(w, scaleBytesAt(at, blocks, sb, s)).and((short) 63);
                min = widen(w, scaleBytesAt(at, blocks, sb, s + 4)).and((short) 63);
            } else {
                ShortVector low = widen(w, scaleBytesAt(at, blocks, sb, s + 4));
                scale = low.and((short) 0xf).or(widen(w, scaleBytesAt(at, blocks, sb, s - 4)).lanewise(VectorOperators.LSHR, 6).lanewise(VectorOperators.LSHL, 4));
                min = low.lanewise(VectorOperators.LSHR, 4).or(widen(w, scaleBytesAt(at, blocks, sb, s)).lanewise(VectorOperators.LSHR, 6).lanewise(VectorOperators.LSHL, 4));
            }
            int o = off + (sb * 8 + s) * ROWS;
            ((FloatVector) scale.convertShape(VectorOperators.S2F, F, 0)).mul(d0).intoArray(rs, o);
            ((FloatVector) scale.convertShape(VectorOperators.S2F, F, 1)).mul(d1).intoArray(rs, o + lanes);
            ((FloatVector) min.convertShape(VectorOperators.S2F, F, 0)).mul(m0).intoArray(rs, o + 8 * blocks * ROWS);
            ((FloatVector) min.convertShape(VectorOperators.S2F, F, 1)).mul(m1).intoArray(rs, o + 8 * blocks * ROWS + lanes);
        }
    }

    /**
     * Where the scratch holds the 16-bit sums of a pass's activation row {@code row} (0 or 1): after the group's scales
     * ({@link #rowScales}), two vectors per super-block and chunk.
     */
    private static int sumsAt(int n, int row) {
        return 3 * n + row * (n / 32) * F.length();
    }

    /**
     * The 16-bit sums of activation row {@code b} times the group at {@code at} into {@code to}, as {@link #pairSums}
     * lays out its first row's; {@link #scaleSums} turns them into the row's products.
     */
    private static void rowSums(MemorySegment w, long at, short[] q, float[] to, int b, int n) {
        int blocks = n / 256, lanes = F.length(), first = sumsAt(n, 0);
        for (int sb = 0; sb < blocks; sb++) {
            for (int c = 0; c < 4; c++) {
                ShortVector s0 = ShortVector.zero(SHORTS), s1 = s0;
                int xo = b * n + sb * 256 + 64 * c;
                long p = nibblesAt(at, blocks, sb, 32 * c);
                for (int l = 0; l < 32; l++) {
                    ShortVector z = (ShortVector) ByteVector.fromMemorySegment(HALF_BYTES, w, p + (long) ROWS * l, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2S, SHORTS, 0);
                    s0 = s0.add(z.and((short) 0xf).mul(q[xo + l]));
                    s1 = s1.add(z.lanewise(VectorOperators.LSHR, 4).mul(q[xo + 32 + l]));
                }
                int o = first + (sb * 4 + c) * 2 * lanes;
                s0.reinterpretAsFloats().intoArray(to, o);
                s1.reinterpretAsFloats().intoArray(to, o + lanes);
            }
        }
    }

    /**
     * The 16-bit sums of activation rows b and b + 1 times the group at {@code at}, from one pass over its nibbles
     * (each unpacked once for both rows), into {@code to} from {@link #sumsAt}: two vectors per super-block and chunk.
     * {@link #scaleSums} does the float work, in a method of its own so that neither comes near C2's live-node inlining
     * budget (docs/PERFORMANCE.md, session 28).
     */
    private static void pairSums(MemorySegment w, long at, short[] q, float[] to, int b, int n) {
        int blocks = n / 256, lanes = F.length(), first = sumsAt(n, 0), second = sumsAt(n, 1);
        for (int sb = 0; sb < blocks; sb++) {
            for (int c = 0; c < 4; c++) {
                ShortVector s0 = ShortVector.zero(SHORTS), s1 = s0, r0 = s0, r1 = s0;
                int xo = b * n + sb * 256 + 64 * c, yo = xo + n;
                long p = nibblesAt(at, blocks, sb, 32 * c);
                for (int l = 0; l < 32; l++) {
                    ShortVector z = widen(w, p + (long) ROWS * l);
                    ShortVector lo = z.and((short) 0xf), hi = z.lanewise(VectorOperators.LSHR, 4);
                    s0 = s0.add(lo.mul(q[xo + l]));
                    s1 = s1.add(hi.mul(q[xo + 32 + l]));
                    r0 = r0.add(lo.mul(q[yo + l]));
                    r1 = r1.add(hi.mul(q[yo + 32 + l]));
                }
                int o = (sb * 4 + c) * 2 * lanes;
                s0.reinterpretAsFloats().intoArray(to, first + o);
                s1.reinterpretAsFloats().intoArray(to, first + o + lanes);
                r0.reinterpretAsFloats().intoArray(to, second + o);
                r1.reinterpretAsFloats().intoArray(to, second + o + lanes);
            }
        }
    }

    /**
     * Activation row b's product with the group from its 16-bit sums at {@code rs[from..]} ({@link #pairSums}), the
     * group's scales in {@code rs} ({@link #rowScales}). A row alone goes through {@link #rowSums} and here too, so
     * that its bits do not depend on whether it was paired.
     */
    private static void scaleSums(float[] rs, int from, float[] xScales, int[] xSums, int b, int n, float[] out, int o) {
        int blocks = n / 256;
        int lanes = F.length();
        int mins = 8 * blocks * ROWS;
        FloatVector acc0 = FloatVector.zero(F), acc1 = acc0;
        for (int sb = 0; sb < blocks; sb++) {
            FloatVector t0 = FloatVector.zero(F), t1 = t0;
            for (int c = 0; c < 4; c++) {
                int v = from + (sb * 4 + c) * 2 * lanes;
                int sub = (b * blocks + sb) * 8 + 2 * c;
                int sum0 = xSums[sub], sum1 = xSums[sub + 1];
                int r0 = (sb * 8 + 2 * c) * ROWS, r1 = r0 + ROWS;
                ShortVector s0 = FloatVector.fromArray(F, rs, v).reinterpretAsShorts().sub((short) (8 * sum0));
                ShortVector s1 = FloatVector.fromArray(F, rs, v + lanes).reinterpretAsShorts().sub((short) (8 * sum1));
                t0 = ((FloatVector) s0.convertShape(VectorOperators.S2F, F, 0)).add(8f * sum0).fma(FloatVector.fromArray(F, rs, r0), t0)
                        .sub(FloatVector.fromArray(F, rs, mins + r0).mul(sum0));
                t1 = ((FloatVector) s0.convertShape(VectorOperators.S2F, F, 1)).add(8f * sum0).fma(FloatVector.fromArray(F, rs, r0 + lanes), t1)
                        .sub(FloatVector.fromArray(F, rs, mins + r0 + lanes).mul(sum0));
                t0 = ((FloatVector) s1.convertShape(VectorOperators.S2F, F, 0)).add(8f * sum1).fma(FloatVector.fromArray(F, rs, r1), t0)
                        .sub(FloatVector.fromArray(F, rs, mins + r1).mul(sum1));
                t1 = ((FloatVector) s1.convertShape(VectorOperators.S2F, F, 1)).add(8f * sum1).fma(FloatVector.fromArray(F, rs, r1 + lanes), t1)
                        .sub(FloatVector.fromArray(F, rs, mins + r1 + lanes).mul(sum1));
            }
            float dx = xScales[b * blocks + sb];
            acc0 = t0.mul(dx).add(acc0);
            acc1 = t1.mul(dx).add(acc1);
        }
        acc0.intoArray(out, o);
        acc1.intoArray(out, o + lanes);
    }

    @Override
    void decodePanel(MemorySegment w, long at, int n, float[] panel) {
        int blocks = n / 256;
        int rs = ROWS * n;
        rowScales(w, at, n, panel, rs);
        for (int sb = 0; sb < blocks; sb++) {
            for (int c = 0; c < 4; c++) decodeChunk(w, nibblesAt(at, blocks, sb, 32 * c), panel, (sb * 256 + 64 * c) * ROWS,
                    rs + (sb * 8 + 2 * c) * ROWS, 8 * blocks * ROWS);
        }
    }

    /**
     * One 64-value chunk of a group (its bytes at {@code p}) into the panel from {@code to}, as the reference codec
     * rounds ({@code (d * scale) * q - dmin * min}); the rows' scales of its two sub-blocks at {@code panel[rs..]}, their
     * mins {@code mins} further. Takes and returns no vectors.
     */
    private static void decodeChunk(MemorySegment w, long p, float[] panel, int to, int rs, int mins) {
        int lanes = F.length();
        for (int l = 0; l < 32; l++) {
            ShortVector z = (ShortVector) ByteVector.fromMemorySegment(HALF_BYTES, w, p + (long) ROWS * l, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2S, SHORTS, 0);
            ShortVector lo = z.and((short) 0xf), hi = z.lanewise(VectorOperators.LSHR, 4);
            int o = to + l * ROWS, h = o + 32 * ROWS;
            ((FloatVector) lo.convertShape(VectorOperators.S2F, F, 0)).mul(FloatVector.fromArray(F, panel, rs))
                    .sub(FloatVector.fromArray(F, panel, rs + mins)).intoArray(panel, o);
            ((FloatVector) lo.convertShape(VectorOperators.S2F, F, 1)).mul(FloatVector.fromArray(F, panel, rs + lanes))
                    .sub(FloatVector.fromArray(F, panel, rs + mins + lanes)).intoArray(panel, o + lanes);
            ((FloatVector) hi.convertShape(VectorOperators.S2F, F, 0)).mul(FloatVector.fromArray(F, panel, rs + ROWS))
                    .sub(FloatVector.fromArray(F, panel, rs + ROWS + mins)).intoArray(panel, h);
            ((FloatVector) hi.convertShape(VectorOperators.S2F, F, 1)).mul(FloatVector.fromArray(F, panel, rs + ROWS + lanes))
                    .sub(FloatVector.fromArray(F, panel, rs + ROWS + mins + lanes)).intoArray(panel, h + lanes);
        }
    }

    /** Row {@code rowOffset / rowBytes}, gathered from its group one byte at a time, rounded as the reference codec does. */
    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        long at = groupStart(rowOffset, type.bytesFor(n));
        int i = lane(rowOffset, type.bytesFor(n));
        int blocks = n / 256;
        for (int sb = 0; sb < blocks; sb++) {
            float d = Float.float16ToFloat(w.get(SHORT_LE, at + 2L * (sb * ROWS + i)));
            float dmin = Float.float16ToFloat(w.get(SHORT_LE, at + 2L * ROWS * blocks + 2L * (sb * ROWS + i)));
            for (int s = 0; s < 8; s++) {
                int scale, min;
                if (s < 4) {
                    scale = scaleByte(w, at, blocks, sb, s, i) & 63;
                    min = scaleByte(w, at, blocks, sb, s + 4, i) & 63;
                } else {
                    scale = (scaleByte(w, at, blocks, sb, s + 4, i) & 0xf) | (scaleByte(w, at, blocks, sb, s - 4, i) >> 6) << 4;
                    min = (scaleByte(w, at, blocks, sb, s + 4, i) >> 4) | (scaleByte(w, at, blocks, sb, s, i) >> 6) << 4;
                }
                float ds = d * scale, dm = dmin * min;
                for (int l = 0; l < 32; l++) {
                    int v = w.get(ValueLayout.JAVA_BYTE, nibblesAt(at, blocks, sb, 32 * (s / 2) + l) + i) & 0xff;
                    dst[dstOff + sb * 256 + 32 * s + l] = ds * (s % 2 == 0 ? v & 0xf : v >> 4) - dm;
                }
            }
        }
    }

    private static int scaleByte(MemorySegment w, long at, int blocks, int sb, int k, int i) {
        return w.get(ValueLayout.JAVA_BYTE, scaleBytesAt(at, blocks, sb, k) + i) & 0xff;
    }
}
