package dev.litebench.cli;

import dev.litebench.engine.gguf.WeightMemory;
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

    @Option(names = "--weight-memory", paramLabel = "auto|map|copy", defaultValue = "auto", description = WEIGHT_MEMORY_HELP)
    String weightMemory;

    static final String WEIGHT_MEMORY_HELP = "Where the weights stay while the model runs (default ${DEFAULT-VALUE}). map: mapped from the "
            + "file, as llama.cpp does. copy: read into anonymous memory, as llama.cpp's --no-mmap. auto: mapped where the page "
            + "cache holds the file in 2 MiB pages (a file read from disk on a recent Linux kernel), otherwise copied into "
            + "2 MiB pages where the kernel's transparent huge pages allow it and 1 GiB of memory stays available (decode ~10%% faster than on 4 KiB pages; the "
            + "copy adds 0.2-1 s to loading a 0.6B Q8_0 file), otherwise mapped.";

    EngineOptions options(int parallel) {
        int t = threads != null ? threads : WorkerPool.defaultThreads();
        return new EngineOptions(t, contextSize, parallel, 0, 512, 16, weightMemory());
    }

    WeightMemory weightMemory() {
        return WeightMemory.byId(weightMemory);
    }
}
