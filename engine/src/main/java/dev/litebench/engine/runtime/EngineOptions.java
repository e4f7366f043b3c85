package dev.litebench.engine.runtime;

import dev.litebench.engine.gguf.WeightMemory;

/**
 * How an engine runs a model.
 *
 * @param threads       compute threads (default: available processors)
 * @param contextSize   most tokens (prompt + output) one sequence may hold; 0 = the model's trained context
 * @param parallel      most sequences decoded together in one step
 * @param kvCacheTokens KV-cache pool size in tokens, shared by all sequences; 0 = contextSize x parallel
 * @param batchTokens   most rows (prompt tokens + decode tokens) in one forward step
 * @param maxQueue      most requests waiting for a free slot; beyond it submissions are refused
 * @param weightMemory  where the weights stay: mapped from the file or copied into anonymous memory
 */
public record EngineOptions(int threads, int contextSize, int parallel, int kvCacheTokens, int batchTokens, int maxQueue,
                            WeightMemory weightMemory) {

    public EngineOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (contextSize < 0) throw new IllegalArgumentException("context size must be at least 1, got " + contextSize);
        if (parallel < 1) throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
        if (kvCacheTokens < 0) throw new IllegalArgumentException("KV cache size must be positive, got " + kvCacheTokens);
        if (batchTokens < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchTokens);
        if (maxQueue < 0) throw new IllegalArgumentException("max queue must be at least 0, got " + maxQueue);
        if (weightMemory == null) throw new IllegalArgumentException("weight memory must be given");
    }

    /** Weights placed by {@link WeightMemory#AUTO}. */
    public EngineOptions(int threads, int contextSize, int parallel, int kvCacheTokens, int batchTokens, int maxQueue) {
        this(threads, contextSize, parallel, kvCacheTokens, batchTokens, maxQueue, WeightMemory.AUTO);
    }

    /** One sequence at a time with a 4096-token context: what the CLI's generate and chat use. */
    public static EngineOptions single(int threads) {
        return new EngineOptions(threads, 4096, 1, 0, 512, 16);
    }

    public EngineOptions withContextSize(int c) {
        return new EngineOptions(threads, c, parallel, kvCacheTokens, batchTokens, maxQueue, weightMemory);
    }
}
