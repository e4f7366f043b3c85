package dev.litebench.engine.kernel;

import dev.litebench.engine.BadInputException;
import dev.litebench.engine.gguf.TensorInfo;
import dev.litebench.engine.tensor.GGMLType;

import java.lang.foreign.MemorySegment;

/** A weight matrix of {@code rows} rows of {@code cols} elements, read in place from the mapped model file. */
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

    /** Wraps a 2-D tensor; fails with a message naming the tensor when its type or shape cannot be used. */
    public static Matrix of(String source, TensorInfo t) {
        MatrixKernel kernel = MatrixKernel.forType(t.type());
        if (kernel == null) {
            throw new BadInputException(source + ": tensor '" + t.name() + "' has type " + t.type()
                    + ", which LiteBench cannot compute with (supported: " + GGMLType.supportedNames() + ")");
        }
        if (t.shape().length != 2 || t.cols() > Integer.MAX_VALUE || t.rows() > Integer.MAX_VALUE) {
            throw new BadInputException(source + ": tensor '" + t.name() + "' has shape " + t.shapeString() + ", expected a matrix");
        }
        return new Matrix(t.name(), (int) t.rows(), (int) t.cols(), t.data(), kernel);
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

    /** Decodes row {@code r} into {@code dst[dstOff..dstOff+cols)}. */
    public void row(int r, float[] dst, int dstOff) {
        kernel.decodeRow(data, r * kernel.type().bytesFor(cols), dst, dstOff, cols);
    }

    /** Rows [r0, r1) times the {@code batch} rounded activation rows in {@code x}; see {@link MatrixKernel#matmul}. */
    void matmul(int r0, int r1, Activations x, int batch, float[] out, float[] scratch, int streams) {
        kernel.matmul(data, cols, r0, r1, x, batch, out, rows, scratch, streams);
    }
}
