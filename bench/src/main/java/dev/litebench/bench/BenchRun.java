package dev.litebench.bench;

import dev.litebench.bench.measure.RunClock;
import dev.litebench.bench.result.ResultFile;
import dev.litebench.bench.result.ScenarioResult;
import dev.litebench.bench.scenario.BenchSettings;
import dev.litebench.bench.scenario.Progress;
import dev.litebench.bench.scenario.Scenario;
import dev.litebench.bench.scenario.ScenarioContext;
import dev.litebench.bench.scenario.ScenarioName;
import dev.litebench.bench.targets.LiveTarget;
import dev.litebench.bench.targets.Preflight;
import dev.litebench.bench.targets.TargetSpec;
import dev.litebench.bench.telemetry.Machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures the targets one after another under the same settings, writing {@code DIR/<label>/<scenario>.json}
 * as each scenario goes. A target that cannot start or a scenario that fails is recorded and the run moves on.
 * On Ctrl-C the scenario in progress is marked {@code interrupted}, written, and a launched server is stopped.
 */
public final class BenchRun {
    private final List<TargetSpec> targets;
    private final BenchSettings settings;
    private final Path outDir;
    private final Progress progress;
    private final String litebenchVersion;
    private volatile ResultFile current;
    private volatile LiveTarget live;

    public BenchRun(List<TargetSpec> targets, BenchSettings settings, Path outDir, Progress progress, String litebenchVersion) {
        this.targets = List.copyOf(targets);
        this.settings = settings;
        this.outDir = outDir;
        this.progress = progress;
        this.litebenchVersion = litebenchVersion;
    }

    /** What one target gave: its results by scenario, or why it could not be measured. */
    public record TargetOutcome(String label, Map<ScenarioName, ScenarioResult> results, String failure) {}

    /** Checks everything first (bad input throws IllegalArgumentException), then measures. */
    public List<TargetOutcome> run() throws InterruptedException {
        Preflight.check(targets, settings);
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the result directory " + outDir + ": " + e.getMessage());
        }
        long warmupStart = System.nanoTime();
        if (ClientWarmup.run(targets.stream().map(TargetSpec::api).distinct().toList())) {
            progress.note(String.format(Locale.ROOT, "client warmed up in %.1f s (its JIT, against the built-in loopback server)",
                    (System.nanoTime() - warmupStart) / 1e9));
        }
        RunClock clock = RunClock.start();
        Machine machine = Machine.describe();
        Thread hook = new Thread(this::onInterrupt, "bench-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        List<TargetOutcome> outcomes = new ArrayList<>();
        try {
            for (TargetSpec t : targets) outcomes.add(measure(t, clock, machine));
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running
            }
        }
        return outcomes;
    }

    private TargetOutcome measure(TargetSpec spec, RunClock clock, Machine machine) throws InterruptedException {
        Path dir = outDir.resolve(spec.label());
        progress.note("target " + spec.label() + " (" + spec.kind().id() + ", " + spec.endpoint() + ")");
        Map<ScenarioName, ScenarioResult> results = new EnumMap<>(ScenarioName.class);
        try {
            live = LiveTarget.connect(spec, settings, clock, dir, machine, litebenchVersion, progress::note);
        } catch (BenchFailure e) {
            progress.note("target " + spec.label() + " failed: " + e.getMessage());
            return new TargetOutcome(spec.label(), results, e.getMessage());
        }
        progress.note("arrival stamps: " + live.arrivalStamps().describe());
        try {
            for (ScenarioName name : settings.scenarios().stream().sorted().distinct().toList()) { // enum order: cold start first
                if (name == ScenarioName.COLD_START && !spec.launched()) {
                    if (settings.scenariosExplicit()) progress.note("cold-start skipped for " + spec.label() + ": not launched by LiteBench");
                    continue;
                }
                results.put(name, runScenario(name, clock, dir, results));
            }
        } finally {
            live.close();
            live = null;
        }
        return new TargetOutcome(spec.label(), results, null);
    }

    private ScenarioResult runScenario(ScenarioName name, RunClock clock, Path dir, Map<ScenarioName, ScenarioResult> earlier)
            throws InterruptedException {
        LiveTarget t = live;
        // cold start covers the server's life from spawn, and its first request went out at readiness, before now
        long startNanos = name == ScenarioName.COLD_START ? t.process().spawnNanos() : System.nanoTime();
        ScenarioResult r = new ScenarioResult(name.id, settings.profile().id(), t.info(), settings.config(name), settings.slo(),
                clock, clock.ms(startNanos), litebenchVersion, t::environment, t.telemetry());
        ResultFile file = new ResultFile(dir.resolve(name.id + ".json"), r, 1000);
        current = file;
        file.write();
        try {
            Scenario.of(name).run(new ScenarioContext(t, settings, clock, file, progress, Map.copyOf(earlier)));
            r.finish("complete", null);
        } catch (BenchFailure e) {
            r.finish("failed", e.getMessage());
            progress.note(name.id + " failed on " + t.spec().label() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            r.finish("failed", String.valueOf(e));
            file.write();
            throw e;
        } catch (InterruptedException e) {
            r.finish("interrupted", null);
            file.write();
            throw e;
        }
        file.write();
        current = null;
        progress.note(name.id + " written to " + file.path());
        return r;
    }

    private void onInterrupt() {
        ResultFile f = current;
        if (f != null && f.result().status().equals("running")) {
            f.result().finish("interrupted", "interrupted (Ctrl-C or termination)");
            f.write();
        }
        LiveTarget t = live;
        if (t != null) t.close();
    }
}
