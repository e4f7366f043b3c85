package dev.litebench.engine.tensor;

import static dev.litebench.engine.tensor.CodecTesting.crc32;
import static dev.litebench.engine.tensor.CodecTesting.decode;
import static dev.litebench.engine.tensor.CodecTesting.encode;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bit-exact agreement with ggml's C reference code. The checksums were produced by a small C harness linked
 * against ggml's {@code ggml-quants.c} (ggml master of 2026-08-21, compiled for x86-64 with gcc 12 at -O2 and at
 * -O3 -DNDEBUG, without -march, as ggml-base is built): it generated {@link CodecTesting#synthetic}(64, 0x12345678),
 * ran {@code quantize_row_<type>_ref} on all 16384 values and {@code dequantize_row_<type>} on the result, and
 * printed the CRC-32 of the block bytes and of the decoded little-endian floats.
 */
class GgmlReferenceVectorsTest {
    private static final float[] INPUT = CodecTesting.synthetic(64, 0x12345678);

    @org.junit.jupiter.api.Test
    void inputMatchesTheHarness() {
        assertThat(crc32(INPUT)).isEqualTo(0x90b8c5b0L);
    }

    @ParameterizedTest
    @CsvSource({
        "Q8_0, 5f396b4d, 07ec32fa",
        "Q4_0, 37579002, f54be71d",
        "Q4_1, c8f85721, 51b5aed0",
        "Q4_K, b764c63f, fbd64fb5",
        "Q5_K, 69a97b64, 741f111b",
        "Q6_K, 7ca4996d, 4c24cb7b",
    })
    void quantizeAndDequantizeMatchGgml(GGMLType type, String blocksCrc, String decodedCrc) {
        TypeCodec codec = Codecs.forType(type);
        byte[] blocks = encode(codec, INPUT);
        assertThat("%08x".formatted(crc32(blocks))).as("%s blocks", type).isEqualTo(blocksCrc);
        assertThat("%08x".formatted(crc32(decode(codec, blocks)))).as("%s decoded", type).isEqualTo(decodedCrc);
    }
}
