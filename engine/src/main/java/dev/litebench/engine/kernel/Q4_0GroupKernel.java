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
 * Q4_0 weights repacked at load so that vector lanes hold rows ({@link #ROWS} of them, one vector of shorts: 32 with
 * 512-bit vectors, 16 with 256), as ggml's repacked {@code q4_0_8x8} kernels interleave rows. A group of rows holds
 * first its fp16 scales, ROWS per block, then its packed bytes: for each block and each of the block's 16 byte
 * positions c, the ROWS rows' bytes c (their elements c and c + 16). That is the size of the rows in file order, read
 * as two sequential streams (the scales in a block-by-block layout cost a cache miss of their own per block).
 * <p>
 * A product then needs no lookup and no horizontal sum: each group of packed bytes widens into one vector of shorts,
 * and its low and high nibbles multiply the int8 activations of elements c and c + 16, broadcast, in 16-bit lanes.
 * Each product is at most 8 x 127 and a block's 32 of them sum to at most 32,512, so a block's sums fit in 16 bits;
 * the nibbles' offset of 8 is taken off once per block as 8 times the activations' block sum (the 16-bit lanes wrap
 * on the way there, and land back on the exact sum). Only then does the block go to float, times the rows' scales
 * and the activations' scale. Measured in a harness on one core of the EPYC VM (1024 columns): 0.67 against 1.28 ns
 * per row and block from L2, 0.78 against 1.44 from memory, for the file-order kernel's two rows per loop.
 * <p>
 * Batches of four rows or more (prompts, batched decode) take two adjacent groups per pass ({@link #dot2x4}), in the
 * same 16-bit arithmetic: Q4_0 never goes through float panels. With 16-bit multiplies at the rate of float
 * multiply-adds and twice the lanes, that made 512-token prompts 12-13% faster on the EPYC VM (docs/PERFORMANCE.md,
 * session 28).
 */
final class Q4_0GroupKernel extends GroupKernel {
    static final Q4_0GroupKernel INSTANCE = new Q4_0GroupKernel();
    /** Bytes of one block's packed values in a group. */
    private static final long PACKED_BYTES = 16L * ROWS;
    /** Activation rows multiplied per pass over a group's weights. */
    private static final int BATCH = 4;

    private Q4_0GroupKernel() {
        super(GGMLType.Q4_0, ActivationRounding.Q8_0);
    }

    @Override
    void writeGroup(byte[] group, int blocks, byte[] to) {
        for (int b = 0; b < blocks; b++) {
            int packed = (int) packedAt(0, blocks, b);
            for (int i = 0; i < ROWS; i++) {
                int in = fileBlock(i, blocks, b);
                to[(int) scalesAt(0, b) + 2 * i] = group[in];
                to[(int) scalesAt(0, b) + 2 * i + 1] = group[in + 1];
                for (int c = 0; c < 16; c++) to[packed + c * ROWS + i] = group[in + 2 + c];
            }
        }
    }

    /** Where block k's scales start in the group at {@code at}. */
    private static long scalesAt(long at, int k) {
        return at + 2L * ROWS * k;
    }

    /** Where block k's packed bytes start in the group at {@code at} of rows of {@code blocks} blocks. */
    private static long packedAt(long at, int blocks, int k) {
        return at + 2L * ROWS * blocks + PACKED_BYTES * k;
    }

    @Override
    int groupsPerPass(int batch) {
        return batch >= BATCH ? 2 : 1;
    }

    /** Never: {@link #dot2x4} multiplies prompts faster than float panels do. */
    @Override
    boolean usesPanels(int batch) {
        return false;
    }

    @Override
    void products(MemorySegment w, long at, int groups, Activations x, int batch, int n, float[] out, int outStride, int t, float[] scratch) {
        for (int g = 0; g < groups; g++) rowScales(w, at + g * groupBytes(n), n, scratch, g * n);
        int b0 = 0;
        if (groups == 2) {
            for (; b0 + BATCH <= batch; b0 += BATCH) dot2x4(w, at, x.quants, x.scales, x.blockSums, scratch, b0, n, out, outStride, t);
        }
        for (int g = 0; g < groups; g++) {
            long gat = at + g * groupBytes(n);
            int gt = t + g * ROWS;
            for (int b = b0; b < batch; b += BATCH) {
                int count = Math.min(BATCH, batch - b);
                if (count == 1) dot1(w, gat, x.quants, x.scales, x.blockSums, scratch, g * n, b, n, out, b * outStride + gt);
                else dot4(w, gat, x.quants, x.scales, x.blockSums, scratch, g * n, b, count, n, out, outStride, gt);
            }
        }
    }

    /** Bytes of one group of rows of {@code n} columns. */
    private static long groupBytes(int n) {
        return (long) n / 32 * GGMLType.Q4_0.blockBytes * ROWS;
    }

    /**
     * The fp16 scales of the group at {@code at} as floats, {@code ROWS} per block, into {@code d} from {@code dOff}: a
     * plain loop over the group's contiguous scales, which C2 turns into vector conversions itself. Vector API code
     * here, inlined into {@link #matmul} beside the panel path, passed C2's inlining node budget (batch-1 products
     * took 120 us instead of 72 after a prefill had run), and inside {@link #dot1} it left vector operations as calls.
     */
    private static void rowScales(MemorySegment w, long at, int n, float[] d, int dOff) {
        for (int i = 0; i < n; i++) d[dOff + i] = Float.float16ToFloat(w.get(SHORT_LE, at + 2L * i));
    }

    /**
     * The group at {@code at} times activation row {@code b}, its scales in {@code d} ({@link #rowScales}): its ROWS
     * products go to {@code out[o..]}.
     */
    private static void dot1(MemorySegment w, long at, short[] q, float[] scales, int[] sums, float[] d, int dOff, int b, int n, float[] out, int o) {
        int blocks = n / 32;
        FloatVector acc0 = FloatVector.zero(F), acc1 = acc0;
        for (int k = 0; k < blocks; k++) {
            long packed = packedAt(at, blocks, k);
            int xq = b * n + k * 32;
            ShortVector s = ShortVector.zero(SHORTS);
            for (int c = 0; c < 16; c++) {
                ShortVector z = (ShortVector) ByteVector.fromMemorySegment(HALF_BYTES, w, packed + (long) c * ROWS, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2S, SHORTS, 0);
                s = s.add(z.and((short) 0xf).mul(q[xq + c])).add(z.lanewise(VectorOperators.LSHR, 4).mul(q[xq + c + 16]));
            }
            s = s.sub((short) (8 * sums[b * blocks + k]));
            float xd = scales[b * blocks + k];
            acc0 = ((FloatVector) s.convertShape(VectorOperators.S2F, F, 0)).fma(FloatVector.fromArray(F, d, dOff + k * ROWS).mul(xd), acc0);
            acc1 = ((FloatVector) s.convertShape(VectorOperators.S2F, F, 1)).fma(FloatVector.fromArray(F, d, dOff + k * ROWS + F.length()).mul(xd), acc1);
        }
        acc0.intoArray(out, o);
        acc1.intoArray(out, o + F.length());
    }

    /** {@link #dot1} for activation rows {@code [b0, b0 + count)}, count 2 to 4, from one pass over the weights; rows past count repeat row b0: computed, not stored. */
    private static void dot4(MemorySegment w, long at, short[] q, float[] scales, int[] sums, float[] d, int dOff, int b0, int count, int n, float[] out, int outStride, int t) {
        int blocks = n / 32;
        int b1 = b0 + (count > 1 ? 1 : 0), b2 = b0 + (count > 2 ? 2 : 0), b3 = b0 + (count > 3 ? 3 : 0);
        FloatVector z0 = FloatVector.zero(F);
        FloatVector a0 = z0, a1 = z0, a2 = z0, a3 = z0, c0 = z0, c1 = z0, c2 = z0, c3 = z0;
        for (int k = 0; k < blocks; k++) {
            long packed = packedAt(at, blocks, k);
            int x0 = b0 * n + k * 32, x1 = b1 * n + k * 32, x2 = b2 * n + k * 32, x3 = b3 * n + k * 32;
            ShortVector s0 = ShortVector.zero(SHORTS), s1 = s0, s2 = s0, s3 = s0;
            for (int c = 0; c < 16; c++) {
                ShortVector z = widen(w, packed + (long) c * ROWS);
                ShortVector lo = z.and((short) 0xf), hi = z.lanewise(VectorOperators.LSHR, 4);
                s0 = s0.add(lo.mul(q[x0 + c])).add(hi.mul(q[x0 + c + 16]));
                s1 = s1.add(lo.mul(q[x1 + c])).add(hi.mul(q[x1 + c + 16]));
                s2 = s2.add(lo.mul(q[x2 + c])).add(hi.mul(q[x2 + c + 16]));
                s3 = s3.add(lo.mul(q[x3 + c])).add(hi.mul(q[x3 + c + 16]));
            }
            FloatVector d0 = FloatVector.fromArray(F, d, dOff + k * ROWS), d1 = FloatVector.fromArray(F, d, dOff + k * ROWS + F.length());
            s0 = s0.sub((short) (8 * sums[b0 * blocks + k]));
            s1 = s1.sub((short) (8 * sums[b1 * blocks + k]));
            s2 = s2.sub((short) (8 * sums[b2 * blocks + k]));
            s3 = s3.sub((short) (8 * sums[b3 * blocks + k]));
            a0 = ((FloatVector) s0.convertShape(VectorOperators.S2F, F, 0)).fma(d0.mul(scales[b0 * blocks + k]), a0);
            c0 = ((FloatVector) s0.convertShape(VectorOperators.S2F, F, 1)).fma(d1.mul(scales[b0 * blocks + k]), c0);
            a1 = ((FloatVector) s1.convertShape(VectorOperators.S2F, F, 0)).fma(d0.mul(scales[b1 * blocks + k]), a1);
            c1 = ((FloatVector) s1.convertShape(VectorOperators.S2F, F, 1)).fma(d1.mul(scales[b1 * blocks + k]), c1);
            a2 = ((FloatVector) s2.convertShape(VectorOperators.S2F, F, 0)).fma(d0.mul(scales[b2 * blocks + k]), a2);
            c2 = ((FloatVector) s2.convertShape(VectorOperators.S2F, F, 1)).fma(d1.mul(scales[b2 * blocks + k]), c2);
            a3 = ((FloatVector) s3.convertShape(VectorOperators.S2F, F, 0)).fma(d0.mul(scales[b3 * blocks + k]), a3);
            c3 = ((FloatVector) s3.convertShape(VectorOperators.S2F, F, 1)).fma(d1.mul(scales[b3 * blocks + k]), c3);
        }
        int lanes = F.length();
        a0.intoArray(out, b0 * outStride + t);
        c0.intoArray(out, b0 * outStride + t + lanes);
        a1.intoArray(out, b1 * outStride + t);
        c1.intoArray(out, b1 * outStride + t + lanes);
        if (count > 2) {
            a2.intoArray(out, b2 * outStride + t);
            c2.intoArray(out, b2 * outStride + t + lanes);
        }
        if (count > 3) {
            a3.intoArray(out, b3 * outStride + t);
            c3.intoArray(out, b3 * outStride + t + lanes);
        }
    }

    /**
     * Two adjacent groups (rows {@code [t, t + 2 * ROWS)}, their scales at {@code d[0..)} and {@code d[n..)}) times
     * activation rows {@code [b0, b0 + 4)} in one pass over the weights: each broadcast activation feeds both groups
     * and each unpacked weight vector four activation rows (in a harness, from L1: 1.72 ns per eight 16-bit
     * multiplies against 2.5 for {@link #dot4}). Each block's eight vectors of 16-bit sums go to {@code d[2n..)}
     * and {@link #scaleSums} does the float work in a method of its own. In one method the compilation held 44,000
     * live nodes, C2's limit for inlining the Vector API late, and in 7 of about 55 runs it left the loop's last
     * operations as calls that allocate (a 512-token prompt at 22-58 tok/s instead of 300); apart, 18,000 and 17,700.
     */
    private static void dot2x4(MemorySegment w, long at, short[] q, float[] scales, int[] sums, float[] d, int b0, int n, float[] out, int outStride, int t) {
        int blocks = n / 32, lanes = F.length();
        long atB = at + groupBytes(n);
        for (int k = 0; k < blocks; k++) {
            long pa = packedAt(at, blocks, k), pb = packedAt(atB, blocks, k);
            int x0 = b0 * n + k * 32, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n;
            ShortVector s0 = ShortVector.zero(SHORTS), s1 = s0, s2 = s0, s3 = s0, u0 = s0, u1 = s0, u2 = s0, u3 = s0;
            for (int c = 0; c < 16; c++) {
                ShortVector za = widen(w, pa + (long) c * ROWS), zb = widen(w, pb + (long) c * ROWS);
                ShortVector la = za.and((short) 0xf), ha = za.lanewise(VectorOperators.LSHR, 4);
                ShortVector lb = zb.and((short) 0xf), hb = zb.lanewise(VectorOperators.LSHR, 4);
                ShortVector v = ShortVector.broadcast(SHORTS, q[x0 + c]), h = ShortVector.broadcast(SHORTS, q[x0 + c + 16]);
                s0 = s0.add(la.mul(v)).add(ha.mul(h));
                u0 = u0.add(lb.mul(v)).add(hb.mul(h));
                v = ShortVector.broadcast(SHORTS, q[x1 + c]);
                h = ShortVector.broadcast(SHORTS, q[x1 + c + 16]);
                s1 = s1.add(la.mul(v)).add(ha.mul(h));
                u1 = u1.add(lb.mul(v)).add(hb.mul(h));
                v = ShortVector.broadcast(SHORTS, q[x2 + c]);
                h = ShortVector.broadcast(SHORTS, q[x2 + c + 16]);
                s2 = s2.add(la.mul(v)).add(ha.mul(h));
                u2 = u2.add(lb.mul(v)).add(hb.mul(h));
                v = ShortVector.broadcast(SHORTS, q[x3 + c]);
                h = ShortVector.broadcast(SHORTS, q[x3 + c + 16]);
                s3 = s3.add(la.mul(v)).add(ha.mul(h));
                u3 = u3.add(lb.mul(v)).add(hb.mul(h));
            }
            int o = blockSumsAt(n, k);
            s0.reinterpretAsFloats().intoArray(d, o);
            u0.reinterpretAsFloats().intoArray(d, o + lanes);
            s1.reinterpretAsFloats().intoArray(d, o + 2 * lanes);
            u1.reinterpretAsFloats().intoArray(d, o + 3 * lanes);
            s2.reinterpretAsFloats().intoArray(d, o + 4 * lanes);
            u2.reinterpretAsFloats().intoArray(d, o + 5 * lanes);
            s3.reinterpretAsFloats().intoArray(d, o + 6 * lanes);
            u3.reinterpretAsFloats().intoArray(d, o + 7 * lanes);
        }
        scaleSums(d, n, scales, sums, b0, out, outStride, t);
    }

    /**
     * Where the scratch holds block k's eight vectors of 16-bit sums from {@link #dot2x4} (as float bits, each
     * activation row's two groups in turn), after the two groups' scales.
     */
    private static int blockSumsAt(int n, int k) {
        return 2 * n + k * 8 * F.length();
    }

    /**
     * The float half of {@link #dot2x4}: for each of its four activation rows and two groups, the blocks' 16-bit sums
     * less the nibbles' offset, times the rows' scales and the activations' scale, summed over the blocks in the order
     * {@link #dot4} sums them (so a row's bits do not depend on which kernel took it). Four sums per activation row
     * run side by side: one at a time, their chains of dependent multiply-adds cost 17% of a product at batch 512.
     */
    private static void scaleSums(float[] d, int n, float[] scales, int[] sums, int b0, float[] out, int outStride, int t) {
        int blocks = n / 32, lanes = F.length();
        for (int j = 0; j < BATCH; j++) {
            int b = b0 + j;
            FloatVector z = FloatVector.zero(F), a0 = z, a1 = z, c0 = z, c1 = z;
            for (int k = 0; k < blocks; k++) {
                int at = blockSumsAt(n, k) + 2 * j * lanes;
                short offset = (short) (8 * sums[b * blocks + k]);
                ShortVector s = FloatVector.fromArray(F, d, at).reinterpretAsShorts().sub(offset);
                ShortVector u = FloatVector.fromArray(F, d, at + lanes).reinterpretAsShorts().sub(offset);
                float xd = scales[b * blocks + k];
                a0 = ((FloatVector) s.convertShape(VectorOperators.S2F, F, 0)).fma(FloatVector.fromArray(F, d, k * ROWS).mul(xd), a0);
                a1 = ((FloatVector) s.convertShape(VectorOperators.S2F, F, 1)).fma(FloatVector.fromArray(F, d, k * ROWS + lanes).mul(xd), a1);
                c0 = ((FloatVector) u.convertShape(VectorOperators.S2F, F, 0)).fma(FloatVector.fromArray(F, d, n + k * ROWS).mul(xd), c0);
                c1 = ((FloatVector) u.convertShape(VectorOperators.S2F, F, 1)).fma(FloatVector.fromArray(F, d, n + k * ROWS + lanes).mul(xd), c1);
            }
            int o = b * outStride + t;
            a0.intoArray(out, o);
            a1.intoArray(out, o + lanes);
            c0.intoArray(out, o + ROWS);
            c1.intoArray(out, o + ROWS + lanes);
        }
    }


    /** Row {@code rowOffset / rowBytes}, gathered from its group one byte at a time. */
    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        long at = groupStart(rowOffset, type.bytesFor(n));
        int i = lane(rowOffset, type.bytesFor(n));
        for (int k = 0; k < n / 32; k++) {
            float d = Float.float16ToFloat(w.get(SHORT_LE, scalesAt(at, k) + 2L * i));
            for (int c = 0; c < 16; c++) {
                int v = w.get(ValueLayout.JAVA_BYTE, packedAt(at, n / 32, k) + (long) c * ROWS + i);
                dst[dstOff + k * 32 + c] = ((v & 0xf) - 8) * d;
                dst[dstOff + k * 32 + c + 16] = (((v >> 4) & 0xf) - 8) * d;
            }
        }
    }
}
