package dev.litebench.engine.runtime;

/**
 * Server-side timings of one generation, with llama.cpp's field meanings: {@code promptMs} from the first forward
 * step to the first sampled token, {@code predictedMs} from the first sampled token to the last, {@code queueMs}
 * from submission to the first forward step. {@code promptN} counts prompt tokens computed (cached ones excluded).
 */
public record Timings(long queuedNanos, int promptN, int cachedN, double queueMs, double promptMs, int predictedN, double predictedMs) {

    public double promptPerSecond() {
        return promptMs > 0 ? promptN * 1000.0 / promptMs : 0;
    }

    public double predictedPerTokenMs() {
        return predictedN > 0 ? predictedMs / predictedN : 0;
    }

    public double predictedPerSecond() {
        return predictedMs > 0 ? predictedN * 1000.0 / predictedMs : 0;
    }
}
