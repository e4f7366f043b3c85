package dev.litebench.engine.tensor;

import java.lang.foreign.MemorySegment;

/** A type LiteBench reads from downloaded files but never writes (its ggml encoders search and weigh; none is needed). */
interface DecodeOnlyCodec extends TypeCodec {
    @Override
    default boolean canQuantize() {
        return false;
    }

    @Override
    default void quantize(float[] src, int srcOffset, int count, MemorySegment dst, long first) {
        throw new UnsupportedOperationException("LiteBench does not write " + type());
    }
}
