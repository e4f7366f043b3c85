package dev.litebench.bench.report.input;

import dev.litebench.bench.report.input.ResultDocument.EnvironmentInfo;
import dev.litebench.bench.scenario.ScenarioName;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The results of one target in one run, by scenario. {@code name} is its label, made unique when targets of several
 * runs share one; {@code index} its position in the report (and its colour).
 */
public record TargetResults(String name, int index, Map<ScenarioName, ResultDocument> results) {

    public TargetResults {
        results = Collections.unmodifiableMap(new EnumMap<>(results));
    }

    public ResultDocument result(ScenarioName s) {
        return results.get(s);
    }

    /** The first result in scenario order, for what all of a target's files share (target, environment). */
    public ResultDocument first() {
        return results.values().iterator().next();
    }

    public EnvironmentInfo environment() {
        return first().environment();
    }

    public String model() {
        return first().target().model();
    }
}
