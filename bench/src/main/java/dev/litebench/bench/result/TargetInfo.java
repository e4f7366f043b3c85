package dev.litebench.bench.result;

import java.util.List;

/**
 * What was measured: the label, how it was reached ({@code endpoint}, {@code launch} or {@code serve}), the model,
 * the API shape, and whether exact output length could be forced ({@code ignore_eos}/{@code min_tokens} accepted).
 */
public record TargetInfo(String label, String kind, String endpoint, String model, String api, List<String> command,
                         String modelFile, boolean lengthForced, String tokenizer) {}
