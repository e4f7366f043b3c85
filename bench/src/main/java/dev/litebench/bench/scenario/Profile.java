package dev.litebench.bench.scenario;

import java.util.List;
import java.util.Locale;

/**
 * Default numbers for every scenario. {@code full} is the evaluation's protocol; {@code quick} keeps the default
 * run to a few minutes on a 2-core CPU against a small model. Every number can be changed with a flag.
 */
public enum Profile {
    QUICK(1, List.of(1, 2, 4, 8), 2, 1, 16, 3, 1, List.of(512, 1024), 2, 20, 3,
            List.of(ScenarioName.COLD_START, ScenarioName.LATENCY, ScenarioName.CONCURRENCY, ScenarioName.CAPACITY, ScenarioName.CONTEXT)),
    FULL(2, List.of(1, 2, 4, 8, 16, 32), 4, 3, 64, 5, 2, List.of(512, 1024, 2048, 4096), 5, 50, 5,
            List.of(ScenarioName.values()));

    final int warmupRequests;
    final List<Integer> concurrencyLevels;
    final int rounds;
    final int capacityTrials;
    final int capacityMaxConcurrency;
    final int capacityMaxSteps;
    final int capacityRounds;
    final List<Integer> contextLengths;
    final int contextRequests;
    final int rateRequests;
    final int coldStartRequests;
    final List<ScenarioName> scenarios;

    Profile(int warmupRequests, List<Integer> concurrencyLevels, int rounds, int capacityTrials, int capacityMaxConcurrency,
            int capacityMaxSteps, int capacityRounds, List<Integer> contextLengths, int contextRequests, int rateRequests,
            int coldStartRequests, List<ScenarioName> scenarios) {
        this.warmupRequests = warmupRequests;
        this.concurrencyLevels = concurrencyLevels;
        this.rounds = rounds;
        this.capacityTrials = capacityTrials;
        this.capacityMaxConcurrency = capacityMaxConcurrency;
        this.capacityMaxSteps = capacityMaxSteps;
        this.capacityRounds = capacityRounds;
        this.contextLengths = contextLengths;
        this.contextRequests = contextRequests;
        this.rateRequests = rateRequests;
        this.coldStartRequests = coldStartRequests;
        this.scenarios = scenarios;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Profile byId(String id) {
        for (Profile p : values()) if (p.id().equals(id.toLowerCase(Locale.ROOT))) return p;
        throw new IllegalArgumentException("unknown profile '" + id + "' (use quick or full)");
    }
}
