package dev.litebench.engine.tensor;

import static dev.litebench.engine.tensor.CodecTesting.crc32;
import static dev.litebench.engine.tensor.CodecTesting.decode;
import static dev.litebench.engine.tensor.CodecTesting.encode;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bit-exact agreement with ggml's C reference code. The checksums were produced by a small C harness linked
 * against ggml's {@code ggml-quants.c} (ggml-org/ggml d99724f2, 2026-08-21, compiled for x86-64 with gcc 12 at -O2 and at
 * -O3 -DNDEBUG, without -march, as ggml-base is built): it generated {@link CodecTesting#synthetic}(80, 0x12345678),
 * ran {@code quantize_row_<type>_ref} on all 20480 values and {@code dequantize_row_<type>} on the result, and
 * printed the CRC-32 of the block bytes and of the decoded little-endian floats. Built with -march=native (FMA
 * contraction), the same harness gives other Q4_K and Q6_K bytes; the codecs follow the uncontracted arithmetic. The
 * Q5_0 and Q5_1 rows came from the same harness built against llama.cpp de3ff81's {@code ggml-quants.c} (gcc 12 -O2,
 * no -march), which also reproduced the Q4_0 row.
 */
class GgmlReferenceVectorsTest {
    private static final float[] INPUT = CodecTesting.synthetic(80, 0x12345678);

    @Test
    void inputMatchesTheHarness() {
        assertThat(crc32(INPUT)).isEqualTo(0x212b370eL);
    }

    @ParameterizedTest
    @CsvSource({
        "Q8_0, 0a45476a, 4fb33d0a",
        "Q4_0, b97c6114, bd8557dc",
        "Q4_1, 945df5ba, 2b14db53",
        "Q5_0, 03dadf44, 0185cd9f",
        "Q5_1, 15a37bb4, 0cc1538a",
        "Q4_K, 3ac31712, 38cc230e",
        "Q5_K, 121dd309, 26efa11a",
        "Q6_K, f91ae845, 2d9d9af4",
    })
    void quantizeAndDequantizeMatchGgml(GGMLType type, String blocksCrc, String decodedCrc) {
        TypeCodec codec = Codecs.forType(type);
        byte[] blocks = encode(codec, INPUT);
        assertThat("%08x".formatted(crc32(blocks))).as("%s blocks", type).isEqualTo(blocksCrc);
        assertThat("%08x".formatted(crc32(decode(codec, blocks)))).as("%s decoded", type).isEqualTo(decodedCrc);
    }
}
