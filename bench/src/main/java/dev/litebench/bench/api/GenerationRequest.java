package dev.litebench.bench.api;

/** What to ask the server for: a prompt and the exact number of tokens to generate. */
public record GenerationRequest(String prompt, int outputTokens) {
    public GenerationRequest {
        if (outputTokens < 1) throw new IllegalArgumentException("output tokens must be at least 1");
    }
}
