package dev.litebench.bench.result;

/**
 * Server-counted output tokens ({@code usage.completion_tokens}) against the server's tokenizer run on the
 * returned text, for {@code checked} requests. A request drifts when they differ by more than 1 token and 2%.
 */
public record TokenDrift(int checked, int drifted, int maxAbsDiff) {}
