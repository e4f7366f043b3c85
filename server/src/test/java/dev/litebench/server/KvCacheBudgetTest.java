package dev.litebench.server;

import dev.litebench.engine.BadInputException;
import dev.litebench.engine.model.KVCache;
import dev.litebench.engine.model.ModelConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KvCacheBudgetTest {
    /** Qwen3-0.6B's shape: K and V of 28 layers x 8 KV heads x 128 dimensions in F16, 114688 bytes per token. */
    static final ModelConfig QWEN3_0_6B = new ModelConfig("qwen3", 1024, 28, 16, 8, 128, 3072, 151936, 40960, 1e6f, 1e-6f, true);

    @Test
    void bytesBecomeWholeBlocksOfTokens() {
        long perToken = QWEN3_0_6B.kvBytesPerToken();
        assertThat(perToken).isEqualTo(2L * 28 * 1024 * 2);
        long block = KVCache.blockBytes(QWEN3_0_6B);
        assertThat(KvCacheBudget.tokensForBytes(QWEN3_0_6B, 10 * block + block / 2, Long.MAX_VALUE)).isEqualTo(10 * KVCache.BLOCK_TOKENS);
        assertThatThrownBy(() -> KvCacheBudget.tokensForBytes(QWEN3_0_6B, block - 1, Long.MAX_VALUE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("smaller than one block");
        assertThatThrownBy(() -> KvCacheBudget.tokensForBytes(QWEN3_0_6B, 100 * block, 10 * block))
                .isInstanceOf(BadInputException.class).hasMessageContaining("-Xmx");
    }

    @Test
    void defaultIsContextTimesParallelCutToHalfTheFreeHeap() {
        long perToken = QWEN3_0_6B.kvBytesPerToken();
        assertThat(KvCacheBudget.defaultTokens(QWEN3_0_6B, 4096, 4, Long.MAX_VALUE / 4)).isEqualTo(4096 * 4);
        assertThat(KvCacheBudget.defaultTokens(QWEN3_0_6B, 4096, 4, 2 * 1000 * perToken)).isEqualTo(1000);
        assertThat(KvCacheBudget.defaultTokens(QWEN3_0_6B, 4096, 4, 0)).as("at least one block").isEqualTo(KVCache.BLOCK_TOKENS);
    }
}
