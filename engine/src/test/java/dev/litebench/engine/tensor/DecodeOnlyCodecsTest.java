package dev.litebench.engine.tensor;

import static dev.litebench.engine.tensor.CodecTesting.crc32;
import static dev.litebench.engine.tensor.CodecTesting.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The types LiteBench reads but does not write: Q2_K, Q3_K, IQ4_NL and IQ4_XS. The checksums come from ggml's
 * {@code dequantize_row_*} (llama.cpp de3ff81's {@code ggml-quants.c}, gcc 12 -O2, no -march) run on the same
 * {@link RandomBlocks} (80 blocks, {@code new Random(24)}), written to a file for it.
 */
class DecodeOnlyCodecsTest {

    @ParameterizedTest
    @CsvSource({
        "Q2_K, da8f834a, 9ecdbc87",
        "Q3_K, faa88d24, 1e8ba6a7",
        "IQ4_NL, 423173f1, ada6ed17",
        "IQ4_XS, 0858bdbe, 43d9b3e3",
    })
    void decodingMatchesGgml(GGMLType type, String blocksCrc, String decodedCrc) {
        byte[] blocks = RandomBlocks.of(type, 80, new Random(24));
        assertThat("%08x".formatted(crc32(blocks))).as("%s blocks", type).isEqualTo(blocksCrc);
        assertThat("%08x".formatted(crc32(decode(Codecs.forType(type), blocks)))).as("%s decoded", type).isEqualTo(decodedCrc);
    }

    @Test
    void q2_KDecodesScaleMinPairsAndTwoBitQuants() {
        byte[] b = new byte[84];
        b[0] = 0x21; // elements 0-15: scale 1, min 2
        b[5] = 0x13; // elements 80-95 (half 0, k 2, upper 16): scale 3, min 1
        b[16] = (byte) 0b11_10_01_00; // qs[0]: element 0 q=0, 32 q=1, 64 q=2, 96 q=3
        b[16 + 16] = (byte) 0b00_10_00_00; // qs[16]: element 80 (k 2, l 16) q=2
        b[80] = 0x00; b[81] = 0x3C; // d = 1
        b[82] = 0x00; b[83] = 0x38; // dmin = 0.5
        float[] v = decode(Q2_KCodec.INSTANCE, b);
        assertThat(v[0]).isEqualTo(1 * 0 - 0.5f * 2);
        assertThat(v[80]).isEqualTo(3 * 2 - 0.5f);
        assertThat(v[32]).isEqualTo(0f); // pair 2: scale 0, min 0
    }

    @Test
    void q3_KDecodesSixBitScalesAndTheHighMask() {
        byte[] b = new byte[110];
        b[0] = 0x01; // hmask[0] bit 0: element 0 keeps its 4
        b[32] = 0x03; // qs[0]: element 0 q=3, element 1 from qs[1] = 0
        b[96] = 0x01; // scale 0 low nibble 1
        b[104] = 0x02; // scale 0 high bits 2: 1 | 2 << 4 = 33, minus 32 = 1
        b[108] = 0x00; b[109] = 0x40; // d = 2
        float[] v = decode(Q3_KCodec.INSTANCE, b);
        assertThat(v[0]).isEqualTo(2f * 1 * 3);
        assertThat(v[1]).isEqualTo(2f * 1 * -4); // no hmask bit: q - 4
        assertThat(v[16]).isEqualTo(2f * -32 * -4); // scale 1 is 0 - 32
    }

    @Test
    void iq4_xsTakesSixBitScalesFromTwoPlaces() {
        byte[] b = new byte[136];
        b[0] = 0x00; b[1] = 0x3C; // d = 1
        b[2] = (byte) 0b10_00_00_00; b[3] = 0; // scales_h: sub-block 3's high bits 2
        b[4] = 0x21; // sub-blocks 0 and 1: low bits 1 and 2
        b[5] = 0x50; // sub-block 3: low bits 5
        b[8] = 0x0F; // run 0, byte 0: element 0 level 15, element 16 level 0
        b[8 + 48] = (byte) 0x80; // run 3, byte 0: element 96 level 0, element 112 level 8
        float[] v = decode(IQ4_XSCodec.INSTANCE, b);
        assertThat(v[0]).isEqualTo((1 - 32) * 113f);
        assertThat(v[16]).isEqualTo((1 - 32) * -127f);
        assertThat(v[32]).isEqualTo((2 - 32) * -127f);
        assertThat(v[96]).isEqualTo((5 + 32 - 32) * -127f);
        assertThat(v[112]).isEqualTo(5 * 1f);
    }

    @ParameterizedTest
    @EnumSource(names = {"Q2_K", "Q3_K", "IQ4_NL", "IQ4_XS"})
    void theyAreDecodeOnly(GGMLType type) {
        TypeCodec c = Codecs.forType(type);
        assertThat(c.canQuantize()).isFalse();
        assertThatThrownBy(() -> c.quantize(new float[256], 0, 256, MemorySegment.ofArray(new byte[type.blockBytes * 8]), 0))
                .isInstanceOf(UnsupportedOperationException.class).hasMessage("LiteBench does not write " + type);
    }
}
