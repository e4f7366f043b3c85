package dev.litebench.server;

import dev.litebench.engine.BadInputException;
import dev.litebench.engine.model.KVCache;
import dev.litebench.engine.model.ModelConfig;

/**
 * Sizes the KV-cache pool in tokens, from a byte budget ({@code --kv-cache-size}) or by default from the free Java
 * heap (where the blocks live) and the number of parallel sequences.
 */
public final class KvCacheBudget {
    /** Share of the free heap the default pool may take; the rest stays for request handling and GC headroom. */
    static final double DEFAULT_HEAP_SHARE = 0.5;

    private KvCacheBudget() {}

    /** The Java heap not in use now. */
    public static long freeHeapBytes() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    /** Tokens a pool of {@code bytes} holds in whole blocks; it must hold one block and fit in the free heap. */
    public static int tokensForBytes(ModelConfig c, long bytes, long freeHeapBytes) {
        long blockBytes = KVCache.blockBytes(c);
        if (bytes < blockBytes) {
            throw new BadInputException("a KV cache of " + bytes + " bytes is smaller than one block (" + blockBytes
                    + " bytes, " + KVCache.BLOCK_TOKENS + " tokens, for this model)");
        }
        if (bytes > freeHeapBytes) {
            throw new BadInputException("a KV cache of " + bytes + " bytes does not fit in the free Java heap (" + freeHeapBytes
                    + " bytes); give the JVM more with LITEBENCH_JAVA_OPTS=-Xmx...");
        }
        return (int) Math.min(bytes / blockBytes, Integer.MAX_VALUE / KVCache.BLOCK_TOKENS) * KVCache.BLOCK_TOKENS;
    }

    /** {@code contextSize} tokens for each of {@code parallel} sequences, cut to what a share of the free heap holds. */
    public static int defaultTokens(ModelConfig c, int contextSize, int parallel, long freeHeapBytes) {
        long wanted = (long) contextSize * parallel;
        long affordable = (long) (freeHeapBytes * DEFAULT_HEAP_SHARE) / c.kvBytesPerToken();
        long tokens = Math.max(KVCache.BLOCK_TOKENS, Math.min(wanted, affordable));
        return (int) Math.min(tokens, Integer.MAX_VALUE / 2);
    }
}
