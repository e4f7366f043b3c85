package dev.litebench.engine.gguf;

import java.lang.reflect.Array;

/**
 * A metadata array. {@code values} is a primitive array matching the element type (byte[] for UINT8/INT8/BOOL,
 * short[] for UINT16/INT16, int[] for UINT32/INT32, long[] for UINT64/INT64, float[], double[]), a String[],
 * or a GGUFArray[] for nested arrays.
 */
public record GGUFArray(GGUFValueType elementType, Object values) {

    public int length() {
        return Array.getLength(values);
    }

    @Override
    public String toString() {
        return "[" + elementType.name().toLowerCase() + " x " + length() + "]";
    }
}
