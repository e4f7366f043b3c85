package dev.litebench.bench.report;

import java.nio.file.Path;

/** The committed result files of real runs (see src/test/resources/report-runs/README.md); tests run in the module directory. */
public final class ReportRuns {
    public static final Path ROOT = Path.of("src", "test", "resources", "report-runs");
    /** Targets fast and lean, one run, every scenario. */
    public static final Path TWO_TARGETS = ROOT.resolve("two-targets");
    /** Target fast alone, another run: client on one core, 20 output tokens, latency and concurrency. */
    public static final Path ONE_CORE_FAST = ROOT.resolve("one-core").resolve("fast");

    private ReportRuns() {}
}
