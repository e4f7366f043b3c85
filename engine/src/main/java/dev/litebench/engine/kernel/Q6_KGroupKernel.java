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
 * Q6_K weights repacked at load so that vector lanes hold rows, as {@link Q4_0GroupKernel} does for Q4_0: the output
 * matrix (and embedding) of Q4_0 and Q4_K_M files, a third of their bytes. A group of {@link #ROWS} rows holds, in
 * this order: the rows' fp16 super-block scales (ROWS per super-block), their int8 sub-block scales (for each
 * super-block and each of its 16 sub-blocks, ROWS of them), then the six-bit values: for each super-block, half h and
 * l in [0, 32), the ROWS rows' low-nibble bytes l and l + 32 and high-bit byte l of that half, which hold values l,
 * l + 32, l + 64 and l + 96 of the half. That is the size of the rows in file order.
 * <p>
 * Each group of three byte vectors widens into shorts and gives the four values for all ROWS rows with shifts and
 * masks; each multiplies its int8 activation, broadcast, in 16-bit lanes. A product is at most 32 x 127, so sums are
 * flushed to float every 8 values of a sub-block (at most 32,512), each times the rows' sub-block scales.
 */
final class Q6_KGroupKernel extends GroupKernel {
    static final Q6_KGroupKernel INSTANCE = new Q6_KGroupKernel();

    private Q6_KGroupKernel() {
        super(GGMLType.Q6_K, ActivationRounding.Q8_K);
    }

    private static long subScalesAt(long at, int blocks, int sb, int is) {
        return at + 2L * ROWS * blocks + 16L * ROWS * sb + (long) ROWS * is;
    }

    /** Where the three byte vectors of values l, l + 32, l + 64 and l + 96 of half h of super-block sb start. */
    private static long valuesAt(long at, int blocks, int sb, int h, int l) {
        return at + 18L * ROWS * blocks + 192L * ROWS * sb + 96L * ROWS * h + 3L * ROWS * l;
    }

    @Override
    void writeGroup(byte[] group, int blocks, byte[] to) {
        for (int i = 0; i < ROWS; i++) {
            for (int sb = 0; sb < blocks; sb++) {
                int in = fileBlock(i, blocks, sb);
                to[2 * (sb * ROWS + i)] = group[in + 208];
                to[2 * (sb * ROWS + i) + 1] = group[in + 209];
                for (int is = 0; is < 16; is++) to[(int) subScalesAt(0, blocks, sb, is) + i] = group[in + 192 + is];
                for (int h = 0; h < 2; h++) {
                    for (int l = 0; l < 32; l++) {
                        int v = (int) valuesAt(0, blocks, sb, h, l) + i;
                        to[v] = group[in + 64 * h + l];
                        to[v + ROWS] = group[in + 64 * h + l + 32];
                        to[v + 2 * ROWS] = group[in + 128 + 32 * h + l];
                    }
                }
            }
        }
    }

    @Override
    void products(MemorySegment w, long at, int groups, Activations x, int batch, int n, float[] out, int outStride, int t, float[] scratch) {
        rowScales(w, at, n, scratch, 0);
        int b = 0;
        for (; b + 1 < batch; b += 2) dot2(w, at, x.quants, x.scales, scratch, b, n, out, b * outStride + t, (b + 1) * outStride + t);
        if (b < batch) dot1(w, at, x.quants, x.scales, scratch, b, n, out, b * outStride + t);
    }

    /**
     * The scales of the group at {@code at} as floats into {@code rs}: for each super-block and sub-block, ROWS products
     * of a row's super-block scale and its sub-block scale. The super-block scales go through a plain loop, which C2
     * vectorizes itself (as a byte-to-float loop it did not: that took longer than the products).
     */
    private static void rowScales(MemorySegment w, long at, int n, float[] rs, int off) {
        int blocks = n / 256;
        int lanes = F.length();
        int d = off + 16 * ROWS * blocks; // the super-block scales, converted first, after the products' scales
        for (int i = 0; i < blocks * ROWS; i++) rs[d + i] = Float.float16ToFloat(w.get(SHORT_LE, at + 2L * i));
        for (int sb = 0; sb < blocks; sb++) {
            FloatVector d0 = FloatVector.fromArray(F, rs, d + sb * ROWS), d1 = FloatVector.fromArray(F, rs, d + sb * ROWS + lanes);
            for (int is = 0; is < 16; is++) {
                ByteVector sc = ByteVector.fromMemorySegment(HALF_BYTES, w, subScalesAt(at, blocks, sb, is), ByteOrder.LITTLE_ENDIAN);
                int o = off + (sb * 16 + is) * ROWS;
                ((FloatVector) sc.convertShape(VectorOperators.B2F, F, 0)).mul(d0).intoArray(rs, o);
                ((FloatVector) sc.convertShape(VectorOperators.B2F, F, 1)).mul(d1).intoArray(rs, o + lanes);
            }
        }
    }

    @Override
    void decodePanel(MemorySegment w, long at, int n, float[] panel) {
        int blocks = n / 256;
        int rs = ROWS * n;
        rowScales(w, at, n, panel, rs);
        for (int sb = 0; sb < blocks; sb++) {
            for (int h = 0; h < 2; h++) decodeHalf(w, valuesAt(at, blocks, sb, h, 0), panel, (sb * 256 + 128 * h) * ROWS, rs + (sb * 16 + 8 * h) * ROWS);
        }
    }

    /**
     * Half a super-block of a group (values at {@code v}) into the panel from {@code to}, the rows' scales of its 8
     * sub-blocks at {@code panel[rs..]}. A method of its own that takes and returns no vectors, as
     * {@link Q4_0GroupKernel}'s panel decoding is: inlined with the panel loop into {@link #matmul}, vector operations
     * could pass C2's inlining node budget and run boxed.
     */
    private static void decodeHalf(MemorySegment w, long v, float[] panel, int to, int rs) {
        int lanes = F.length();
        for (int l = 0; l < 32; l++) {
            long u = v + 3L * ROWS * l;
            ShortVector lo = widen(w, u), hi = widen(w, u + ROWS), bits = widen(w, u + 2L * ROWS);
            int r = rs + (l / 16) * ROWS, o = to + l * ROWS;
            ShortVector q0 = lo.and((short) 0xf).or(bits.and((short) 3).lanewise(VectorOperators.LSHL, 4)).sub((short) 32);
            ShortVector q1 = hi.and((short) 0xf).or(bits.and((short) 0xc).lanewise(VectorOperators.LSHL, 2)).sub((short) 32);
            ShortVector q2 = lo.lanewise(VectorOperators.LSHR, 4).or(bits.and((short) 0x30)).sub((short) 32);
            ShortVector q3 = hi.lanewise(VectorOperators.LSHR, 4).or(bits.lanewise(VectorOperators.LSHR, 2).and((short) 0x30)).sub((short) 32);
            ((FloatVector) q0.convertShape(VectorOperators.S2F, F, 0)).mul(FloatVector.fromArray(F, panel, r)).intoArray(panel, o);
            ((FloatVector) q0.convertShape(VectorOperators.S2F, F, 1)).mul(FloatVector.fromArray(F, panel, r + lanes)).intoArray(panel, o + lanes);
            ((FloatVector) q1.convertShape(VectorOperators.S2F, F, 0)).mul(FloatVector.fromArray(F, panel, r + 2 * ROWS)).intoArray(panel, o + 32 * ROWS);
            ((FloatVector) q1.convertShape(VectorOperators.S2F, F, 1)).mul(FloatVector.fromArray(F, panel, r + 2 * ROWS + lanes)).intoArray(panel, o + 32 * ROWS + lanes);
            ((FloatVector) q2.convertShape(VectorOperators.S2F, F, 0)).mul(FloatVector.fromArray(F, panel, r + 4 * ROWS)).intoArray(panel, o + 64 * ROWS);
            ((FloatVector) q2.convertShape(VectorOperators.S2F, F, 1)).mul(FloatVector.fromArray(F, panel, r + 4 * ROWS + lanes)).intoArray(panel, o + 64 * ROWS + lanes);
            ((FloatVector) q3.convertShape(VectorOperators.S2F, F, 0)).mul(FloatVector.fromArray(F, panel, r + 6 * ROWS)).intoArray(panel, o + 96 * ROWS);
            ((FloatVector) q3.convertShape(VectorOperators.S2F, F, 1)).mul(FloatVector.fromArray(F, panel, r + 6 * ROWS + lanes)).intoArray(panel, o + 96 * ROWS + lanes);
        }
    }

    /**
     * The group at {@code at} times activation row {@code b}, its scales in {@code rs} ({@link #rowScales}): its ROWS
     * products go to {@code out[o..]}.
     */
    private static void dot1(MemorySegment w, long at, short[] q, float[] xScales, float[] rs, int b, int n, float[] out, int o) {
        int blocks = n / 256;
        int lanes = F.length();
        FloatVector acc0 = FloatVector.zero(F), acc1 = acc0;
        for (int sb = 0; sb < blocks; sb++) {
            FloatVector t0 = FloatVector.zero(F), t1 = t0;
            for (int h = 0; h < 2; h++) {
                for (int l0 = 0; l0 < 32; l0 += 8) {
                    ShortVector s0 = ShortVector.zero(SHORTS), s1 = s0, s2 = s0, s3 = s0;
                    int xo = b * n + sb * 256 + 128 * h;
                    for (int l = l0; l < l0 + 8; l++) {
                        long v = valuesAt(at, blocks, sb, h, l);
                        ShortVector lo = widen(w, v), hi = widen(w, v + ROWS), bits = widen(w, v + 2L * ROWS);
                        s0 = s0.add(lo.and((short) 0xf).or(bits.and((short) 3).lanewise(VectorOperators.LSHL, 4)).sub((short) 32).mul(q[xo + l]));
                        s1 = s1.add(hi.and((short) 0xf).or(bits.and((short) 0xc).lanewise(VectorOperators.LSHL, 2)).sub((short) 32).mul(q[xo + l + 32]));
                        s2 = s2.add(lo.lanewise(VectorOperators.LSHR, 4).or(bits.and((short) 0x30)).sub((short) 32).mul(q[xo + l + 64]));
                        s3 = s3.add(hi.lanewise(VectorOperators.LSHR, 4).or(bits.lanewise(VectorOperators.LSHR, 2).and((short) 0x30)).sub((short) 32).mul(q[xo + l + 96]));
                    }
                    // sub-block of values l0.. of part p of this half: 8 * h + 2 * p + l0 / 16
                    int r = (sb * 16 + 8 * h + l0 / 16) * ROWS;
                    t0 = ((FloatVector) s0.convertShape(VectorOperators.S2F, F, 0)).fma(FloatVector.fromArray(F, rs, r), t0);
                    t1 = ((FloatVector) s0.convertShape(VectorOperators.S2F, F, 1)).fma(FloatVector.fromArray(F, rs, r + lanes), t1);
                    t0 = ((FloatVector) s1.convertShape(VectorOperators.S2F, F, 0)).fma(FloatVector.fromArray(F, rs, r + 2 * ROWS), t0);
                    t1 = ((FloatVector) s1.convertShape(VectorOperators.S2F, F, 1)).fma(FloatVector.fromArray(F, rs, r + 2 * ROWS + lanes), t1);
                    t0 = ((FloatVector) s2.convertShape(VectorOperators.S2F, F, 0)).fma(FloatVector.fromArray(F, rs, r + 4 * ROWS), t0);
                    t1 = ((FloatVector) s2.convertShape(VectorOperators.S2F, F, 1)).fma(FloatVector.fromArray(F, rs, r + 4 * ROWS + lanes), t1);
                    t0 = ((FloatVector) s3.convertShape(VectorOperators.S2F, F, 0)).fma(FloatVector.fromArray(F, rs, r + 6 * ROWS), t0);
                    t1 = ((FloatVector) s3.convertShape(VectorOperators.S2F, F, 1)).fma(FloatVector.fromArray(F, rs, r + 6 * ROWS + lanes), t1);
                }
            }
            float dx = xScales[b * blocks + sb];
            acc0 = t0.mul(dx).add(acc0);
            acc1 = t1.mul(dx).add(acc1);
        }
        acc0.intoArray(out, o);
        acc1.intoArray(out, o + lanes);
    }

    /**
     * {@link #dot1} for activation rows b and b + 1 from one pass over the group: each value is unpacked once for both
     * (the unpacking is three quarters of {@link #dot1}'s work). Four rows per pass would need more registers than
     * AVX-512 has for the sums.
     */
    private static void dot2(MemorySegment w, long at, short[] q, float[] xScales, float[] rs, int b, int n, float[] out, int o0, int o1) {
        int blocks = n / 256;
        int lanes = F.length();
        FloatVector a0 = FloatVector.zero(F), a1 = a0, c0 = a0, c1 = a0;
        for (int sb = 0; sb < blocks; sb++) {
            FloatVector t0 = FloatVector.zero(F), t1 = t0, u0 = t0, u1 = t0;
            for (int h = 0; h < 2; h++) {
                for (int l0 = 0; l0 < 32; l0 += 8) {
                    ShortVector s0 = ShortVector.zero(SHORTS), s1 = s0, s2 = s0, s3 = s0, r0 = s0, r1 = s0, r2 = s0, r3 = s0;
                    int xo = b * n + sb * 256 + 128 * h, yo = xo + n;
                    for (int l = l0; l < l0 + 8; l++) {
                        long v = valuesAt(at, blocks, sb, h, l);
                        ShortVector lo = widen(w, v), hi = widen(w, v + ROWS), bits = widen(w, v + 2L * ROWS);
                        ShortVector q0 = lo.and((short) 0xf).or(bits.and((short) 3).lanewise(VectorOperators.LSHL, 4)).sub((short) 32);
                        ShortVector q1 = hi.and((short) 0xf).or(bits.and((short) 0xc).lanewise(VectorOperators.LSHL, 2)).sub((short) 32);
                        ShortVector q2 = lo.lanewise(VectorOperators.LSHR, 4).or(bits.and((short) 0x30)).sub((short) 32);
                        ShortVector q3 = hi.lanewise(VectorOperators.LSHR, 4).or(bits.lanewise(VectorOperators.LSHR, 2).and((short) 0x30)).sub((short) 32);
                        s0 = s0.add(q0.mul(q[xo + l]));
                        r0 = r0.add(q0.mul(q[yo + l]));
                        s1 = s1.add(q1.mul(q[xo + l + 32]));
                        r1 = r1.add(q1.mul(q[yo + l + 32]));
                        s2 = s2.add(q2.mul(q[xo + l + 64]));
                        r2 = r2.add(q2.mul(q[yo + l + 64]));
                        s3 = s3.add(q3.mul(q[xo + l + 96]));
                        r3 = r3.add(q3.mul(q[yo + l + 96]));
                    }
                    int r = (sb * 16 + 8 * h + l0 / 16) * ROWS;
                    FloatVector e0 = FloatVector.fromArray(F, rs, r), e1 = FloatVector.fromArray(F, rs, r + lanes);
                    t0 = ((FloatVector) s0.convertShape(VectorOperators.S2F, F, 0)).fma(e0, t0);
                    t1 = ((FloatVector) s0.convertShape(VectorOperators.S2F, F, 1)).fma(e1, t1);
                    u0 = ((FloatVector) r0.convertShape(VectorOperators.S2F, F, 0)).fma(e0, u0);
                    u1 = ((FloatVector) r0.convertShape(VectorOperators.S2F, F, 1)).fma(e1, u1);
                    e0 = FloatVector.fromArray(F, rs, r + 2 * ROWS);
                    e1 = FloatVector.fromArray(F, rs, r + 2 * ROWS + lanes);
                    t0 = ((FloatVector) s1.convertShape(VectorOperators.S2F, F, 0)).fma(e0, t0);
                    t1 = ((FloatVector) s1.convertShape(VectorOperators.S2F, F, 1)).fma(e1, t1);
                    u0 = ((FloatVector) r1.convertShape(VectorOperators.S2F, F, 0)).fma(e0, u0);
                    u1 = ((FloatVector) r1.convertShape(VectorOperators.S2F, F, 1)).fma(e1, u1);
                    e0 = FloatVector.fromArray(F, rs, r + 4 * ROWS);
                    e1 = FloatVector.fromArray(F, rs, r + 4 * ROWS + lanes);
                    t0 = ((FloatVector) s2.convertShape(VectorOperators.S2F, F, 0)).fma(e0, t0);
                    t1 = ((FloatVector) s2.convertShape(VectorOperators.S2F, F, 1)).fma(e1, t1);
                    u0 = ((FloatVector) r2.convertShape(VectorOperators.S2F, F, 0)).fma(e0, u0);
                    u1 = ((FloatVector) r2.convertShape(VectorOperators.S2F, F, 1)).fma(e1, u1);
                    e0 = FloatVector.fromArray(F, rs, r + 6 * ROWS);
                    e1 = FloatVector.fromArray(F, rs, r + 6 * ROWS + lanes);
                    t0 = ((FloatVector) s3.convertShape(VectorOperators.S2F, F, 0)).fma(e0, t0);
                    t1 = ((FloatVector) s3.convertShape(VectorOperators.S2F, F, 1)).fma(e1, t1);
                    u0 = ((FloatVector) r3.convertShape(VectorOperators.S2F, F, 0)).fma(e0, u0);
                    u1 = ((FloatVector) r3.convertShape(VectorOperators.S2F, F, 1)).fma(e1, u1);
                }
            }
            float dx = xScales[b * blocks + sb], dy = xScales[(b + 1) * blocks + sb];
            a0 = t0.mul(dx).add(a0);
            a1 = t1.mul(dx).add(a1);
            c0 = u0.mul(dy).add(c0);
            c1 = u1.mul(dy).add(c1);
        }
        a0.intoArray(out, o0);
        a1.intoArray(out, o0 + lanes);
        c0.intoArray(out, o1);
        c1.intoArray(out, o1 + lanes);
    }

    /** Row {@code rowOffset / rowBytes}, gathered from its group one byte at a time. */
    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        long at = groupStart(rowOffset, type.bytesFor(n));
        int i = lane(rowOffset, type.bytesFor(n));
        int blocks = n / 256;
        for (int sb = 0; sb < blocks; sb++) {
            float d = Float.float16ToFloat(w.get(SHORT_LE, at + 2L * (sb * ROWS + i)));
            for (int h = 0; h < 2; h++) {
                int to = dstOff + sb * 256 + 128 * h;
                for (int l = 0; l < 32; l++) {
                    long v = valuesAt(at, blocks, sb, h, l) + i;
                    int lo = w.get(ValueLayout.JAVA_BYTE, v) & 0xff, hi = w.get(ValueLayout.JAVA_BYTE, v + ROWS) & 0xff;
                    int bits = w.get(ValueLayout.JAVA_BYTE, v + 2L * ROWS) & 0xff;
                    for (int p = 0; p < 4; p++) {
                        int value = ((p % 2 == 0 ? lo : hi) >> (p / 2 * 4) & 0xf) | (bits >> (2 * p) & 3) << 4;
                        int is = 8 * h + 2 * p + l / 16;
                        dst[to + 32 * p + l] = d * w.get(ValueLayout.JAVA_BYTE, subScalesAt(at, blocks, sb, is) + i) * (value - 32);
                    }
                }
            }
        }
    }
}
