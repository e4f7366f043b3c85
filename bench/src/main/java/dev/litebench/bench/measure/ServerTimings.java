package dev.litebench.bench.measure;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Server-side timings a response carried. llama.cpp and LiteBench send {@code timings} with {@code prompt_ms}
 * (prompt processing start to first token) and {@code predicted_ms} (first to last token), LiteBench also
 * {@code queue_ms}; Ollama sends durations in nanoseconds. {@code serverMs} is the server's own processing time,
 * from prompt start to last token; queueing is left out so that client minus server shows it.
 */
record ServerTimings(JsonNode raw, Double serverMs, Double queueMs) {

    static ServerTimings of(JsonNode timings, JsonNode ollama) {
        if (timings != null) {
            JsonNode p = timings.path("prompt_ms");
            JsonNode g = timings.path("predicted_ms");
            Double server = p.isNumber() && g.isNumber() ? p.asDouble() + g.asDouble() : null;
            Double queue = timings.path("queue_ms").isNumber() ? timings.path("queue_ms").asDouble() : null;
            return new ServerTimings(timings, server, queue);
        }
        if (ollama != null) {
            JsonNode p = ollama.path("prompt_eval_duration");
            JsonNode g = ollama.path("eval_duration");
            Double server = p.isNumber() && g.isNumber() ? (p.asDouble() + g.asDouble()) / 1e6 : null;
            return new ServerTimings(ollama, server, null);
        }
        return new ServerTimings(null, null, null);
    }
}
