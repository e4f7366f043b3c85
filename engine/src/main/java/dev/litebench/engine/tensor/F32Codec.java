package dev.litebench.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** IEEE 754 single precision, little-endian. */
public final class F32Codec implements TypeCodec {
    public static final F32Codec INSTANCE = new F32Codec();
    static final ValueLayout.OfFloat LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private F32Codec() {}

    @Override
    public GGMLType type() {
        return GGMLType.F32;
    }

    @Override
    public void dequantize(MemorySegment src, long first, float[] dst, int dstOffset, int count) {
        MemorySegment.copy(src, LE, first * 4, dst, dstOffset, count);
    }

    @Override
    public void quantize(float[] src, int srcOffset, int count, MemorySegment dst, long first) {
        MemorySegment.copy(src, srcOffset, dst, LE, first * 4, count);
    }
}
