package dev.litebench.bench.scenario;

import dev.litebench.bench.measure.Slo;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every number of a run. Start from a {@link Profile} with {@link #builder}, change what the flags say, then
 * {@link Builder#build} validates everything at once, before anything starts.
 *
 * @param rates request rates for {@code rate}; empty: 25/50/75/100% of the best request throughput the
 *              {@code concurrency} scenario measured on the same target
 */
public record BenchSettings(Profile profile, List<ScenarioName> scenarios, boolean scenariosExplicit, String prompt,
                            int outputTokens, int warmupRequests, int latencyRequests, List<Integer> concurrencyLevels,
                            int rounds, Slo slo, String capacityMetric, int capacityPercentile, int capacityTrials,
                            int capacityMaxConcurrency, int capacityMaxSteps, int capacityRounds,
                            List<Integer> contextLengths, int contextRequests, List<Double> rates, int rateRequests,
                            long seed, int coldStartRequests, int connectTimeoutS, int readTimeoutS, int readyTimeoutS) {

    public static final String DEFAULT_PROMPT = "请简要介绍人工智能的发展历程。";

    public static Builder builder(Profile profile) {
        return new Builder(profile);
    }

    /**
     * The concurrency of the round of simultaneous warm-up requests a scenario sends first ({@link
     * Measurer#warmUpConcurrent}): the concurrency scenario's highest level, capped for capacity at the most it may
     * test; 1 (no round) for scenarios that send one request at a time.
     */
    public int warmupConcurrency(ScenarioName s) {
        int top = concurrencyLevels.stream().mapToInt(Integer::intValue).max().orElse(1);
        return switch (s) {
            case CONCURRENCY, RATE -> top;
            case CAPACITY -> Math.min(top, capacityMaxConcurrency);
            case LATENCY, CONTEXT, COLD_START -> 1;
        };
    }

    /** The settings of one scenario, stored in its result file as {@code config}. */
    public Map<String, Object> config(ScenarioName s) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("profile", profile.id());
        c.put("output_tokens", outputTokens);
        c.put("warmup_requests", warmupRequests);
        if (warmupConcurrency(s) > 1) c.put("warmup_concurrency", warmupConcurrency(s));
        switch (s) {
            case LATENCY -> {
                c.put("prompt", prompt);
                c.put("requests", latencyRequests);
            }
            case CONCURRENCY -> {
                c.put("prompt", prompt);
                c.put("levels", concurrencyLevels);
                c.put("rounds", rounds);
            }
            case CAPACITY -> {
                c.put("prompt", prompt);
                c.put("metric", capacityMetric);
                c.put("percentile", capacityPercentile);
                c.put("trials", capacityTrials);
                c.put("max_concurrency", capacityMaxConcurrency);
                c.put("max_bisection_steps", capacityMaxSteps);
                c.put("rounds", capacityRounds);
            }
            case CONTEXT -> {
                c.put("input_lengths", contextLengths);
                c.put("requests_per_length", contextRequests);
            }
            case RATE -> {
                c.put("prompt", prompt);
                c.put("rates", rates.isEmpty() ? "auto" : rates);
                c.put("requests_per_rate", rateRequests);
                c.put("seed", seed);
            }
            case COLD_START -> {
                c.put("prompt", prompt);
                c.put("steady_requests", coldStartRequests);
                c.put("ready_timeout_s", readyTimeoutS);
            }
        }
        return c;
    }

    /** Mutable defaults of a profile; setters ignore null (a flag not given). */
    public static final class Builder {
        private final Profile profile;
        private List<ScenarioName> scenarios;
        private boolean scenariosExplicit;
        private String prompt = DEFAULT_PROMPT;
        private int outputTokens = 50;
        private int warmupRequests;
        private int latencyRequests = 10;
        private List<Integer> concurrencyLevels;
        private int rounds;
        private double sloE2eMs = 2000;
        private Double sloTtftMs;
        private Double sloTpotMs;
        private String capacityMetric = "e2e";
        private int capacityPercentile = 90;
        private int capacityTrials;
        private int capacityMaxConcurrency;
        private int capacityMaxSteps;
        private int capacityRounds;
        private List<Integer> contextLengths;
        private int contextRequests;
        private List<Double> rates = List.of();
        private int rateRequests;
        private long seed = 42;
        private int coldStartRequests;
        private int connectTimeoutS = 10;
        private int readTimeoutS = 300;
        private int readyTimeoutS = 600;

        private Builder(Profile p) {
            profile = p;
            scenarios = p.scenarios;
            warmupRequests = p.warmupRequests;
            concurrencyLevels = p.concurrencyLevels;
            rounds = p.rounds;
            capacityTrials = p.capacityTrials;
            capacityMaxConcurrency = p.capacityMaxConcurrency;
            capacityMaxSteps = p.capacityMaxSteps;
            capacityRounds = p.capacityRounds;
            contextLengths = p.contextLengths;
            contextRequests = p.contextRequests;
            rateRequests = p.rateRequests;
            coldStartRequests = p.coldStartRequests;
        }

        public Builder scenarios(List<String> v) {
            if (v != null && !v.isEmpty()) {
                Set<ScenarioName> set = EnumSet.noneOf(ScenarioName.class);
                for (String s : v) set.add(ScenarioName.byId(s));
                scenarios = new ArrayList<>(set);
                scenariosExplicit = true;
            }
            return this;
        }

        public Builder prompt(String v) { if (v != null) prompt = v; return this; }
        public Builder outputTokens(Integer v) { if (v != null) outputTokens = v; return this; }
        public Builder warmupRequests(Integer v) { if (v != null) warmupRequests = v; return this; }
        public Builder latencyRequests(Integer v) { if (v != null) latencyRequests = v; return this; }
        public Builder concurrencyLevels(List<Integer> v) { if (v != null && !v.isEmpty()) concurrencyLevels = v; return this; }
        public Builder rounds(Integer v) { if (v != null) rounds = v; return this; }
        public Builder sloE2eMs(Double v) { if (v != null) sloE2eMs = v; return this; }
        public Builder sloTtftMs(Double v) { if (v != null) sloTtftMs = v; return this; }
        public Builder sloTpotMs(Double v) { if (v != null) sloTpotMs = v; return this; }
        public Builder capacityMetric(String v) { if (v != null) capacityMetric = v; return this; }
        public Builder capacityPercentile(Integer v) { if (v != null) capacityPercentile = v; return this; }
        public Builder capacityTrials(Integer v) { if (v != null) capacityTrials = v; return this; }
        public Builder capacityMaxConcurrency(Integer v) { if (v != null) capacityMaxConcurrency = v; return this; }
        public Builder capacityMaxSteps(Integer v) { if (v != null) capacityMaxSteps = v; return this; }
        public Builder capacityRounds(Integer v) { if (v != null) capacityRounds = v; return this; }
        public Builder contextLengths(List<Integer> v) { if (v != null && !v.isEmpty()) contextLengths = v; return this; }
        public Builder contextRequests(Integer v) { if (v != null) contextRequests = v; return this; }
        public Builder rates(List<Double> v) { if (v != null && !v.isEmpty()) rates = v; return this; }
        public Builder rateRequests(Integer v) { if (v != null) rateRequests = v; return this; }
        public Builder seed(Long v) { if (v != null) seed = v; return this; }
        public Builder coldStartRequests(Integer v) { if (v != null) coldStartRequests = v; return this; }
        public Builder connectTimeoutS(Integer v) { if (v != null) connectTimeoutS = v; return this; }
        public Builder readTimeoutS(Integer v) { if (v != null) readTimeoutS = v; return this; }
        public Builder readyTimeoutS(Integer v) { if (v != null) readyTimeoutS = v; return this; }

        public BenchSettings build() {
            positive("--output-tokens", outputTokens);
            atLeast("--warmup", warmupRequests, 0);
            positive("--requests", latencyRequests);
            positive("--rounds", rounds);
            concurrencyLevels.forEach(c -> positive("--levels", c));
            if (!List.of("ttft", "ttfo", "tpot", "e2e").contains(capacityMetric)) {
                throw new IllegalArgumentException("--capacity-metric must be ttft, ttfo, tpot or e2e, not '" + capacityMetric + "'");
            }
            if (!List.of(50, 90, 95, 99).contains(capacityPercentile)) {
                throw new IllegalArgumentException("--capacity-percentile must be 50, 90, 95 or 99, not " + capacityPercentile);
            }
            positive("--capacity-trials", capacityTrials);
            positive("--capacity-max", capacityMaxConcurrency);
            atLeast("--capacity-steps", capacityMaxSteps, 0);
            positive("--capacity-rounds", capacityRounds);
            contextLengths.forEach(c -> positive("--input-lengths", c));
            positive("--context-requests", contextRequests);
            rates.forEach(r -> {
                if (!(r > 0) || r.isInfinite()) throw new IllegalArgumentException("--rates must be positive numbers, not " + r);
            });
            positive("--rate-requests", rateRequests);
            positive("--cold-start-requests", coldStartRequests);
            positive("--connect-timeout", connectTimeoutS);
            positive("--timeout", readTimeoutS);
            positive("--ready-timeout", readyTimeoutS);
            if (prompt.isBlank()) throw new IllegalArgumentException("--prompt must not be empty");
            return new BenchSettings(profile, List.copyOf(scenarios), scenariosExplicit, prompt, outputTokens, warmupRequests,
                    latencyRequests, List.copyOf(concurrencyLevels), rounds, new Slo(sloE2eMs, sloTtftMs, sloTpotMs),
                    capacityMetric, capacityPercentile, capacityTrials, capacityMaxConcurrency, capacityMaxSteps, capacityRounds,
                    List.copyOf(contextLengths), contextRequests, List.copyOf(rates), rateRequests, seed, coldStartRequests,
                    connectTimeoutS, readTimeoutS, readyTimeoutS);
        }

        private static void positive(String flag, int v) {
            atLeast(flag, v, 1);
        }

        private static void atLeast(String flag, int v, int min) {
            if (v < min) throw new IllegalArgumentException(flag + " must be at least " + min + ", not " + v);
        }
    }
}
