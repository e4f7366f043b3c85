package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.GGMLType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

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
    void products(MemorySegment w, long at, Activations x, int batch, int n, float[] out, int outStride, int t, float[] scratch) {
        rowScales(w, at, n, scratch, 0);
        for (int b0 = 0; b0 < batch; b0 += BATCH) {
            int count = Math.min(BATCH, batch - b0);
            if (count == 1) dot1(w, at, x.quants, x.scales, x.blockSums, scratch, b0, n, out, b0 * outStride + t);
            else dot4(w, at, x.quants, x.scales, x.blockSums, scratch, b0, count, n, out, outStride, t);
        }
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
    private static void dot1(MemorySegment w, long at, short[] q, float[] scales, int[] sums, float[] d, int b, int n, float[] out, int o) {
        int blocks = n / 32;
        FloatVector acc0 = FloatVector.zero(F), acc1 = acc0;
        for (int k = 0; k < blocks; k++) {
            long packed = packedAt(at, blocks, k);
            int xq = b * n + k * 32;
            ShortVector s = ShortVector.zero(SHORTS);
            for (int c = 0; c < 16; c++) {
                ShortVector z = widen(w, packed + (long) c * ROWS);
                s = s.add(z.and((short) 0xf).mul(q[xq + c])).add(z.lanewise(VectorOperators.LSHR, 4).mul(q[xq + c + 16]));
            }
            s = s.sub((short) (8 * sums[b * blocks + k]));
            float xd = scales[b * blocks + k];
            acc0 = ((FloatVector) s.convertShape(VectorOperators.S2F, F, 0)).fma(FloatVector.fromArray(F, d, k * ROWS).mul(xd), acc0);
            acc1 = ((FloatVector) s.convertShape(VectorOperators.S2F, F, 1)).fma(FloatVector.fromArray(F, d, k * ROWS + F.length()).mul(xd), acc1);
        }
        acc0.intoArray(out, o);
        acc1.intoArray(out, o + F.length());
    }

    /** {@link #dot1} for activation rows {@code [b0, b0 + count)}, count 2 to 4, from one pass over the weights; rows past count repeat row b0: computed, not stored. */
    private static void dot4(MemorySegment w, long at, short[] q, float[] scales, int[] sums, float[] d, int b0, int count, int n, float[] out, int outStride, int t) {
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
            FloatVector d0 = FloatVector.fromArray(F, d, k * ROWS), d1 = FloatVector.fromArray(F, d, k * ROWS + F.length());
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

    @Override
    void decodePanel(MemorySegment w, long at, int n, float[] panel) {
        int d = ROWS * n; // the scales after the panel
        rowScales(w, at, n, panel, d);
        for (int k = 0; k < n / 32; k++) decodeBlock(w, packedAt(at, n / 32, k), panel, k * 32 * ROWS, d + k * ROWS);
    }

    /**
     * One block of a group into the panel from {@code to}, its rows' scales at {@code panel[d..]}. A method of its own
     * that takes and returns no vectors: inlined with the panel loop into {@link #matmul}, the block's vector
     * operations passed C2's inlining node budget and ran boxed (1.8 MB per 512-row product).
     */
    private static void decodeBlock(MemorySegment w, long packed, float[] panel, int to, int d) {
        int lanes = F.length();
        FloatVector d0 = FloatVector.fromArray(F, panel, d), d1 = FloatVector.fromArray(F, panel, d + lanes);
        for (int c = 0; c < 16; c++) {
            ShortVector z = widen(w, packed + (long) c * ROWS);
            ShortVector lo = z.and((short) 0xf).sub((short) 8), hi = z.lanewise(VectorOperators.LSHR, 4).sub((short) 8);
            int l = to + c * ROWS, h = l + 16 * ROWS;
            ((FloatVector) lo.convertShape(VectorOperators.S2F, F, 0)).mul(d0).intoArray(panel, l);
            ((FloatVector) lo.convertShape(VectorOperators.S2F, F, 1)).mul(d1).intoArray(panel, l + lanes);
            ((FloatVector) hi.convertShape(VectorOperators.S2F, F, 0)).mul(d0).intoArray(panel, h);
            ((FloatVector) hi.convertShape(VectorOperators.S2F, F, 1)).mul(d1).intoArray(panel, h + lanes);
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
