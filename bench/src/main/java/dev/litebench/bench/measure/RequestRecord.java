package dev.litebench.bench.measure;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Everything measured about one request. Times are milliseconds: {@code start_ms} (intended send) and
 * {@code end_ms} (last byte or failure) since the run's origin, the latencies from the intended send time (see docs/METRICS.md for each definition). Null means not
 * applicable or not available (a failed request has no TTFT; a server that sends no timings has none).
 *
 * @param level              index into the scenario's {@code levels}, or null for single-level scenarios
 * @param outputTokensSource {@code usage} (server count) or {@code chunks} (no usage: token-carrying chunks)
 * @param itlMs              per-token inter-token latencies (not stored; they are rebuilt from the gaps)
 */
public record RequestRecord(
        String id,
        Integer level,
        double startMs,
        double endMs,
        double sendLagMs,
        double connectMs,
        Double ttfbMs,
        Double ttftMs,
        Double ttfoMs,
        Double e2eMs,
        Double tpotMs,
        List<Double> chunkGapsMs,
        @JsonIgnore double[] itlMs,
        int requestedOutputTokens,
        Integer requestedInputTokens,
        Integer inputTokens,
        Integer outputTokens,
        String outputTokensSource,
        Integer cachedTokens,
        Integer reasoningTokens,
        int chunks,
        int tokenChunks,
        int emptyChunks,
        boolean firstChunkEmpty,
        int multiTokenChunks,
        String finishReason,
        String systemFingerprint,
        JsonNode serverTimings,
        Double serverMs,
        Double queueMs,
        Double clientMinusServerMs,
        String outputText,
        RequestError error) {

    @JsonIgnore
    public boolean ok() {
        return error == null;
    }
}
