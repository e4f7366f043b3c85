package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.GGMLType;
import dev.litebench.engine.tensor.IQ4_NLCodec;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.stream.IntStream;

/**
 * Q4_0: blocks of 32 four-bit values with an fp16 scale (18 bytes); byte j holds element j in its low nibble and
 * element j + 16 in its high nibble, each stored with an offset of 8.
 * <p>
 * With 16 float lanes (512-bit vectors) a block decodes by table lookup: its 16 packed bytes widen into one int
 * vector, and since a lane permute reads only the low four bits of each index, two permutes of the block's 16
 * possible values, {@code (i - 8) * d}, give its 32 weights as floats (a shift brings the high nibbles down). That is
 * 7 vector instructions per block against 14 for unpacking the nibbles and multiplying in integers (measured: 2.9
 * against 3.8 ns per block from L2, 4.8 against 5.7 from DRAM, one core), so even a single activation row is
 * multiplied in float. With 8 lanes the table does not fit one vector: one activation row is multiplied in integers
 * against its int8 form, as ggml does, and several rows share each unpacked, scaled chunk of weights in float.
 * <p>
 * IQ4_NL blocks are laid out as Q4_0's, with a non-linear table of 16 levels instead of {@code i - 8}: with 16 lanes
 * the lookup computes them at Q4_0's cost ({@link #forIQ4_NL}).
 * <p>
 * The decoding is written out where it is used, not in helpers that take or return vectors: such a helper runs
 * unboxed only where it is inlined, and C2 declines to inline it ("low call site frequency") into a caller that is
 * itself inlined before it has a profile of its own, as a small kernel method is into the row loop that dispatches
 * to it. An IQ4_XS process allocated 2 KiB per row that way in CI (docs/PERFORMANCE.md, session 29).
 */
final class Q4_0Kernel extends MatrixKernel {
    static final Q4_0Kernel INSTANCE = new Q4_0Kernel(GGMLType.Q4_0, floats(IntStream.range(-8, 8).toArray()));
    /** IQ4_NL's 16 levels as floats, the permute table of its blocks and of {@link IQ4_XSKernel}'s runs. */
    static final float[] IQ4_NL_LEVELS = floats(IQ4_NLCodec.LEVELS);
    /** IQ4_NL's blocks are laid out as Q4_0's; only the 16 levels differ. Computed by table lookup alone: see {@link #forIQ4_NL}. */
    private static final Q4_0Kernel IQ4_NL = new Q4_0Kernel(GGMLType.IQ4_NL, IQ4_NL_LEVELS);
    private static final int BLOCK_BYTES = 18;
    /** Packed bytes that unpack into one vector of SHORTS: 16 (a whole block) with 512-bit vectors. */
    private static final VectorSpecies<Byte> PACKED = VectorSpecies.of(byte.class, VectorShape.forBitSize(F.vectorBitSize() / 4));
    private static final boolean LOOKUP = VECTORIZE && F.length() == 16;
    /** Whether single rows multiply against {@link Activations#nibbleQuants}, which are filled only then. */
    static final boolean NIBBLE_ORDER = VECTORIZE && !LOOKUP;
    /** The 16 values a nibble stands for (Q4_0: -8 to 7) as floats, before the block's scale: the permute table. */
    private final float[] levels;

    private Q4_0Kernel(GGMLType type, float[] levels) {
        super(type, ActivationRounding.Q8_0);
        this.levels = levels;
    }

    private static float[] floats(int[] ints) {
        float[] f = new float[ints.length];
        for (int i = 0; i < ints.length; i++) f[i] = ints[i];
        return f;
    }

    /**
     * One activation row, multiplied in integers against its int8 form as ggml does. Each 16-bit lane of the
     * zero-extended packed bytes is spread so that its low nibble lands in the even byte and its high nibble in the
     * odd byte; widened, that is the block in the order 0, 16, 1, 17, ..., which is how
     * {@link Activations#nibbleQuants} holds the activations.
     */
    @Override
    float dot(MemorySegment w, long rowOffset, Activations x, int row, int n, float[] scratch) {
        int blocks = n / 32;
        int qOff = row * n;
        int sOff = row * blocks;
        if (!VECTORIZE) {
            short[] q = x.quants;
            float sum = 0;
            for (int b = 0; b < blocks; b++) {
                long o = rowOffset + b * (long) BLOCK_BYTES;
                int s = 0;
                for (int j = 0; j < 16; j++) {
                    int v = w.get(ValueLayout.JAVA_BYTE, o + 2 + j);
                    s += ((v & 0xf) - 8) * q[qOff + b * 32 + j] + (((v >> 4) & 0xf) - 8) * q[qOff + b * 32 + j + 16];
                }
                sum += s * (Float.float16ToFloat(w.get(SHORT_LE, o)) * x.scales[sOff + b]);
            }
            return sum;
        }
        if (LOOKUP) return dotLookup(w, rowOffset, x.values, row * n, n, scratch, levels);
        short[] q = x.nibbleQuants;
        int step = SHORTS.length() / 2;
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long o = rowOffset + b * (long) BLOCK_BYTES;
            FloatVector d = FloatVector.broadcast(F, Float.float16ToFloat(w.get(SHORT_LE, o)) * x.scales[sOff + b]);
            for (int j = 0; j < 16; j += step) {
                ShortVector z = (ShortVector) ByteVector.fromMemorySegment(PACKED, w, o + 2 + j, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.ZERO_EXTEND_B2S, HALF_SHORTS, 0);
                ByteVector nibbles = z.or(z.lanewise(VectorOperators.LSHL, 4)).and((short) 0x0F0F).reinterpretAsBytes();
                ShortVector wq = ((ShortVector) nibbles.convertShape(VectorOperators.B2S, SHORTS, 0)).sub((short) 8);
                acc = sumPairs(wq.mul(ShortVector.fromArray(SHORTS, q, qOff + b * 32 + 2 * j))).fma(d, acc);
            }
        }
        acc.intoArray(scratch, 0);
        return Lanes.sum(scratch, 0, F.length());
    }

    private static float dotLookup(MemorySegment w, long rowOffset, float[] x, int xOff, int n, float[] scratch, float[] table) {
        FloatVector lows = FloatVector.zero(F), highs = lows;
        for (int b = 0; b < n / 32; b++) {
            long o = rowOffset + b * (long) BLOCK_BYTES;
            IntVector levels = FloatVector.fromArray(F, table, 0).mul(Float.float16ToFloat(w.get(SHORT_LE, o))).reinterpretAsInts();
            IntVector packed = (IntVector) ByteVector.fromMemorySegment(PACKED, w, o + 2, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0);
            lows = packed.selectFrom(levels).reinterpretAsFloats().fma(FloatVector.fromArray(F, x, xOff + b * 32), lows);
            highs = packed.lanewise(VectorOperators.LSHR, 4).selectFrom(levels).reinterpretAsFloats().fma(FloatVector.fromArray(F, x, xOff + b * 32 + 16), highs);
        }
        lows.add(highs).intoArray(scratch, 0);
        return Lanes.sum(scratch, 0, F.length());
    }

    @Override
    boolean pairsRows() {
        return LOOKUP;
    }

    @Override
    void dot2(MemorySegment w, long rowA, long rowB, Activations x, int n, float[] out, int outA, int outB, float[] scratch) {
        dotLookup2(w, rowA, rowB, x.values, n, out, outA, outB, scratch, levels);
    }

    /** {@link #dotLookup} for two rows in one loop: each block's activations loaded once for both. */
    private static void dotLookup2(MemorySegment w, long rowA, long rowB, float[] x, int n, float[] out, int outA, int outB, float[] scratch, float[] table) {
        FloatVector lowsA = FloatVector.zero(F), highsA = lowsA, lowsB = lowsA, highsB = lowsA;
        for (int b = 0; b < n / 32; b++) {
            long oa = rowA + b * (long) BLOCK_BYTES, ob = rowB + b * (long) BLOCK_BYTES;
            FloatVector x0 = FloatVector.fromArray(F, x, b * 32), x1 = FloatVector.fromArray(F, x, b * 32 + 16);
            IntVector levelsA = FloatVector.fromArray(F, table, 0).mul(Float.float16ToFloat(w.get(SHORT_LE, oa))).reinterpretAsInts();
            IntVector packedA = (IntVector) ByteVector.fromMemorySegment(PACKED, w, oa + 2, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0);
            IntVector levelsB = FloatVector.fromArray(F, table, 0).mul(Float.float16ToFloat(w.get(SHORT_LE, ob))).reinterpretAsInts();
            IntVector packedB = (IntVector) ByteVector.fromMemorySegment(PACKED, w, ob + 2, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0);
            lowsA = packedA.selectFrom(levelsA).reinterpretAsFloats().fma(x0, lowsA);
            lowsB = packedB.selectFrom(levelsB).reinterpretAsFloats().fma(x0, lowsB);
            highsA = packedA.lanewise(VectorOperators.LSHR, 4).selectFrom(levelsA).reinterpretAsFloats().fma(x1, highsA);
            highsB = packedB.lanewise(VectorOperators.LSHR, 4).selectFrom(levelsB).reinterpretAsFloats().fma(x1, highsB);
        }
        lowsA.add(highsA).intoArray(scratch, 0);
        lowsB.add(highsB).intoArray(scratch, F.length());
        out[outA] = Lanes.sum(scratch, 0, F.length());
        out[outB] = Lanes.sum(scratch, F.length(), F.length());
    }

    /**
     * The IQ4_NL kernel where blocks decode by table lookup (16 float lanes), else null: the other paths work out Q4_0's
     * linear levels in integers.
     */
    static MatrixKernel forIQ4_NL() {
        return LOOKUP ? IQ4_NL : null;
    }

    @Override
    int fusedMaxBatch() {
        return 4;
    }

    @Override
    void dotRows(MemorySegment w, long rowOffset, Activations x, int n, int b0, int count, float[] out, int outIndex, int outStride, float[] scratch) {
        if (!VECTORIZE || count == 1) {
            super.dotRows(w, rowOffset, x, n, b0, count, out, outIndex, outStride, scratch);
            return;
        }
        dot4(w, rowOffset, x.values, n, b0, count, out, outIndex, outStride, scratch, levels);
    }

    /** Two to four rows; rows past {@code count} repeat row b0: computed, not stored. */
    private static void dot4(MemorySegment w, long rowOffset, float[] x, int n, int b0, int count, float[] out, int outIndex, int outStride, float[] scratch, float[] table) {
        int blocks = n / 32;
        int lanes = F.length();
        int x0 = b0 * n, x1 = x0 + (count > 1 ? n : 0), x2 = x0 + (count > 2 ? 2 * n : 0), x3 = x0 + (count > 3 ? 3 * n : 0);
        FloatVector l0 = FloatVector.zero(F), l1 = l0, l2 = l0, l3 = l0, h0 = l0, h1 = l0, h2 = l0, h3 = l0;
        for (int b = 0; b < blocks; b++) {
            long o = rowOffset + b * (long) BLOCK_BYTES;
            // one of the two decodings (LOOKUP is a constant); with LOOKUP the j loop runs once
            FloatVector d = LOOKUP ? null : FloatVector.broadcast(F, Float.float16ToFloat(w.get(SHORT_LE, o)));
            IntVector levels = LOOKUP ? FloatVector.fromArray(F, table, 0).mul(Float.float16ToFloat(w.get(SHORT_LE, o))).reinterpretAsInts() : null;
            IntVector packed = LOOKUP ? (IntVector) ByteVector.fromMemorySegment(PACKED, w, o + 2, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0) : null;
            for (int j = 0; j < 16; j += lanes) {
                ByteVector p = LOOKUP ? null : ByteVector.fromMemorySegment(BYTES, w, o + 2 + j, ByteOrder.LITTLE_ENDIAN);
                FloatVector q = LOOKUP ? packed.selectFrom(levels).reinterpretAsFloats()
                        : ((FloatVector) p.and((byte) 0xf).sub((byte) 8).convertShape(VectorOperators.B2F, F, 0)).mul(d);
                int k = b * 32 + j;
                l0 = q.fma(FloatVector.fromArray(F, x, x0 + k), l0);
                l1 = q.fma(FloatVector.fromArray(F, x, x1 + k), l1);
                l2 = q.fma(FloatVector.fromArray(F, x, x2 + k), l2);
                l3 = q.fma(FloatVector.fromArray(F, x, x3 + k), l3);
                q = LOOKUP ? packed.lanewise(VectorOperators.LSHR, 4).selectFrom(levels).reinterpretAsFloats()
                        : ((FloatVector) p.lanewise(VectorOperators.LSHR, 4).sub((byte) 8).convertShape(VectorOperators.B2F, F, 0)).mul(d);
                k += 16;
                h0 = q.fma(FloatVector.fromArray(F, x, x0 + k), h0);
                h1 = q.fma(FloatVector.fromArray(F, x, x1 + k), h1);
                h2 = q.fma(FloatVector.fromArray(F, x, x2 + k), h2);
                h3 = q.fma(FloatVector.fromArray(F, x, x3 + k), h3);
            }
        }
        store4(out, b0, count, outIndex, outStride, scratch, l0.add(h0), l1.add(h1), l2.add(h2), l3.add(h3));
    }

    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        if (VECTORIZE) decodeVectors(w, rowOffset, dst, dstOff, n, levels);
        else decodeScalar(w, rowOffset, dst, dstOff, n);
    }

    /**
     * The vector decoding, a method of its own that takes and returns no vectors: {@link #decodeRow} is inlined into
     * the tile loop of whatever product calls it, and once that compilation passes C2's inlining node budget, a
     * vector operation it did not inline runs boxed (a Q4_0 + Q6_K process at batch 8 allocated 6 KiB per row in one
     * run out of three); a call to this method is the cheaper thing to be left out.
     */
    private static void decodeVectors(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n, float[] table) {
        int lanes = F.length();
        for (int b = 0; b < n / 32; b++) {
            long o = rowOffset + b * (long) BLOCK_BYTES;
            int to = dstOff + b * 32;
            if (LOOKUP) {
                IntVector levels = FloatVector.fromArray(F, table, 0).mul(Float.float16ToFloat(w.get(SHORT_LE, o))).reinterpretAsInts();
                IntVector packed = (IntVector) ByteVector.fromMemorySegment(PACKED, w, o + 2, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0);
                packed.selectFrom(levels).reinterpretAsFloats().intoArray(dst, to);
                packed.lanewise(VectorOperators.LSHR, 4).selectFrom(levels).reinterpretAsFloats().intoArray(dst, to + 16);
            } else {
                FloatVector d = FloatVector.broadcast(F, Float.float16ToFloat(w.get(SHORT_LE, o)));
                for (int j = 0; j < 16; j += lanes) {
                    ByteVector p = ByteVector.fromMemorySegment(BYTES, w, o + 2 + j, ByteOrder.LITTLE_ENDIAN);
                    ((FloatVector) p.and((byte) 0xf).sub((byte) 8).convertShape(VectorOperators.B2F, F, 0)).mul(d).intoArray(dst, to + j);
                    ((FloatVector) p.lanewise(VectorOperators.LSHR, 4).sub((byte) 8).convertShape(VectorOperators.B2F, F, 0)).mul(d).intoArray(dst, to + 16 + j);
                }
            }
        }
    }

    private static void decodeScalar(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        for (int b = 0; b < n / 32; b++) {
            long o = rowOffset + b * (long) BLOCK_BYTES;
            int to = dstOff + b * 32;
            float d = Float.float16ToFloat(w.get(SHORT_LE, o));
            for (int j = 0; j < 16; j++) {
                int v = w.get(ValueLayout.JAVA_BYTE, o + 2 + j);
                dst[to + j] = ((v & 0xf) - 8) * d;
                dst[to + j + 16] = (((v >> 4) & 0xf) - 8) * d;
            }
        }
    }
}
