package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.Codecs;
import dev.litebench.engine.tensor.GGMLType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorSpecies;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.stream.IntStream;

/**
 * Q6_K: super-blocks of 256 six-bit values (210 bytes): 128 bytes of low nibbles, 64 bytes of high bit pairs, 16
 * signed 8-bit scales (one per 16 values) and an fp16 scale. Each half of 128 values uses 64 low-nibble bytes and
 * 32 high-bit bytes: for l in [0, 32), values l, l+32, l+64 and l+96 take the low or high nibble of byte l or l+32
 * and bit pair 0, 1, 2 or 3 of high byte l, minus 32. Llama.cpp keeps the embedding of Q4_0 and Q4_K models in
 * this type, and the embedding is also the output matrix, so its speed decides decode speed for those files.
 */
final class Q6_KKernel extends MatrixKernel {
    static final Q6_KKernel INSTANCE = new Q6_KKernel();
    private static final int BLOCK_BYTES = 210;

    private Q6_KKernel() {
        super(GGMLType.Q6_K, ActivationRounding.Q8_K);
    }

    /** The 8 scale bytes of one half of a super-block, widened into the first lanes of an int vector. */
    private static final VectorSpecies<Byte> HALF_SCALES = ByteVector.SPECIES_64;
    /** Vectors of SHORTS per 32 values (1 with 512-bit vectors, 2 with 256). */
    private static final int PIECES = 32 / SHORTS.length();
    /**
     * For part p of a half (its values 32p to 32p + 31) and piece s of that part, INTS.length() lane indexes from
     * (p * PIECES + s) * INTS.length(): the scale (of the half's 8) of each int lane of the piece's pair sums, which
     * hold values 32p + s * SHORTS.length() + 2i and the next.
     */
    private static final int[] SCALE_INDEX = IntStream.range(0, 4 * PIECES * INTS.length())
            .map(k -> {
                int ps = k / INTS.length(), i = k % INTS.length();
                return 2 * (ps / PIECES) + ((ps % PIECES) * SHORTS.length() + 2 * i) / 16;
            })
            .toArray();

    /**
     * Ggml's product with a Q8_K activation row, in integers: each super-block's six-bit values times the int8
     * activations, summed in pairs ({@link #pairSums}; |pair| <= 2 * 32 * 127 fits 16 bits), times the group scales
     * as ints, and the super-block's total scaled once by both scales. Each pass loads the low-bit bytes of parts i
     * and i + 2 (their low and high nibbles) and the high-bit bytes once, and forms both parts with constant shifts.
     * {@link #superBlock}'s body is written so that C2 inlines every vector operation: unrolled over all four parts
     * (or split into helper methods) it passes the JIT's inlining node budget, and the vector operations run as slow
     * Java calls (measured 20-80 ns per 32 values instead of 4.5-7). Without vectors the row is decoded a piece at a
     * time and multiplied in float.
     */
    @Override
    float dot(MemorySegment w, long rowOffset, Activations x, int row, int n, float[] scratch) {
        if (!VECTORIZE) return dotByPieces(w, rowOffset, x.values, row * n, n, scratch, 256);
        short[] q = x.quants;
        int blocks = n / 256;
        float sum = 0;
        for (int b = 0; b < blocks; b++) {
            long o = rowOffset + (long) b * BLOCK_BYTES;
            sum += superBlock(w, o, q, (row * blocks + b) * 256) * (Float.float16ToFloat(w.get(SHORT_LE, o + 208)) * x.scales[row * blocks + b]);
        }
        return sum;
    }

    @Override
    boolean pairsRows() {
        return VECTORIZE;
    }

    @Override
    void dot2(MemorySegment w, long rowA, long rowB, Activations x, int n, float[] out, int outA, int outB, float[] scratch) {
        short[] q = x.quants;
        float sumA = 0, sumB = 0;
        for (int b = 0; b < n / 256; b++) {
            long oa = rowA + (long) b * BLOCK_BYTES, ob = rowB + (long) b * BLOCK_BYTES;
            int ia = superBlock(w, oa, q, b * 256), ib = superBlock(w, ob, q, b * 256);
            sumA += ia * (Float.float16ToFloat(w.get(SHORT_LE, oa + 208)) * x.scales[b]);
            sumB += ib * (Float.float16ToFloat(w.get(SHORT_LE, ob + 208)) * x.scales[b]);
        }
        out[outA] = sumA;
        out[outB] = sumB;
    }

    /**
     * One super-block's integer product with the activations from {@code q[xq0]}. A method of its own, taking and
     * returning no vectors: {@link #dot2} calls it for two rows, which in one body would pass C2's inlining budget.
     */
    private static int superBlock(MemorySegment w, long o, short[] q, int xq0) {
        int step = SHORTS.length();
        IntVector sum = IntVector.zero(INTS);
        for (int half = 0; half < 2; half++) {
            IntVector scales = (IntVector) ByteVector.fromMemorySegment(HALF_SCALES, w, o + 192 + half * 8L, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.B2I, INTS, 0);
            int xq = xq0 + half * 128;
            for (int i = 0; i < 2; i++) {
                for (int s = 0; s < PIECES; s++) {
                    int l = s * step;
                    ShortVector src = widen(w, o + half * 64L + 32 * i + l);
                    ShortVector bits = widen(w, o + 128 + half * 32L + l).lanewise(VectorOperators.LSHL, 4 - 2 * i);
                    ShortVector low = src.and((short) 0xf).or(bits.and((short) 0x30)).sub((short) 32);
                    ShortVector high = src.lanewise(VectorOperators.LSHR, 4).or(bits.lanewise(VectorOperators.LSHR, 4).and((short) 0x30)).sub((short) 32);
                    int k = (i * PIECES + s) * INTS.length();
                    int xl = xq + 32 * i + l;
                    sum = sum.add(pairSums(low.mul(ShortVector.fromArray(SHORTS, q, xl))).mul(IntVector.fromArray(INTS, SCALE_INDEX, k).selectFrom(scales)))
                            .add(pairSums(high.mul(ShortVector.fromArray(SHORTS, q, xl + 64))).mul(IntVector.fromArray(INTS, SCALE_INDEX, k + 2 * PIECES * INTS.length()).selectFrom(scales)));
                }
            }
        }
        return sum.reduceLanes(VectorOperators.ADD);
    }

    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        if (!VECTORIZE) {
            Codecs.forType(GGMLType.Q6_K).dequantize(w, rowOffset / BLOCK_BYTES * 256, dst, dstOff, n);
            return;
        }
        for (int b = 0; b < n / 256; b++) {
            long o = rowOffset + (long) b * BLOCK_BYTES;
            float d = Float.float16ToFloat(w.get(SHORT_LE, o + 208));
            for (int half = 0; half < 2; half++) decodeHalf(w, o, half, d, dst, dstOff + b * 256 + half * 128);
        }
    }

    /**
     * 128 weights of the block at {@code o}, {@code F.length()} of each of its four 32-weight rows at a time. A method
     * of its own that takes and returns no vectors, with no helper that does: C2 stops inlining once a compilation
     * holds too many nodes (NodeCountInliningCutoff), and a vector passed to a call it did not inline is boxed (a
     * helper storing the decoded vectors made this ~1.5 KB of garbage per row, KernelAllocationTest).
     */
    private static void decodeHalf(MemorySegment w, long o, int half, float d, float[] dst, int to) {
        long ql = o + half * 64L;
        long qh = o + 128 + half * 32L;
        long sc = o + 192 + half * 8L;
        // bit work in 32-bit lanes: x86 has no shifts of byte lanes, which the Vector API then emulates
        for (int l = 0; l < 32; l += F.length()) {
            int is = l / 16;
            IntVector lo = (IntVector) ByteVector.fromMemorySegment(BYTES, w, ql + l, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0);
            IntVector hi = (IntVector) ByteVector.fromMemorySegment(BYTES, w, ql + 32 + l, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0);
            IntVector h = (IntVector) ByteVector.fromMemorySegment(BYTES, w, qh + l, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0);
            IntVector q0 = lo.and(0xf).or(h.and(3).lanewise(VectorOperators.LSHL, 4));
            IntVector q1 = hi.and(0xf).or(h.and(0xc).lanewise(VectorOperators.LSHL, 2));
            IntVector q2 = lo.lanewise(VectorOperators.LSHR, 4).or(h.and(0x30));
            IntVector q3 = hi.lanewise(VectorOperators.LSHR, 4).or(h.lanewise(VectorOperators.LSHR, 2).and(0x30));
            // six-bit values (0 to 63) times d * scale, less 32 times it
            float s0 = d * w.get(ValueLayout.JAVA_BYTE, sc + is), s1 = d * w.get(ValueLayout.JAVA_BYTE, sc + is + 2);
            float s2 = d * w.get(ValueLayout.JAVA_BYTE, sc + is + 4), s3 = d * w.get(ValueLayout.JAVA_BYTE, sc + is + 6);
            ((FloatVector) q0.convertShape(VectorOperators.I2F, F, 0)).fma(s0, -32 * s0).intoArray(dst, to + l);
            ((FloatVector) q1.convertShape(VectorOperators.I2F, F, 0)).fma(s1, -32 * s1).intoArray(dst, to + 32 + l);
            ((FloatVector) q2.convertShape(VectorOperators.I2F, F, 0)).fma(s2, -32 * s2).intoArray(dst, to + 64 + l);
            ((FloatVector) q3.convertShape(VectorOperators.I2F, F, 0)).fma(s3, -32 * s3).intoArray(dst, to + 96 + l);
        }
    }
}
