package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.GGMLType;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.stream.IntStream;

/**
 * Kernels of weights rewritten at load into groups of {@link #ROWS} rows whose values sit side by side in vector
 * lanes ({@link Q4_0GroupKernel}, {@link Q4_KGroupKernel}, {@link Q6_KGroupKernel}), as llama.cpp's CPU repacking
 * interleaves rows. A group occupies the bytes its rows did in file order, so row r's group starts where row
 * {@code r - r % ROWS} did.
 */
abstract sealed class GroupKernel extends MatrixKernel permits Q4_0GroupKernel, Q4_KGroupKernel, Q6_KGroupKernel {
    /** Rows per group: one vector of shorts (32 with 512-bit vectors, 16 with 256). */
    static final int ROWS = SHORTS.length();
    /** Groups repacked per task of {@link #repack}. */
    private static final int REPACK_GROUPS = 64;

    GroupKernel(GGMLType type, ActivationRounding rounding) {
        super(type, rounding);
    }

    /** The kernel of weights of {@code type} rewritten into groups, or null where the type keeps the file's layout. */
    static GroupKernel grouped(GGMLType type) {
        return switch (type) {
            case Q4_0 -> Q4_0GroupKernel.INSTANCE;
            case Q4_K -> Q4_KGroupKernel.INSTANCE;
            case Q6_K -> Q6_KGroupKernel.INSTANCE;
            default -> null;
        };
    }

    /** Whether a matrix of this shape is rewritten: vector code here, whole groups of rows, whole blocks of columns. */
    boolean fits(int rows, int cols) {
        return VECTORIZE && rows % ROWS == 0 && cols % type.blockSize == 0;
    }

    /**
     * Writes {@code rows} rows of {@code cols} from {@code from} in file order into {@code to} in groups; {@code to}
     * may be {@code from}: each group's rows are read before it is written. Runs on every core (the common pool): on
     * one core, the 0.6B Q4_0 file's repack took about 0.3 s of its 3.5 s load.
     */
    final void repack(MemorySegment from, MemorySegment to, int rows, int cols) {
        int blocks = cols / type.blockSize;
        int groupBytes = type.blockBytes * ROWS * blocks;
        int groups = rows / ROWS;
        IntStream.range(0, (groups + REPACK_GROUPS - 1) / REPACK_GROUPS).parallel().forEach(chunk -> {
            byte[] fileOrder = new byte[groupBytes], grouped = new byte[groupBytes];
            for (int g = chunk * REPACK_GROUPS; g < Math.min(groups, (chunk + 1) * REPACK_GROUPS); g++) {
                long at = (long) g * groupBytes;
                MemorySegment.copy(from, ValueLayout.JAVA_BYTE, at, fileOrder, 0, groupBytes);
                writeGroup(fileOrder, blocks, grouped);
                MemorySegment.copy(grouped, 0, to, ValueLayout.JAVA_BYTE, at, groupBytes);
            }
        });
    }

    /** One group's rows of {@code blocks} blocks, in file order in {@code group}, written into {@code to} in their layout. */
    abstract void writeGroup(byte[] group, int blocks, byte[] to);

    /** Where block {@code b} of row {@code i} starts in a group's bytes in file order, rows of {@code blocks} blocks. */
    final int fileBlock(int i, int blocks, int b) {
        return (i * blocks + b) * type.blockBytes;
    }

    /** Adjacent groups that one pass of {@link #products} takes for a batch of {@code batch} activation rows. */
    int groupsPerPass(int batch) {
        return 1;
    }

    /**
     * The {@code groups} adjacent groups from {@code at} ({@link #groupsPerPass} of them, or fewer at the end of a
     * piece) times activation rows {@code [0, batch)}: {@code out[b * outStride + t + i]} for their rows i.
     */
    abstract void products(MemorySegment w, long at, int groups, Activations x, int batch, int n, float[] out, int outStride, int t, float[] scratch);

    /**
     * The group at {@code at} decoded into a packed panel ({@code panel[k * ROWS + i]}, {@link Gemm#pack}'s form), which
     * the grouped layout already is; the panel's scratch beyond {@code ROWS * n} is free for the kernel's scales. Only
     * with {@link Gemm#PANELS}, where ROWS is {@link Gemm#PANEL_ROWS}, and for kernels that {@link #usesPanels}.
     */
    void decodePanel(MemorySegment w, long at, int n, float[] panel) {
        throw new IllegalStateException(type + " groups do not use panels");
    }

    @Override
    final void matmul(MemorySegment w, int n, int r0, int r1, Activations x, int batch, float[] out, int outStride, float[] scratch, int streams) {
        long rowBytes = type.bytesFor(n);
        if (r0 % ROWS != 0 || r1 % ROWS != 0) {
            // a piece split inside a group (only where a matrix of whole groups follows one that is not)
            for (int r = r0; r < r1; r++) {
                decodeRow(w, r * rowBytes, scratch, 0, n);
                for (int b = 0; b < batch; b++) out[b * outStride + r] = dotF32(scratch, 0, x.values, b * n, n);
            }
            return;
        }
        if (usesPanels(batch)) {
            for (int t = r0; t < r1; t += ROWS) {
                decodePanel(w, t * rowBytes, n, scratch);
                Gemm.panel(scratch, ROWS, n, x.packed, batch, out, outStride, t);
            }
            return;
        }
        int span = groupsPerPass(batch);
        int passes = (r1 - r0) / (span * ROWS);
        for (int i = 0; i < passes; i++) {
            int t = r0 + twoStreams(i, passes) * span * ROWS;
            products(w, t * rowBytes, span, x, batch, n, out, outStride, t, scratch);
        }
        for (int t = r0 + passes * span * ROWS; t < r1; t += ROWS) products(w, t * rowBytes, 1, x, batch, n, out, outStride, t, scratch);
    }

    /**
     * The group to take {@code i}-th of {@code groups}: alternately from the first and the second half of them, so that
     * the CPU's prefetchers follow two streams. Q6_K groups read from memory on two threads at 20-24 GB/s in order and
     * at 40 GB/s this way (a harness over 65,536 rows).
     */
    static int twoStreams(int i, int groups) {
        return i % 2 == 0 ? i / 2 : (groups + 1) / 2 + i / 2;
    }

    /** Where the group of the row at {@code rowOffset} starts. */
    static long groupStart(long rowOffset, long rowBytes) {
        long row = rowOffset / rowBytes;
        return (row - row % ROWS) * rowBytes;
    }

    /** The lane of the row at {@code rowOffset} in its group. */
    static int lane(long rowOffset, long rowBytes) {
        return (int) (rowOffset / rowBytes % ROWS);
    }

    /** Not reached from {@link #matmul}, which takes whole groups; one row decoded and multiplied in float. */
    @Override
    final float dot(MemorySegment w, long rowOffset, Activations x, int row, int n, float[] scratch) {
        decodeRow(w, rowOffset, scratch, 0, n);
        return dotF32(scratch, 0, x.values, row * n, n);
    }
}
