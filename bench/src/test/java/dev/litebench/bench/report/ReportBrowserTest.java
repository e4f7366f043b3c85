package dev.litebench.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * report.html in a real browser: headless Chromium loads it from disk, its DOM after the scripts ran says how many
 * charts were drawn, the points of each and any JavaScript error; Chromium's console log is scanned for uncaught
 * errors; a screenshot is kept in target/report-browser/. Skipped when no Chromium is installed (.ci/run installs
 * Debian's).
 */
class ReportBrowserTest {
    private static final Pattern STATUS = Pattern.compile("<div id=\"report-status\"[^>]*data-charts=\"(\\d+)\" data-drawn=\"(\\d+)\" data-errors=\"(\\d+)\"");
    private static final Pattern CANVAS = Pattern.compile("<canvas id=\"chart-([a-z0-9-]+)\"[^>]*?(?:data-points=\"(\\d+)\")?>");
    private static Path chromium;

    @TempDir
    Path dir;

    @BeforeAll
    static void findChromium() {
        chromium = Stream.of(System.getenv("PATH").split(File.pathSeparator)).flatMap(d -> Stream.of(Path.of(d, "chromium"), Path.of(d, "chromium-browser")))
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(chromium != null, "no chromium on PATH: report.html not checked in a browser (.ci/run installs Debian's chromium)");
    }

    /** What the page reported after loading: its status element, each chart's drawn points, Chromium's console. */
    record Page(int charts, int drawn, int errors, Map<String, Integer> points, String console) {}

    @Test
    void theTwoTargetReportDrawsEveryChartWithoutAJavaScriptError() throws Exception {
        Report.write(List.of(ReportRuns.TWO_TARGETS), dir, EnumSet.of(ReportFormat.HTML));
        Page page = load(dir.resolve("report.html"));
        assertThat(page.errors()).as(page.console()).isZero();
        assertThat(page.console()).doesNotContain("Uncaught");
        assertThat(page.charts()).isEqualTo(8);
        assertThat(page.drawn()).isEqualTo(8);
        assertThat(page.points()).hasSize(8).allSatisfy((id, n) -> assertThat(n).as(id).isPositive());
        assertThat(page.points().get("throughput-concurrency")).isEqualTo(8);

        Path png = screenshot(dir.resolve("report.html"));
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(50_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        Path kept = Files.createDirectories(Path.of("target", "report-browser")).resolve("report.png");
        Files.copy(png, kept, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aThrowingChartAnEmptyChartAndAnUncaughtErrorAreAllCaught() throws Exception {
        Report.write(List.of(ReportRuns.TWO_TARGETS), dir, EnumSet.of(ReportFormat.HTML));
        String html = Files.readString(dir.resolve("report.html"));
        String open = "<script type=\"application/json\" id=\"report-data\">";
        int start = html.indexOf(open) + open.length();
        int end = html.indexOf("</script>", start);
        ObjectMapper json = new ObjectMapper();
        ObjectNode data = (ObjectNode) json.readTree(html.substring(start, end));
        ((ObjectNode) data.path("charts").get(0)).put("type", "no-such-chart");
        data.path("charts").get(3).path("series").forEach(s -> ((ObjectNode) s).putArray("points"));
        Path broken = dir.resolve("broken.html");
        Files.writeString(broken, html.substring(0, start) + json.writeValueAsString(data)
                + html.substring(end).replace("</body>", "<script>notDefinedAnywhere();</script>\n</body>"));
        Page page = load(broken);
        assertThat(page.errors()).isEqualTo(2);
        assertThat(page.console()).contains("Uncaught ReferenceError: notDefinedAnywhere is not defined");
        assertThat(page.points().get("ttft-concurrency")).isNull();
        assertThat(page.points().get("throughput-concurrency")).isZero();
        assertThat(page.drawn()).isEqualTo(6);
    }

    private Page load(Path html) throws Exception {
        Run r = chromium(List.of("--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom", html.toUri().toString()));
        Matcher status = STATUS.matcher(r.stdout());
        assertThat(status.find()).as("no #report-status in the DOM: " + r.stderr()).isTrue();
        Map<String, Integer> points = new LinkedHashMap<>();
        Matcher canvas = CANVAS.matcher(r.stdout());
        while (canvas.find()) points.put(canvas.group(1), canvas.group(2) == null ? null : Integer.parseInt(canvas.group(2)));
        return new Page(Integer.parseInt(status.group(1)), Integer.parseInt(status.group(2)), Integer.parseInt(status.group(3)), points,
                r.stderr());
    }

    private Path screenshot(Path html) throws Exception {
        Path png = dir.resolve("report.png");
        chromium(List.of("--hide-scrollbars", "--screenshot=" + png, "--window-size=1400,3000", html.toUri().toString()));
        assertThat(png).exists();
        return png;
    }

    private record Run(String stdout, String stderr) {}

    private Run chromium(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(dir, "profile")));
        cmd.addAll(args);
        Path out = dir.resolve("chromium.out");
        Path err = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(45, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 45 s: " + Files.readString(err));
        }
        return new Run(Files.readString(out), Files.readString(err));
    }
}
