package dev.litebench.bench.scenario;

/** A measurement protocol: sends its load to a target and fills in its result. */
public interface Scenario {

    void run(ScenarioContext ctx) throws InterruptedException;

    static Scenario of(ScenarioName name) {
        return switch (name) {
            case COLD_START -> new ColdStartScenario();
            case LATENCY -> new LatencyScenario();
            case CONCURRENCY -> new ConcurrencyScenario();
            case CAPACITY -> new CapacityScenario();
            case CONTEXT -> new ContextScenario();
            case RATE -> new RateScenario();
        };
    }
}
