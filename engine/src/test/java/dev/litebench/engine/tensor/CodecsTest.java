package dev.litebench.engine.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Registry and the parts of the TypeCodec contract every codec shares (offsets, block checks). */
class CodecsTest {

    @Test
    void registryHasTheImplementedTypes() {
        assertThat(GGMLType.supportedNames()).isEqualTo("F32, F16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q2_K, Q3_K, Q4_K, Q5_K, Q6_K, IQ4_NL, IQ4_XS, BF16");
        assertThat(Codecs.forType(GGMLType.IQ2_XXS)).isNull();
        assertThat(Codecs.forType(GGMLType.IQ3_S)).isNull();
    }

    @ParameterizedTest
    @EnumSource(names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q4_K", "Q5_K", "Q6_K"})
    void codecMatchesItsType(GGMLType type) {
        TypeCodec c = Codecs.forType(type);
        assertThat(c.type()).isEqualTo(type);
        assertThat(c.canQuantize()).isTrue();
        assertThat(type.isSupported()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q4_K", "Q5_K", "Q6_K"})
    void offsetsAddressWholeBlocksAndTouchNothingElse(GGMLType type) {
        TypeCodec c = Codecs.forType(type);
        int bs = Math.max(type.blockSize, 32);
        float[] x = CodecTesting.synthetic(3, 99); // 768 values
        float[] src = new float[3 * bs + 5];
        System.arraycopy(x, 0, src, 5, 3 * bs);

        // encode 3 chunks of bs elements at element 2*bs of a 6-chunk tensor, from src offset 5
        byte[] all = new byte[(int) type.bytesFor(6L * bs)];
        Arrays.fill(all, (byte) 0x5A);
        MemorySegment seg = MemorySegment.ofArray(all);
        c.quantize(src, 5, 3 * bs, seg, 2L * bs);

        byte[] alone = CodecTesting.encode(c, Arrays.copyOf(x, 3 * bs));
        int start = (int) type.bytesFor(2L * bs), len = alone.length;
        assertThat(Arrays.copyOfRange(all, start, start + len)).containsExactly(alone);
        for (int i = 0; i < all.length; i++) {
            if (i < start || i >= start + len) assertThat(all[i]).as("byte %d", i).isEqualTo((byte) 0x5A);
        }

        // decode 2 chunks starting at element 3*bs into dst offset 7
        float[] dst = new float[2 * bs + 9];
        Arrays.fill(dst, -7f);
        c.dequantize(seg, 3L * bs, dst, 7, 2 * bs);
        float[] want = Arrays.copyOfRange(CodecTesting.decode(c, alone), bs, 3 * bs);
        assertThat(Arrays.copyOfRange(dst, 7, 7 + 2 * bs)).containsExactly(want);
        assertThat(Arrays.copyOf(dst, 7)).containsOnly(-7f);
        assertThat(Arrays.copyOfRange(dst, 7 + 2 * bs, dst.length)).containsOnly(-7f);
    }

    @ParameterizedTest
    @EnumSource(names = {"Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q4_K", "Q5_K", "Q6_K"})
    void partialBlocksAreRejected(GGMLType type) {
        TypeCodec c = Codecs.forType(type);
        int bs = type.blockSize;
        MemorySegment seg = MemorySegment.ofArray(new byte[type.blockBytes * 4]);
        float[] f = new float[bs * 4];
        assertThatThrownBy(() -> c.dequantize(seg, 1, f, 0, bs)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(type.name()).hasMessageContaining("first=1");
        assertThatThrownBy(() -> c.dequantize(seg, 0, f, 0, bs - 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.quantize(f, 0, bs + 16, seg, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.quantize(f, 0, bs, seg, bs / 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(names = {"Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "IQ4_NL", "IQ4_XS", "Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K"})
    void readsPastTheSegmentFail(GGMLType type) {
        TypeCodec c = Codecs.forType(type);
        MemorySegment seg = MemorySegment.ofArray(new byte[type.blockBytes]);
        float[] f = new float[type.blockSize * 2];
        assertThatThrownBy(() -> c.dequantize(seg, 0, f, 0, f.length)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
