package dev.litebench.bench.scenario;

import dev.litebench.bench.measure.RunClock;
import dev.litebench.bench.result.ResultFile;
import dev.litebench.bench.result.ScenarioResult;
import dev.litebench.bench.targets.LiveTarget;

import java.util.Map;

/**
 * What a scenario works with: the target, the settings, the run's clock, its own result (and file), progress,
 * and the results of the scenarios already run on this target (the rate scenario reads concurrency's).
 */
public record ScenarioContext(LiveTarget target, BenchSettings settings, RunClock clock, ResultFile file,
                              Progress progress, Map<ScenarioName, ScenarioResult> earlier) {

    public ScenarioResult result() {
        return file.result();
    }

    public Measurer measurer() {
        return new Measurer(this);
    }

    public double nowMs() {
        return clock.ms(System.nanoTime());
    }
}
