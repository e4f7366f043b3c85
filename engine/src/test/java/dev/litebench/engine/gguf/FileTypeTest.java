package dev.litebench.engine.gguf;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FileTypeTest {
    private static String of(MetadataValue v) {
        return FileType.of(new Metadata("test.gguf", v == null ? Map.of() : Map.of(FileType.KEY, v)));
    }

    @Test
    void namesTheTypeAsLlamaQuantizeDoes() {
        assertThat(of(MetadataValue.uint32(15))).isEqualTo("Q4_K_M");
        assertThat(of(MetadataValue.uint32(17))).isEqualTo("Q5_K_M");
        assertThat(of(MetadataValue.uint32(25))).isEqualTo("IQ4_NL");
        assertThat(of(MetadataValue.uint32(32))).isEqualTo("BF16");
        assertThat(of(MetadataValue.int32(7))).isEqualTo("Q8_0");
    }

    @Test
    void absentRemovedUnknownOrMistypedIsNull() {
        assertThat(of(null)).isNull();
        assertThat(of(MetadataValue.uint32(4))).isNull(); // Q4_1_SOME_F16, removed from llama.cpp
        assertThat(of(MetadataValue.uint32(400))).isNull();
        assertThat(of(MetadataValue.int32(-1))).isNull();
        assertThat(of(MetadataValue.string("Q4_K_M"))).isNull();
    }
}
