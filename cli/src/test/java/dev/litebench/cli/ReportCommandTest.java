package dev.litebench.cli;

import dev.litebench.bench.loopback.LoopbackBehavior;
import dev.litebench.bench.loopback.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.litebench.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

class ReportCommandTest {
    /** Result files of real runs, committed with the bench module's tests. */
    private static final Path RUNS = Path.of("..", "bench", "src", "test", "resources", "report-runs");

    @TempDir
    Path dir;

    @Test
    void helpSaysWhatIsReadAndWritten() {
        CliRun r = run("report", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).as("picocli format warnings").isEmpty();
        assertThat(r.out()).contains("RESULT_DIR_OR_FILES", "-o, --output=DIR", "--format=md,html,csv", "report.md", "report.html",
                "summary.csv", "different machines", "Exit codes");
    }

    @Test
    void writesTheReportOfARunDirectoryAndPrintsWhereItIs() throws Exception {
        CliRun r = run("report", RUNS.resolve("two-targets").toString(), "-o", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly("report: " + dir.resolve("report.md"), "report: " + dir.resolve("report.html"),
                "report: " + dir.resolve("summary.csv"));
        assertThat(Files.readString(dir.resolve("report.md"))).startsWith("# LiteBench report: fast vs lean");
    }

    @Test
    void formatsAndFilesCanBeChosen() throws Exception {
        CliRun r = run("report", RUNS.resolve("one-core/fast/latency.json").toString(), RUNS.resolve("two-targets/lean/latency.json").toString(),
                "-o", dir.toString(), "--format", "csv,md");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("report.md", "summary.csv");
        assertThat(Files.readString(dir.resolve("report.md"))).contains("⚠ Measured on different machines");
    }

    @Test
    void badInputIsOneLineWithExitCode2() throws Exception {
        Path notResult = Files.writeString(dir.resolve("x.json"), "[1, 2]");
        assertBadInput(run("report", dir.resolve("missing").toString()), "missing: no such file");
        assertBadInput(run("report", notResult.toString()), "x.json: not a LiteBench result file");
        assertBadInput(run("report", RUNS.resolve("two-targets").toString(), "-o", dir.toString(), "--format", "pdf"),
                "unknown report format 'pdf' (use md, html, csv)");
        assertBadInput(run("report"), "Missing required parameter");
    }

    private static void assertBadInput(CliRun r, String message) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void benchEndsByWritingTheReportAndPrintingItsPaths() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(new LoopbackBehavior().ttftMs(5).itlMs(2), 0)) {
            CliRun r = run("bench", "--endpoint", server.url(), "--label", "lb", "--scenario", "latency,concurrency", "--requests", "3",
                    "--levels", "1,2", "--rounds", "1", "--output-tokens", "4", "--warmup", "0", "-o", dir.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("report: " + dir.toAbsolutePath().resolve("report.md"), "report: " + dir.toAbsolutePath().resolve("report.html"),
                    "report: " + dir.toAbsolutePath().resolve("summary.csv"));
            assertThat(Files.readString(dir.resolve("report.md"))).startsWith("# LiteBench report: lb\n").contains("| TTFT p50, 1 stream |");
        }
    }
}
