package dev.litebench.cli;

import dev.litebench.engine.kernel.WorkerPool;
import dev.litebench.engine.runtime.EngineOptions;
import picocli.CommandLine.Option;

/** Engine flags shared by the commands that run a model. */
final class EngineFlags {
    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "Compute threads (default: all cores).")
    Integer threads;

    @Option(names = {"-c", "--ctx-size"}, paramLabel = "N", defaultValue = "4096",
            description = "Most tokens (prompt + output) per sequence, capped at the model's context (default ${DEFAULT-VALUE}; 0 = the model's).")
    int contextSize;

    EngineOptions options(int parallel) {
        int t = threads != null ? threads : WorkerPool.defaultThreads();
        return new EngineOptions(t, contextSize, parallel, 0, 512, 16);
    }
}
