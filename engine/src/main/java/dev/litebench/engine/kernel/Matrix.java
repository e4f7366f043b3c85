package dev.litebench.engine.kernel;

import dev.litebench.engine.BadInputException;
import dev.litebench.engine.gguf.GGUFFile;
import dev.litebench.engine.gguf.TensorInfo;
import dev.litebench.engine.tensor.GGMLType;

import java.lang.foreign.MemorySegment;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A weight matrix of {@code rows} rows of {@code cols} elements, read in place from the model file's memory, or for
 * types with a faster layout of their own (Q4_0, Q4_K and Q6_K in a {@link GroupKernel}'s groups of rows) from a copy
 * rewritten into it at load.
 */
public final class Matrix {
    private final String name;
    private final int rows;
    private final int cols;
    private final MemorySegment data;
    private final MatrixKernel kernel;

    private Matrix(String name, int rows, int cols, MemorySegment data, MatrixKernel kernel) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.data = data;
        this.kernel = kernel;
    }

    /** Wraps a 2-D tensor of {@code file}, its rows rewritten once per file where a kernel has a layout of its own. */
    public static Matrix of(GGUFFile file, TensorInfo t) {
        return of(file.path().toString(), t, rewrite -> file.rewritten(t, rewrite));
    }

    /** Wraps a 2-D tensor in the file's own layout; fails with a message naming the tensor when its type or shape cannot be used. */
    public static Matrix of(String source, TensorInfo t) {
        return of(source, t, null);
    }

    /**
     * Wraps a 2-D tensor; where {@code rewritten} is not null and a kernel reads the type faster in a layout of its
     * own, it is handed the rewrite (from the file's bytes to that layout) and returns the memory that holds the result.
     */
    static Matrix of(String source, TensorInfo t, Function<BiConsumer<MemorySegment, MemorySegment>, MemorySegment> rewritten) {
        MatrixKernel kernel = MatrixKernel.forType(t.type());
        if (kernel == null) {
            throw new BadInputException(source + ": tensor '" + t.name() + "' has type " + t.type()
                    + ", which LiteBench cannot compute with (supported: " + GGMLType.supportedNames() + ")");
        }
        if (t.shape().length != 2 || t.cols() > Integer.MAX_VALUE || t.rows() > Integer.MAX_VALUE) {
            throw new BadInputException(source + ": tensor '" + t.name() + "' has shape " + t.shapeString() + ", expected a matrix");
        }
        int rows = (int) t.rows(), cols = (int) t.cols();
        GroupKernel grouped = GroupKernel.grouped(t.type());
        if (rewritten != null && grouped != null && grouped.fits(rows, cols)) {
            MemorySegment data = rewritten.apply((from, to) -> grouped.repack(from, to, rows, cols));
            return new Matrix(t.name(), rows, cols, data, grouped);
        }
        return new Matrix(t.name(), rows, cols, t.data(), kernel);
    }

    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Bytes of the weights. */
    public long bytes() {
        return (long) rows * kernel.type().bytesFor(cols);
    }

    public GGMLType type() {
        return kernel.type();
    }

    public ActivationRounding rounding() {
        return kernel.rounding();
    }

    /** Whether products with {@code batch} activation rows read the activations packed for panels. */
    boolean usesPanels(int batch) {
        return kernel.usesPanels(batch);
    }

    /** Decodes row {@code r} into {@code dst[dstOff..dstOff+cols)}. */
    public void row(int r, float[] dst, int dstOff) {
        kernel.decodeRow(data, r * kernel.type().bytesFor(cols), dst, dstOff, cols);
    }

    /** Rows [r0, r1) times the {@code batch} rounded activation rows in {@code x}; see {@link MatrixKernel#matmul}. */
    void matmul(int r0, int r1, Activations x, int batch, float[] out, float[] scratch, int streams) {
        kernel.matmul(data, cols, r0, r1, x, batch, out, rows, scratch, streams);
    }
}
