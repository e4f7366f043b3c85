package dev.litebench.bench.scenario;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The scenarios, in the order a run executes them (cold start first, while the server is still cold). */
public enum ScenarioName {
    COLD_START("cold-start"),
    LATENCY("latency"),
    CONCURRENCY("concurrency"),
    CAPACITY("capacity"),
    CONTEXT("context"),
    RATE("rate");

    public final String id;

    ScenarioName(String id) {
        this.id = id;
    }

    public static ScenarioName byId(String id) {
        for (ScenarioName s : values()) if (s.id.equals(id)) return s;
        throw new IllegalArgumentException("unknown scenario '" + id + "' (available: " + ids() + ")");
    }

    public static String ids() {
        return Arrays.stream(values()).map(s -> s.id).collect(Collectors.joining(", "));
    }
}
