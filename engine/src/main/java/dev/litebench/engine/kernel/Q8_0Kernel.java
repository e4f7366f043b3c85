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
 * Q8_0: blocks of 32 int8 with an fp16 scale (34 bytes). One activation row is multiplied in integers against its
 * int8 form, as ggml does; several rows share each widened and scaled chunk of weights in float, with two
 * accumulators per activation row, one for each half of a block.
 */
final class Q8_0Kernel extends MatrixKernel {
    static final Q8_0Kernel INSTANCE = new Q8_0Kernel();
    private static final int BLOCK_BYTES = 34;

    private Q8_0Kernel() {
        super(GGMLType.Q8_0, ActivationRounding.Q8_0);
    }

    /** Weights {@code [j, j + F.length())} of the block at {@code o}, times the block's scale {@code d}. */
    private static FloatVector chunk(MemorySegment row, long o, int j, FloatVector d) {
        return ((FloatVector) ByteVector.fromMemorySegment(BYTES, row, o + 2 + j, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.B2F, F, 0)).mul(d);
    }

    private static FloatVector scale(MemorySegment row, long o) {
        return FloatVector.broadcast(F, Float.float16ToFloat(row.get(SHORT_LE, o)));
    }

    /**
     * One activation row: ggml's product of two Q8_0 rows. Per block the 32 int8 products are summed exactly in
     * integers, then scaled by both blocks' scales; {@link #sumPairs} keeps the sums lane-wise until the row ends.
     */
    @Override
    float dot(MemorySegment w, long rowOffset, Activations x, int row, int n, float[] scratch) {
        int blocks = n / 32;
        short[] q = x.quants;
        int qOff = row * n;
        int sOff = row * blocks;
        if (!VECTORIZE) {
            float sum = 0;
            for (int b = 0; b < blocks; b++) {
                long o = rowOffset + b * (long) BLOCK_BYTES;
                int s = 0;
                for (int j = 0; j < 32; j++) s += w.get(ValueLayout.JAVA_BYTE, o + 2 + j) * q[qOff + b * 32 + j];
                sum += s * (Float.float16ToFloat(w.get(SHORT_LE, o)) * x.scales[sOff + b]);
            }
            return sum;
        }
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long o = rowOffset + b * (long) BLOCK_BYTES;
            FloatVector d = FloatVector.broadcast(F, Float.float16ToFloat(w.get(SHORT_LE, o)) * x.scales[sOff + b]);
            for (int j = 0; j < 32; j += SHORTS.length()) {
                ShortVector wq = (ShortVector) ByteVector.fromMemorySegment(HALF_BYTES, w, o + 2 + j, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2S, SHORTS, 0);
                acc = sumPairs(wq.mul(ShortVector.fromArray(SHORTS, q, qOff + b * 32 + j))).fma(d, acc);
            }
        }
        acc.intoArray(scratch, 0);
        return Lanes.sum(scratch, 0, F.length());
    }

    @Override
    boolean pairsRows() {
        return VECTORIZE;
    }

    @Override
    void dot2(MemorySegment w, long rowA, long rowB, Activations x, int n, float[] out, int outA, int outB, float[] scratch) {
        short[] q = x.quants;
        FloatVector accA = FloatVector.zero(F), accB = accA;
        for (int b = 0; b < n / 32; b++) {
            long oa = rowA + b * (long) BLOCK_BYTES, ob = rowB + b * (long) BLOCK_BYTES;
            float xs = x.scales[b];
            FloatVector da = FloatVector.broadcast(F, Float.float16ToFloat(w.get(SHORT_LE, oa)) * xs);
            FloatVector db = FloatVector.broadcast(F, Float.float16ToFloat(w.get(SHORT_LE, ob)) * xs);
            for (int j = 0; j < 32; j += SHORTS.length()) {
                ShortVector xq = ShortVector.fromArray(SHORTS, q, b * 32 + j);
                ShortVector wa = (ShortVector) ByteVector.fromMemorySegment(HALF_BYTES, w, oa + 2 + j, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2S, SHORTS, 0);
                ShortVector wb = (ShortVector) ByteVector.fromMemorySegment(HALF_BYTES, w, ob + 2 + j, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2S, SHORTS, 0);
                accA = sumPairs(wa.mul(xq)).fma(da, accA);
                accB = sumPairs(wb.mul(xq)).fma(db, accB);
            }
        }
        accA.intoArray(scratch, 0);
        accB.intoArray(scratch, F.length());
        out[outA] = Lanes.sum(scratch, 0, F.length());
        out[outB] = Lanes.sum(scratch, F.length(), F.length());
    }

    @Override
    int fusedMaxBatch() {
        return 4;
    }

    @Override
    void dotRows(MemorySegment w, long rowOffset, Activations x, int n, int b0, int count, float[] out, int outIndex, int outStride, float[] scratch) {
        if (!VECTORIZE || count == 1) {
            super.dotRows(w, rowOffset, x, n, b0, count, out, outIndex, outStride, scratch);
        } else {
            dot4(w, rowOffset, x.values, n, b0, count, out, outIndex, outStride, scratch);
        }
    }

    /** Two to four rows; rows past {@code count} repeat row b0: computed, not stored. */
    private static void dot4(MemorySegment w, long rowOffset, float[] x, int n, int b0, int count, float[] out, int outIndex, int outStride, float[] scratch) {
        int blocks = n / 32;
        int lanes = F.length();
        int x0 = b0 * n, x1 = x0 + (count > 1 ? n : 0), x2 = x0 + (count > 2 ? 2 * n : 0), x3 = x0 + (count > 3 ? 3 * n : 0);
        FloatVector l0 = FloatVector.zero(F), l1 = l0, l2 = l0, l3 = l0, h0 = l0, h1 = l0, h2 = l0, h3 = l0;
        for (int b = 0; b < blocks; b++) {
            long o = rowOffset + b * (long) BLOCK_BYTES;
            int xo = b * 32;
            FloatVector d = scale(w, o);
            for (int j = 0; j < 16; j += lanes) {
                FloatVector q = chunk(w, o, j, d);
                l0 = q.fma(FloatVector.fromArray(F, x, x0 + xo + j), l0);
                l1 = q.fma(FloatVector.fromArray(F, x, x1 + xo + j), l1);
                l2 = q.fma(FloatVector.fromArray(F, x, x2 + xo + j), l2);
                l3 = q.fma(FloatVector.fromArray(F, x, x3 + xo + j), l3);
            }
            for (int j = 16; j < 32; j += lanes) {
                FloatVector q = chunk(w, o, j, d);
                h0 = q.fma(FloatVector.fromArray(F, x, x0 + xo + j), h0);
                h1 = q.fma(FloatVector.fromArray(F, x, x1 + xo + j), h1);
                h2 = q.fma(FloatVector.fromArray(F, x, x2 + xo + j), h2);
                h3 = q.fma(FloatVector.fromArray(F, x, x3 + xo + j), h3);
            }
        }
        store4(out, b0, count, outIndex, outStride, scratch, l0.add(h0), l1.add(h1), l2.add(h2), l3.add(h3));
    }

    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        int lanes = F.length();
        for (int b = 0; b < n / 32; b++) {
            long o = rowOffset + b * (long) BLOCK_BYTES;
            int to = dstOff + b * 32;
            if (VECTORIZE) {
                FloatVector d = FloatVector.broadcast(F, Float.float16ToFloat(w.get(SHORT_LE, o)));
                for (int j = 0; j < 32; j += lanes) {
                    ((FloatVector) ByteVector.fromMemorySegment(BYTES, w, o + 2 + j, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.B2F, F, 0))
                            .mul(d).intoArray(dst, to + j);
                }
            } else {
                float d = Float.float16ToFloat(w.get(SHORT_LE, o));
                for (int j = 0; j < 32; j++) dst[to + j] = w.get(ValueLayout.JAVA_BYTE, o + 2 + j) * d;
            }
        }
    }
}
