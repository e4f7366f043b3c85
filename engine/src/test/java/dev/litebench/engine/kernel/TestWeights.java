package dev.litebench.engine.kernel;

import dev.litebench.engine.tensor.Codecs;
import dev.litebench.engine.tensor.GGMLType;
import dev.litebench.engine.tensor.TypeCodec;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;

/** Weight matrices for kernel tests and benchmarks. */
final class TestWeights {
    private TestWeights() {}

    /**
     * {@code weights} stored as {@code type}; types LiteBench only decodes (IQ4_NL) get random quants behind a small
     * random fp16 scale at the start of each block instead.
     */
    static MemorySegment store(GGMLType type, float[] weights, Random rnd) {
        MemorySegment data = Arena.ofAuto().allocate(type.bytesFor(weights.length), 64);
        TypeCodec codec = Codecs.forType(type);
        if (codec.canQuantize()) {
            codec.quantize(weights, 0, weights.length, data, 0);
            return data;
        }
        byte[] block = new byte[type.blockBytes];
        for (long o = 0; o < data.byteSize(); o += block.length) {
            rnd.nextBytes(block);
            short d = Float.floatToFloat16((float) (0.02 * rnd.nextGaussian()));
            block[0] = (byte) d;
            block[1] = (byte) (d >>> 8);
            MemorySegment.copy(block, 0, data, ValueLayout.JAVA_BYTE, o, block.length);
        }
        return data;
    }
}
