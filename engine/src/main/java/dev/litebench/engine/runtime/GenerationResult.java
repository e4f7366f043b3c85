package dev.litebench.engine.runtime;

/** How a generation ended; token counts and timings. */
public record GenerationResult(FinishReason finishReason, int promptTokens, int completionTokens, int cachedTokens,
                               String matchedStop, Timings timings) {
}
