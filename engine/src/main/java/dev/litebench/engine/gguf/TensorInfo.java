package dev.litebench.engine.gguf;

import dev.litebench.engine.tensor.GGMLType;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One tensor of a GGUF file. {@code shape} is GGUF's {@code ne}: shape[0] is the row length (the contiguous
 * dimension), so a matrix with shape {cols, rows} is {@code rows} rows of {@code cols} elements. {@code data} is a
 * slice of the memory-mapped file; nothing is copied.
 */
public record TensorInfo(String name, GGMLType type, long[] shape, long fileOffset, long byteSize, MemorySegment data) {

    public long elementCount() {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }

    /** Row length: shape[0]. */
    public long cols() {
        return shape[0];
    }

    /** Number of rows: the product of all dimensions but the first. */
    public long rows() {
        return elementCount() / shape[0];
    }

    public String shapeString() {
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(" x ", "[", "]"));
    }
}
