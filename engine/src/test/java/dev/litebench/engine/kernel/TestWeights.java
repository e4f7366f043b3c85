package dev.litebench.engine.kernel;

import dev.litebench.engine.gguf.TensorInfo;
import dev.litebench.engine.tensor.Codecs;
import dev.litebench.engine.tensor.GGMLType;
import dev.litebench.engine.tensor.RandomBlocks;
import dev.litebench.engine.tensor.TypeCodec;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;

/** Weight matrices for kernel tests and benchmarks. */
final class TestWeights {
    private TestWeights() {}

    /**
     * A matrix over {@code info}'s data as the engine loads it from a copied file: rewritten in place where a kernel
     * has a layout of its own ({@link Matrix#of(dev.litebench.engine.gguf.GGUFFile, TensorInfo)}).
     */
    static Matrix loaded(String source, TensorInfo info) {
        return Matrix.of(source, info, rewrite -> {
            rewrite.accept(info.data(), info.data());
            return info.data();
        });
    }

    /**
     * {@code weights} stored as {@code type}; types LiteBench only decodes get {@link RandomBlocks} instead.
     */
    static MemorySegment store(GGMLType type, float[] weights, Random rnd) {
        MemorySegment data = Arena.ofAuto().allocate(type.bytesFor(weights.length), 64);
        TypeCodec codec = Codecs.forType(type);
        if (codec.canQuantize()) {
            codec.quantize(weights, 0, weights.length, data, 0);
            return data;
        }
        byte[] blocks = RandomBlocks.of(type, (int) (data.byteSize() / type.blockBytes), rnd);
        MemorySegment.copy(blocks, 0, data, ValueLayout.JAVA_BYTE, 0, blocks.length);
        return data;
    }
}
