package dev.litebench.engine.synth;

import dev.litebench.engine.BadInputException;
import dev.litebench.engine.tensor.GGMLType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SynthQuantTest {
    @Test
    void kQuantsFallBackToQ8_0WhereRowsDoNotFillTheirBlocks() {
        assertThat(SynthQuant.Q4_K.matrixType(1024)).isEqualTo(GGMLType.Q4_K);
        assertThat(SynthQuant.Q4_K.matrixType(896)).isEqualTo(GGMLType.Q8_0); // Qwen2.5-0.5B's hidden size: 3.5 blocks
        assertThat(SynthQuant.Q4_K.embeddingType(1024)).isEqualTo(GGMLType.Q6_K);
        assertThat(SynthQuant.Q4_K.embeddingType(64)).isEqualTo(GGMLType.Q8_0);
        assertThat(SynthQuant.Q4_0.matrixType(64)).isEqualTo(GGMLType.Q4_0);
        assertThat(SynthQuant.Q4_0.embeddingType(896)).isEqualTo(GGMLType.Q8_0);
    }

    @Test
    void idsAreTheCommandLineNames() {
        assertThat(SynthQuant.byId("Q4_K")).isEqualTo(SynthQuant.Q4_K);
        assertThatThrownBy(() -> SynthQuant.byId("q5_k")).isInstanceOf(BadInputException.class)
                .hasMessage("unknown quantization 'q5_k' (available: f32, f16, bf16, q8_0, q4_0, q4_k)");
    }
}
