package dev.litebench.bench;

import dev.litebench.bench.api.ChatApi;
import dev.litebench.bench.api.CompletionsApi;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientWarmupTest {
    @Test
    void everyWarmUpRequestGoesThroughTheWholeClientPath() throws Exception {
        assertThat(ClientWarmup.warm(List.of(new ChatApi(), new CompletionsApi()))).isEqualTo(800);
    }
}
