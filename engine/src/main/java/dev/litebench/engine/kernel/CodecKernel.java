package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.Codecs;
import dev.litebench.engine.tensor.GGMLType;
import dev.litebench.engine.tensor.TypeCodec;

import java.lang.foreign.MemorySegment;

/**
 * Any type with a reference codec: rows are decoded with the scalar codec, then multiplied in float. Correct for
 * every supported type; the types that matter for speed have their own kernels.
 */
final class CodecKernel extends MatrixKernel {
    private final TypeCodec codec;

    private CodecKernel(GGMLType type, ActivationRounding rounding, TypeCodec codec) {
        super(type, rounding);
        this.codec = codec;
    }

    static MatrixKernel of(GGMLType type, ActivationRounding rounding) {
        TypeCodec codec = Codecs.forType(type);
        return codec == null ? null : new CodecKernel(type, rounding, codec);
    }

    @Override
    public boolean vectorized() {
        return false;
    }

    @Override
    float dot(MemorySegment w, long rowOffset, Activations a, int row, int n, float[] scratch) {
        decodeRow(w, rowOffset, scratch, 0, n);
        return dotF32(scratch, 0, a.values, row * n, n);
    }

    @Override
    void decodeRow(MemorySegment w, long rowOffset, float[] dst, int dstOff, int n) {
        codec.dequantize(w, rowOffset / type.blockBytes * type.blockSize, dst, dstOff, n);
    }
}
