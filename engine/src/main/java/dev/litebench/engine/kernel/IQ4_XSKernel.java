package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.GGMLType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * IQ4_XS ({@link dev.litebench.engine.tensor.IQ4_XSCodec}): each super-block is 8 runs of 16 packed bytes laid out as IQ4_NL blocks, with a 6-bit
 * scale each instead of an fp16 one. With 16 float lanes a run decodes by {@link Q4_0Kernel}'s table lookup: its 16
 * levels {@code d * (scale - 32) * LEVELS[i]} ({@link Q4_0Kernel#IQ4_NL_LEVELS}) fill one vector (exact in float, as the reference decoder's products
 * are) and two permutes by the packed bytes give its 32 weights. There is no kernel for 8 lanes, where the table does
 * not fit one vector: {@link #forLookup} is null and the type runs through the reference codec.
 */
final class IQ4_XSKernel extends MatrixKernel {
    private static final int BLOCK_BYTES = 136;
    private static final int QS = 8;
    private static final boolean LOOKUP = VECTORIZE && F.length() == 16;
    private static final IQ4_XSKernel INSTANCE = new IQ4_XSKernel();

    private IQ4_XSKernel() {
        super(GGMLType.IQ4_XS, ActivationRounding.Q8_K);
    }

    /** The kernel where runs decode by table lookup (16 float lanes), else null. */
    static MatrixKernel forLookup() {
        return LOOKUP ? INSTANCE : null;
    }

    /**
     * Writes the super-block at {@code o}'s 8 run scales, {@code d * (scale - 32)}, to {@code dst[at, at + 8)}, run s
     * at {@code at + 4 * (s % 2) + s / 2}: the low 4 bits of even runs are the low nibbles of 4 bytes and their high 2
     * bits every other pair of a 16-bit word, so even and odd runs each fill one 32-bit word with a few bit operations
     * ({@link Integer#compress} and {@link Integer#expand} gather the 2-bit pairs). Takes and returns no vectors, as
     * {@link KScales#prepare}.
     */
    static void scales(MemorySegment w, long o, float[] dst, int at) {
        int low = w.get(INT_LE, o + 4), high = w.get(SHORT_LE, o + 2) & 0xffff;
        int even = low & 0x0f0f0f0f | Integer.expand(Integer.compress(high, 0x3333), 0x03030303) << 4;
        int odd = low >>> 4 & 0x0f0f0f0f | Integer.expand(Integer.compress(high, 0xcccc), 0x03030303) << 4;
        ((FloatVector) IntVector.zero(KScales.PAIR).withLane(0, even).withLane(1, odd).reinterpretAsBytes().convertShape(VectorOperators.B2F, KScales.EIGHT_FLOATS, 0))
                .sub(32).mul(Float.float16ToFloat(w.get(SHORT_LE, o))).intoArray(dst, at);
    }

    /** Where {@link #scales} put run {@code s}'s scale, from {@code at}. */
    private static int scaleIndex(int s) {
        return 4 * (s & 1) + (s >> 1);
    }

    @Override
    float dot(MemorySegment w, long rowOffset, Activations a, int row, int n, float[] scratch) {
        float[] x = a.values;
        int at = F.length(); // after the lane sums
        FloatVector lows = FloatVector.zero(F), highs = lows;
        for (int b = 0; b < n / 256; b++) {
            long o = rowOffset + (long) b * BLOCK_BYTES;
            scales(w, o, scratch, at);
            for (int s = 0; s < 8; s++) {
                IntVector levels = FloatVector.fromArray(F, Q4_0Kernel.IQ4_NL_LEVELS, 0).mul(scratch[at + scaleIndex(s)]).reinterpretAsInts();
                IntVector p = (IntVector) ByteVector.fromMemorySegment(BYTES, w, o + QS + 16L * s, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0);
                int k = row * n + 256 * b + 32 * s;
                lows = p.selectFrom(levels).reinterpretAsFloats().fma(FloatVector.fromArray(F, x, k), lows);
                highs = p.lanewise(VectorOperators.LSHR, 4).selectFrom(levels).reinterpretAsFloats().fma(FloatVector.fromArray(F, x, k + 16), highs);
            }
        }
        lows.add(highs).intoArray(scratch, 0);
        return Lanes.sum(scratch, 0, F.length());
    }

    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        float[] scales = DECODE_SCALES.get();
        for (int b = 0; b < n / 256; b++) {
            long o = rowOffset + (long) b * BLOCK_BYTES;
            scales(w, o, scales, 0);
            for (int s = 0; s < 8; s++) {
                IntVector levels = FloatVector.fromArray(F, Q4_0Kernel.IQ4_NL_LEVELS, 0).mul(scales[scaleIndex(s)]).reinterpretAsInts();
                IntVector p = (IntVector) ByteVector.fromMemorySegment(BYTES, w, o + QS + 16L * s, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0);
                int to = dstOff + 256 * b + 32 * s;
                p.selectFrom(levels).reinterpretAsFloats().intoArray(dst, to);
                p.lanewise(VectorOperators.LSHR, 4).selectFrom(levels).reinterpretAsFloats().intoArray(dst, to + 16);
            }
        }
    }
}
