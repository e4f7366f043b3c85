package dev.litebench.cli;

import dev.litebench.engine.generate.SamplingParams;
import picocli.CommandLine.Option;

/** Sampling flags shared by generate and chat. Defaults follow llama.cpp's CLI. */
final class SamplingOptions {
    @Option(names = {"-n", "--max-tokens"}, paramLabel = "N", defaultValue = "256", description = "Most tokens to generate (default ${DEFAULT-VALUE}; -1 = until the context is full).")
    int maxTokens;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.8", description = "Sampling temperature, 0 = greedy (default ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "0.95", description = "Nucleus sampling mass (default ${DEFAULT-VALUE}).")
    double topP;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "40", description = "Keep the K most likely tokens, 0 = off (default ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--min-p", paramLabel = "P", defaultValue = "0.05", description = "Drop tokens less likely than P times the best (default ${DEFAULT-VALUE}).")
    double minP;

    @Option(names = "--repeat-penalty", paramLabel = "R", defaultValue = "1.0", description = "Repetition penalty, 1 = off (default ${DEFAULT-VALUE}).")
    double repeatPenalty;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed: the same seed gives the same output.")
    Long seed;

    @Option(names = "--ignore-eos", description = "Keep generating past end-of-generation tokens (fixed-length output for benchmarks).")
    boolean ignoreEos;

    @Option(names = "--stop", paramLabel = "TEXT", description = "Stop before this text (repeatable).")
    java.util.List<String> stop;

    SamplingParams toParams(boolean logprobs, int topLogprobs) {
        return SamplingParams.builder()
                .maxTokens(maxTokens)
                .temperature(temperature)
                .topP(topP)
                .topK(topK)
                .minP(minP)
                .repetitionPenalty(repeatPenalty)
                .seed(seed)
                .ignoreEos(ignoreEos)
                .stop(stop)
                .logprobs(logprobs)
                .topLogprobs(topLogprobs)
                .build();
    }
}
