package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.GGMLType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Products of one weight type's rows with activation rows. Subclasses provide a fused row dot product reading
 * the weights straight from the mapped file, and a row decoder used to share one decoded row between many
 * activation rows when a batch is large enough for that to pay.
 */
public abstract class MatrixKernel {
    /** 512-bit vectors where the CPU has them (AVX-512), else 256-bit; -Dlitebench.vectorBits=256 forces 256. */
    static final VectorSpecies<Float> F = Integer.getInteger("litebench.vectorBits", FloatVector.SPECIES_PREFERRED.vectorBitSize()) >= 512
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
    /** As many bytes as F has float lanes, so that one byte load widens into one float vector. */
    static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(F.length() * 8));
    /** 16-bit lanes in vectors of F's size: one block of 32 int8 products with 512-bit vectors, half of one with 256. */
    static final VectorSpecies<Short> SHORTS = VectorSpecies.of(short.class, F.vectorShape());
    /** As many bytes as SHORTS has lanes, so that one byte load widens into one vector of shorts. */
    static final VectorSpecies<Byte> HALF_BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(F.vectorBitSize() / 2));
    /** As many 16-bit lanes as F has floats: a load of halves (F16, BF16) that widens into one float vector. */
    static final VectorSpecies<Short> HALF_SHORTS = VectorSpecies.of(short.class, VectorShape.forBitSize(F.vectorBitSize() / 2));
    /** 32-bit lanes in vectors of F's size. */
    static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, F.vectorShape());
    /** Doubles in half the width of {@link #F}: one float vector widens into two of these. */
    static final VectorSpecies<Double> DOUBLES = VectorSpecies.of(double.class, VectorShape.forBitSize(F.vectorBitSize()));
    /** Little-endian 16-bit values (fp16 scales and weights) at any byte offset. */
    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Little-endian 32-bit words (packed scales and fifth bits) at any byte offset. */
    static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /**
     * Per-thread room for the few floats of a block's unpacked scales in {@link #decodeRow}, which gets no scratch
     * (a new array per row would be garbage in the tile loop).
     */
    static final ThreadLocal<float[]> DECODE_SCALES = ThreadLocal.withInitial(() -> new float[32]);
    /** The Vector API pays off only where 256-bit vectors are native; elsewhere kernels use scalar code. */
    public static final boolean VECTORIZE = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256
            && !Boolean.getBoolean("litebench.scalar");
    /** Weight rows decoded per tile: 16 rows of up to 8192 floats stay in L2 while the activations stream past. */
    public static final int TILE_ROWS = 16;
    /**
     * Floats between rows decoded for packing: packing reads them a column at a time, and rows 4 KiB apart (n = 1024)
     * all fall in one L1 set, which cannot hold 16 of them.
     */
    private static final int PACK_PAD = 16;

    /** Floats of scratch {@link #matmul} needs for rows of {@code n}: a packed panel and a tile decoded into it half at a time. */
    public static int scratchFloats(int n) {
        return Gemm.PANEL_ROWS * n + TILE_ROWS * (n + PACK_PAD);
    }
    /** Rows decoded from one stream before moving to the next, in products decoded into float tiles. */
    private static final int GROUP_ROWS = 4;

    final GGMLType type;
    final ActivationRounding rounding;

    MatrixKernel(GGMLType type, ActivationRounding rounding) {
        this.type = type;
        this.rounding = rounding;
    }

    public GGMLType type() {
        return type;
    }

    public ActivationRounding rounding() {
        return rounding;
    }

    /** Whether products run on Vector API code here; false where they go through the scalar reference decoder. */
    public boolean vectorized() {
        return VECTORIZE;
    }

    /**
     * The weight types among {@code types} whose products run through the scalar reference decoder on this machine
     * (several times slower): none where every type has a vector kernel, all of them without 256-bit vectors.
     */
    public static SortedSet<GGMLType> scalarTypes(Collection<GGMLType> types) {
        SortedSet<GGMLType> slow = new TreeSet<>();
        for (GGMLType t : types) {
            MatrixKernel k = forType(t);
            if (k != null && !k.vectorized()) slow.add(t);
        }
        return slow;
    }

    /**
     * Batches larger than this decode weight rows into floats once (a tile at a time) and multiply them in
     * register-blocked float tiles; smaller ones go through {@link #dotRows}. Kernels with fused multi-row products
     * raise it where that measured faster: multiply-adding straight from quantized rows overlaps the arithmetic with
     * the weight stream, the tiles use fewer instructions per product once the batch is large.
     */
    int fusedMaxBatch() {
        return 1;
    }

    /**
     * Dot product of the row starting at byte {@code rowOffset} of {@code w} with activation row {@code row} of
     * {@code x} ({@code n} elements); {@code scratch} (at least n floats) is free for the kernel's use.
     */
    abstract float dot(MemorySegment w, long rowOffset, Activations x, int row, int n, float[] scratch);

    /**
     * Dot products of one row with {@code count} (1 to {@link #fusedMaxBatch()}) consecutive activation rows starting at row {@code b0},
     * written to {@code out[(b0 + j) * outStride + outIndex]}: by default the row is decoded once and multiplied in
     * float. Kernels that can reuse a decoded block in registers for several activation rows override this.
     */
    void dotRows(MemorySegment w, long rowOffset, Activations x, int n, int b0, int count, float[] out, int outIndex, int outStride, float[] scratch) {
        if (count == 1) {
            out[b0 * outStride + outIndex] = dot(w, rowOffset, x, b0, n, scratch);
            return;
        }
        decodeRow(w, rowOffset, scratch, 0, n);
        for (int j = 0; j < count; j++) out[(b0 + j) * outStride + outIndex] = dotF32(scratch, 0, x.values, (b0 + j) * n, n);
    }

    /**
     * Whether single-row products go two weight rows at a time through {@link #dot2}: for a kernel bound by
     * instructions per block, two rows in one loop share its activation loads and overhead.
     */
    boolean pairsRows() {
        return false;
    }

    /**
     * {@code out[outA]} and {@code out[outB]}: the products of the rows at {@code rowA} and {@code rowB} with activation
     * row 0. Only called where {@link #pairsRows()}.
     */
    void dot2(MemorySegment w, long rowA, long rowB, Activations x, int n, float[] out, int outA, int outB, float[] scratch) {
        out[outA] = dot(w, rowA, x, 0, n, scratch);
        out[outB] = dot(w, rowB, x, 0, n, scratch);
    }

    /**
     * Whether products with {@code batch} activation rows go through packed float panels ({@link Gemm#panel}), so
     * that the activations must be packed for them.
     */
    boolean usesPanels(int batch) {
        return Gemm.usesPanels(batch);
    }

    /** Decodes the row starting at byte {@code rowOffset} into {@code dst[dstOff..dstOff+n)}. */
    abstract void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n);

    /**
     * For rows [r0, r1) of {@code w} (each {@code n} elements) and activation rows b in [0, batch) of {@code x}
     * (stride {@code n}, prepared with this kernel's rounding): {@code out[b * outStride + r] = row(r) . x(b)}.
     * {@code scratch} holds at least {@link #scratchFloats} floats. Row-at-a-time products (batches too small for
     * panels) walk the rows as {@code streams} interleaved sequential streams, row i of each part in turn: how many
     * the CPU's prefetchers follow best is measured by {@link RowStreamTuner}.
     */
    void matmul(MemorySegment w, int n, int r0, int r1, Activations x, int batch, float[] out, int outStride, float[] scratch, int streams) {
        long rowBytes = type.bytesFor(n);
        if (batch == 1 && pairsRows()) {
            // the two rows of a pair come from two of the streams (at least two): adjacent rows in one loop read
            // 30% slower than one at a time from memory (harness), rows a stream apart 30% faster
            int pairedStreams = Math.max(2, streams & ~1);
            int perStream = (r1 - r0) / pairedStreams;
            for (int i = 0; i < perStream; i++) {
                for (int s = 0; s < pairedStreams; s += 2) {
                    int a = r0 + s * perStream + i, b = a + perStream;
                    dot2(w, a * rowBytes, b * rowBytes, x, n, out, a, b, scratch);
                }
            }
            for (int r = r0 + pairedStreams * perStream; r < r1; r++) out[r] = dot(w, r * rowBytes, x, 0, n, scratch);
            return;
        }
        if (batch <= fusedMaxBatch()) {
            int perStream = (r1 - r0) / streams;
            for (int i = 0; i < perStream; i++) {
                for (int s = 0; s < streams; s++) dotRows(w, x, n, rowBytes, r0 + s * perStream + i, batch, out, outStride, scratch);
            }
            for (int r = r0 + streams * perStream; r < r1; r++) dotRows(w, x, n, rowBytes, r, batch, out, outStride, scratch);
            return;
        }
        if (usesPanels(batch)) {
            int decoded = Gemm.PANEL_ROWS * n;
            int stride = n + PACK_PAD;
            for (int t = r0; t < r1; t += Gemm.PANEL_ROWS) {
                int rows = Math.min(Gemm.PANEL_ROWS, r1 - t);
                for (int h = 0; h < rows; h += TILE_ROWS) {
                    int count = Math.min(TILE_ROWS, rows - h);
                    for (int i = 0; i < count; i++) decodeRow(w, (t + h + i) * rowBytes, scratch, decoded + i * stride, n);
                    Gemm.pack(scratch, decoded, count, n, scratch, h, stride);
                }
                Gemm.panel(scratch, rows, n, x.packed, batch, out, outStride, t);
            }
            return;
        }
        // groups of rows as tall as the tile's register block, taken from the interleaved streams in turn
        int perStream = (r1 - r0) / (streams * GROUP_ROWS) * GROUP_ROWS;
        for (int i = 0; i < perStream; i += GROUP_ROWS) {
            for (int s = 0; s < streams; s++) tile(w, n, rowBytes, r0 + s * perStream + i, GROUP_ROWS, x, batch, out, outStride, scratch);
        }
        for (int t = r0 + streams * perStream; t < r1; t += TILE_ROWS) tile(w, n, rowBytes, t, Math.min(TILE_ROWS, r1 - t), x, batch, out, outStride, scratch);
    }

    /** Rows {@code [t, t + rows)} decoded into {@code scratch} and multiplied by {@link Gemm#tile}. */
    private void tile(MemorySegment w, int n, long rowBytes, int t, int rows, Activations x, int batch, float[] out, int outStride, float[] scratch) {
        for (int i = 0; i < rows; i++) decodeRow(w, (t + i) * rowBytes, scratch, i * n, n);
        Gemm.tile(scratch, rows, n, x.values, batch, out, outStride, t);
    }

    private void dotRows(MemorySegment w, Activations x, int n, long rowBytes, int r, int batch, float[] out, int outStride, float[] scratch) {
        if (batch == 1) {
            out[r] = dot(w, r * rowBytes, x, 0, n, scratch);
        } else {
            dotRows(w, r * rowBytes, x, n, 0, batch, out, r, outStride, scratch);
        }
    }

    /**
     * Stores the lane sums of the first {@code count} (at most 4) vectors as {@code out[(b0 + j) * outStride +
     * outIndex]}, through {@code scratch}: the vectors go to memory and are summed there, which keeps multi-row
     * kernels small enough for the JIT to inline every vector operation.
     */
    static void store4(float[] out, int b0, int count, int outIndex, int outStride, float[] scratch,
                       FloatVector s0, FloatVector s1, FloatVector s2, FloatVector s3) {
        int lanes = F.length();
        s0.intoArray(scratch, 0);
        s1.intoArray(scratch, lanes);
        s2.intoArray(scratch, 2 * lanes);
        s3.intoArray(scratch, 3 * lanes);
        for (int j = 0; j < count; j++) out[(b0 + j) * outStride + outIndex] = Lanes.sum(scratch, j * lanes, lanes);
    }

    /**
     * The sums of adjacent pairs of 16-bit products, as floats: lane i is p[2i] + p[2i + 1]. Each pair's sum must fit
     * in 16 bits (true of int8 x int8 products, which ggml's quantizers keep within [-127, 127]): shifting a lane's
     * low product into its high half adds the two there without a carry from below, and an arithmetic shift brings
     * the sum down with its sign.
     */
    static FloatVector sumPairs(ShortVector products) {
        return (FloatVector) pairSums(products).convert(VectorOperators.I2F, 0);
    }

    /**
     * Bytes {@code [o, o + SHORTS.length())} of {@code w} zero-extended to shorts. For methods too large for C2 to
     * inline anywhere (over 325 bytes of bytecode); small kernel methods write the load out (see {@link Q4_0Kernel}).
     */
    static ShortVector widen(MemorySegment w, long o) {
        return (ShortVector) ByteVector.fromMemorySegment(HALF_BYTES, w, o, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.ZERO_EXTEND_B2S, SHORTS, 0);
    }

    /** Bytes {@code [o, o + F.length())} of {@code w} zero-extended to ints. As {@link #widen}, for large methods. */
    static IntVector widenInts(MemorySegment w, long o) {
        return (IntVector) ByteVector.fromMemorySegment(BYTES, w, o, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0);
    }

    /** {@link #sumPairs} as ints. */
    static IntVector pairSums(ShortVector products) {
        IntVector p = products.reinterpretAsInts();
        return p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
    }

    /**
     * Dot product of a row decoded a piece at a time, each piece multiplied while it is still in L1: from memory
     * this measured 1.5 to 1.7 times faster than decoding the whole row first (the weight stream and the
     * arithmetic overlap). {@code piece} is a multiple of the type's block size.
     */
    float dotByPieces(MemorySegment w, long rowOffset, float[] x, int xOff, int n, float[] scratch, int piece) {
        FloatVector acc0 = FloatVector.zero(F), acc1 = acc0;
        float tail = 0;
        int step = 2 * F.length();
        for (int c = 0; c < n; c += piece) {
            int len = Math.min(piece, n - c);
            decodeRow(w, rowOffset + type.bytesFor(c), scratch, 0, len);
            int i = 0;
            if (VECTORIZE) {
                for (; i + step <= len; i += step) {
                    acc0 = FloatVector.fromArray(F, scratch, i).fma(FloatVector.fromArray(F, x, xOff + c + i), acc0);
                    acc1 = FloatVector.fromArray(F, scratch, i + F.length()).fma(FloatVector.fromArray(F, x, xOff + c + i + F.length()), acc1);
                }
            }
            for (; i < len; i++) tail += scratch[i] * x[xOff + c + i];
        }
        acc0.add(acc1).intoArray(scratch, 0); // the pieces are used up; no vector crosses a call (Q4_0Kernel's class comment)
        return Lanes.sum(scratch, 0, F.length()) + tail;
    }

    /**
     * The sum of the squares of {@code a[off .. off + n)}, each square formed in float and summed in double as ggml's
     * RMS norm does, but in double lanes (a scalar double sum is a chain of dependent adds: 2-3% of a 512-token
     * prefill went to the norms).
     */
    public static double sumOfSquares(float[] a, int off, int n) {
        int i = 0;
        double sum = 0;
        if (VECTORIZE) {
            DoubleVector acc0 = DoubleVector.zero(DOUBLES), acc1 = acc0;
            for (int step = F.length(); i + step <= n; i += step) {
                FloatVector v = FloatVector.fromArray(F, a, off + i);
                FloatVector sq = v.mul(v);
                acc0 = acc0.add(sq.convertShape(VectorOperators.F2D, DOUBLES, 0));
                acc1 = acc1.add(sq.convertShape(VectorOperators.F2D, DOUBLES, 1));
            }
            sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) sum += (double) (a[off + i] * a[off + i]);
        return sum;
    }

    /** Float dot product. */
    public static float dotF32(float[] a, int aOff, float[] b, int bOff, int n) {
        int i = 0;
        float sum = 0;
        if (VECTORIZE) {
            // four accumulators hide the multiply-add latency
            FloatVector acc0 = FloatVector.zero(F), acc1 = acc0, acc2 = acc0, acc3 = acc0;
            int step = F.length();
            for (; i + 4 * step <= n; i += 4 * step) {
                acc0 = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc0);
                acc1 = FloatVector.fromArray(F, a, aOff + i + step).fma(FloatVector.fromArray(F, b, bOff + i + step), acc1);
                acc2 = FloatVector.fromArray(F, a, aOff + i + 2 * step).fma(FloatVector.fromArray(F, b, bOff + i + 2 * step), acc2);
                acc3 = FloatVector.fromArray(F, a, aOff + i + 3 * step).fma(FloatVector.fromArray(F, b, bOff + i + 3 * step), acc3);
            }
            for (; i + step <= n; i += step) acc0 = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc0);
            sum = Lanes.sum(acc0.add(acc1).add(acc2.add(acc3)));
        }
        for (; i < n; i++) sum += a[aOff + i] * b[bOff + i];
        return sum;
    }

    /**
     * {@code out[outOff + j] = sum over i < rows of x[xOff + i] * m[mOff + i * cols + j]} for {@code j < cols}: a
     * vector times a row-major matrix, one vector of columns per multiply-add (no horizontal sums).
     */
    public static void dotColumns(float[] x, int xOff, float[] m, int mOff, int rows, int cols, float[] out, int outOff) {
        int j = 0;
        if (VECTORIZE) {
            for (; j + F.length() <= cols; j += F.length()) {
                FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
                int i = 0;
                for (; i + 4 <= rows; i += 4) {
                    int mo = mOff + i * cols + j;
                    a0 = FloatVector.fromArray(F, m, mo).fma(FloatVector.broadcast(F, x[xOff + i]), a0);
                    a1 = FloatVector.fromArray(F, m, mo + cols).fma(FloatVector.broadcast(F, x[xOff + i + 1]), a1);
                    a2 = FloatVector.fromArray(F, m, mo + 2 * cols).fma(FloatVector.broadcast(F, x[xOff + i + 2]), a2);
                    a3 = FloatVector.fromArray(F, m, mo + 3 * cols).fma(FloatVector.broadcast(F, x[xOff + i + 3]), a3);
                }
                for (; i < rows; i++) a0 = FloatVector.fromArray(F, m, mOff + i * cols + j).fma(FloatVector.broadcast(F, x[xOff + i]), a0);
                a0.add(a1).add(a2.add(a3)).intoArray(out, outOff + j);
            }
        }
        for (; j < cols; j++) {
            float sum = 0;
            for (int i = 0; i < rows; i++) sum += x[xOff + i] * m[mOff + i * cols + j];
            out[outOff + j] = sum;
        }
    }

    /**
     * {@code y[yOff .. yOff + n) += sum over j < rows of a[aOff + j] * x[xOff + j * n ..]}: a weighted sum of
     * consecutive rows. Four vectors of y stay in registers across all rows, so the multiply-adds of a row do not
     * wait for the previous row's stores.
     */
    public static void addWeightedRows(float[] a, int aOff, float[] x, int xOff, int rows, float[] y, int yOff, int n) {
        int i = 0;
        if (VECTORIZE) {
            int step = F.length();
            for (; i + 4 * step <= n; i += 4 * step) {
                FloatVector y0 = FloatVector.fromArray(F, y, yOff + i), y1 = FloatVector.fromArray(F, y, yOff + i + step);
                FloatVector y2 = FloatVector.fromArray(F, y, yOff + i + 2 * step), y3 = FloatVector.fromArray(F, y, yOff + i + 3 * step);
                for (int j = 0; j < rows; j++) {
                    FloatVector w = FloatVector.broadcast(F, a[aOff + j]);
                    int xo = xOff + j * n + i;
                    y0 = FloatVector.fromArray(F, x, xo).fma(w, y0);
                    y1 = FloatVector.fromArray(F, x, xo + step).fma(w, y1);
                    y2 = FloatVector.fromArray(F, x, xo + 2 * step).fma(w, y2);
                    y3 = FloatVector.fromArray(F, x, xo + 3 * step).fma(w, y3);
                }
                y0.intoArray(y, yOff + i);
                y1.intoArray(y, yOff + i + step);
                y2.intoArray(y, yOff + i + 2 * step);
                y3.intoArray(y, yOff + i + 3 * step);
            }
        }
        for (; i < n; i++) {
            float sum = y[yOff + i];
            for (int j = 0; j < rows; j++) sum += a[aOff + j] * x[xOff + j * n + i];
            y[yOff + i] = sum;
        }
    }

    /** The kernel for weights of {@code type}, or null when the type cannot be used as a weight. */
    public static MatrixKernel forType(GGMLType type) {
        return switch (type) {
            case F32 -> F32Kernel.INSTANCE;
            case F16 -> F16Kernel.INSTANCE;
            case Q8_0 -> Q8_0Kernel.INSTANCE;
            case Q4_0 -> Q4_0Kernel.INSTANCE;
            case BF16 -> BF16Kernel.INSTANCE;
            case Q4_1 -> Block32Kernel.Q4_1;
            case Q5_0 -> Block32Kernel.Q5_0;
            case Q5_1 -> Block32Kernel.Q5_1;
            case IQ4_NL -> Objects.requireNonNullElseGet(Q4_0Kernel.forIQ4_NL(), () -> CodecKernel.of(type, ActivationRounding.Q8_0));
            case IQ4_XS -> Objects.requireNonNullElseGet(IQ4_XSKernel.forLookup(), () -> CodecKernel.of(type, ActivationRounding.Q8_K));
            case Q6_K -> Q6_KKernel.INSTANCE;
            case Q4_K -> Q4_KKernel.INSTANCE;
            case Q5_K -> Q5_KKernel.INSTANCE;
            case Q3_K -> LowBitKKernel.Q3_K;
            case Q2_K -> LowBitKKernel.Q2_K;
            default -> null;
        };
    }
}
