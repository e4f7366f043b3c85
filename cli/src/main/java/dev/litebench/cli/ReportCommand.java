package dev.litebench.cli;

import dev.litebench.bench.report.Report;
import dev.litebench.bench.report.ReportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Turn bench result files into the comparison an engineer would otherwise write by hand: one column per "
                        + "target, the better value per metric with the rule used and the difference in %%, medians with "
                        + "their 95%% intervals, recommendations per use derived from the numbers, the validity audit's "
                        + "warnings and the environment. Results from different machines, settings or LiteBench versions "
                        + "are flagged at the top.",
                "",
                "Writes into DIR:",
                "  report.md    summary; which target for which use; latency, concurrency,",
                "               capacity, input-length, rate and cold-start tables; audit;",
                "               environment; metric definitions",
                "  report.html  the same as one self-contained page that works offline, with",
                "               charts (latency and throughput vs concurrency, latency vs",
                "               input length, CPU / GPU / memory over the run, every request)",
                "               and docs/METRICS.md as tooltips and in full",
                "  summary.csv  one row per target x scenario x level, for spreadsheets",
                "",
                "Reads schema 1.x result files (docs/RESULTS.md) from any machine or LiteBench version. "
                        + "`litebench bench` writes this report at the end of every run.",
                ""},
        footer = {"", "Examples:",
                "  litebench report litebench-results/20260101-120000",
                "  litebench report runA/qwen runB/glm -o compare --format md,csv",
                "  litebench report a/latency.json b/latency.json -o latency-only",
                "Exit codes: 0 ok, 1 cannot write, 2 bad input (no such file, not a result file, unknown format)."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RESULT_DIR_OR_FILES",
            description = "Result files (<scenario>.json), or directories searched for them: a run (DIR/<label>/*.json), "
                    + "one target's directory, or several runs. Targets with the same label in different runs are told "
                    + "apart by their run directory.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Where to write (default: the first RESULT_DIR, or the directory of the first file).")
    Path output;

    @Option(names = "--format", paramLabel = "md,html,csv", defaultValue = "md,html,csv",
            description = "Which files to write, comma-separated (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws IOException {
        var formats = ReportFormat.parse(format);
        Path first = inputs.getFirst();
        Path dir = output != null ? output : Files.isDirectory(first) ? first : first.toAbsolutePath().getParent();
        printWritten(Report.write(inputs, dir, formats), System.out);
        return Main.EXIT_OK;
    }

    /**
     * The report at the end of {@code litebench bench}, in the result directory: all three files. Returns false (after
     * saying why) when it could not be written; a run that wrote no result file gets no report.
     */
    static boolean afterBench(Path resultDir, PrintStream out, PrintStream err) {
        try {
            if (!hasResults(resultDir)) {
                err.println("litebench: no result file written, so no report");
                return true;
            }
            printWritten(Report.write(List.of(resultDir), resultDir, EnumSet.allOf(ReportFormat.class)), out);
            return true;
        } catch (IOException | RuntimeException e) {
            err.println("litebench: report not written: " + Errors.message(e instanceof UncheckedIOException u ? u.getCause() : e));
            return false;
        }
    }

    private static boolean hasResults(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".json"));
        }
    }

    private static void printWritten(List<Path> files, PrintStream out) {
        for (Path f : files) out.println("report: " + f.toAbsolutePath().normalize());
    }
}
