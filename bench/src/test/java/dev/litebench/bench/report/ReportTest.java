package dev.litebench.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The report of the committed real runs, its numbers checked against the result files they come from. */
class ReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    @Test
    void writesTheThreeFilesAsked() throws IOException {
        assertThat(Report.write(List.of(ReportRuns.TWO_TARGETS), out, EnumSet.allOf(ReportFormat.class)))
                .containsExactly(out.resolve("report.md"), out.resolve("report.html"), out.resolve("summary.csv"));
        assertThat(Report.write(List.of(ReportRuns.TWO_TARGETS), out.resolve("csv"), EnumSet.of(ReportFormat.CSV)))
                .containsExactly(out.resolve("csv/summary.csv"));
        assertThat(out.resolve("csv").toFile().list()).containsExactly("summary.csv");
    }

    @Test
    void theSummaryNamesTheBetterTargetByTheRuleWithTheDifferenceAndTheMedianIntervals() throws IOException {
        String md = markdown(ReportRuns.TWO_TARGETS);
        JsonNode fast = result("fast", "latency");
        JsonNode lean = result("lean", "latency");
        double fastTtft = fast.at("/summary/ttft_ms/p50").asDouble();
        double leanTtft = lean.at("/summary/ttft_ms/p50").asDouble();
        // 10 requests: the interval is the 2nd and 9th smallest TTFT
        String expected = "| TTFT p50, 1 stream | **" + Format.ms(fastTtft) + " \\[" + Format.ms(sorted(fast, "ttft_ms").get(1)) + " – "
                + Format.ms(sorted(fast, "ttft_ms").get(8)) + "\\]** | " + Format.ms(leanTtft) + " \\[" + Format.ms(sorted(lean, "ttft_ms").get(1))
                + " – " + Format.ms(sorted(lean, "ttft_ms").get(8)) + "\\] | fast | " + Math.round((leanTtft - fastTtft) / leanTtft * 100)
                + "% lower | lower latency |";
        assertThat(line(md, "| TTFT p50, 1 stream |")).isEqualTo(expected);
        assertThat(line(md, "| peak server memory (RSS) |")).contains("| **182 MiB** | lean | 56% lower | lower memory |");
        assertThat(line(md, "| max concurrency (p90 E2E ≤ 2000 ms) |")).isEqualTo(
                "| max concurrency (p90 E2E ≤ 2000 ms) | **16 \\[16 – ∞\\]** | 13 \\[13 – 13\\] | fast | 23% higher | higher capacity |");
        // fast is 22% lower at concurrency 8 but its interval reaches into lean's
        assertThat(line(md, "| TTFT p50 at concurrency 8 |")).endsWith("| no clear winner | 22% lower (intervals overlap) | lower latency |");
        assertThat(md).doesNotContain("⚠");
    }

    @Test
    void recommendationsAreDerivedFromTheNumbers() throws IOException {
        String md = markdown(ReportRuns.TWO_TARGETS);
        assertThat(line(md, "- Interactive chat:")).startsWith("- Interactive chat: **fast** — TTFT p50, 1 stream 24% lower (")
                .endsWith("; lower at concurrency 1, 2, 4 (22% to 29% lower), not at c=8 (no clear difference).");
        assertThat(line(md, "- Memory-constrained:")).isEqualTo("- Memory-constrained: **lean** — peak server memory (RSS) 233 MiB less "
                + "(56% lower) (415 MiB for fast vs 182 MiB for lean).");
        assertThat(line(md, "- Scale to zero, frequent restarts:")).startsWith("- Scale to zero, frequent restarts: **lean** — cold start: spawn → ready 14% lower");
        assertThat(line(md, "| Many users within the SLO |")).endsWith("| fast |");
    }

    @Test
    void theDetailTablesShowEveryLevelWithGrowthAndResources() throws IOException {
        String md = markdown(ReportRuns.TWO_TARGETS);
        assertThat(sectionTitles(md)).containsExactly("Summary", "Which target for which use", "Latency, one request at a time",
                "Concurrency: throughput, latency and resources per level", "Capacity under the SLO", "Latency vs input length",
                "Open-loop request rates", "Cold start", "Validity audit", "Environment", "Metric definitions");
        JsonNode longest = result("lean", "context").at("/levels/2");
        assertThat(line(md, "| 1024 | lean |")).startsWith("| 1024 | lean | " + Format.ms(longest.at("/summary/ttft_ms/mean").asDouble())
                + " | " + String.format(java.util.Locale.ROOT, "%+.1f %%", longest.at("/growth_pct/ttft").asDouble()) + " |");
        assertThat(line(md, "| concurrency | target |")).contains("| server CPU | client CPU | server RSS max |").doesNotContain("GPU");
        assertThat(line(md, "| 8 | fast |")).startsWith("| 8 | fast | " + Unit.REQ_PER_S.format(result("fast", "concurrency").at("/levels/3/summary/request_throughput").asDouble()));
        assertThat(line(md, "| lean | 13 |")).contains("| 1 ✓, 2 ✓, 4 ✓, 8 ✓, 16 ✗, 12 ✓, 14 ✗, 13 ✓ |");
        assertThat(md).contains("- **lean, rate**: client send lag reached 31.71 ms");
        assertThat(line(md, "| cores |")).isEqualTo("| cores | 2 | 2 |");
        assertThat(line(md, "| model |")).isEqualTo("| model | **fake-fast** | **fake-lean** |");
        for (String name : List.of("ttft_ms", "tpot_ms", "e2e_ms", "ITL", "output_token_throughput", "request_throughput", "goodput",
                "slo_attainment", "capacity", "context", "rate", "cold-start", "concurrency", "server_cpu_pct", "client_cpu_pct",
                "server_rss_bytes", "requests_ok", "audit")) {
            assertThat(md).as(name).contains("\n- **" + name + "**: ");
        }
    }

    @Test
    void aSingleTargetGetsTheSameReportWithoutComparison() throws IOException {
        String md = markdown(ReportRuns.TWO_TARGETS.resolve("fast"));
        assertThat(md).startsWith("# LiteBench report: fast\n");
        assertThat(line(md, "| metric |")).isEqualTo("| metric | fast |");
        assertThat(line(md, "| audit warnings |")).isEqualTo("| audit warnings | 8 |");
        assertThat(sectionTitles(md)).doesNotContain("Which target for which use").contains("Summary", "Cold start", "Environment");
        assertThat(line(md, "| target |")).doesNotContain("lean");
    }

    @Test
    void resultsFromAnotherMachineAndOtherSettingsAreFlaggedFirst() throws IOException {
        String md = markdown(ReportRuns.ONE_CORE_FAST, ReportRuns.TWO_TARGETS.resolve("lean"));
        List<String> lines = md.lines().toList();
        assertThat(lines.get(2)).isEqualTo("> **⚠ Measured on different machines: cores: fast 1, lean 2. Differences between targets "
                + "are partly differences between the machines.**");
        assertThat(lines.get(4)).startsWith("> **⚠ Measured with different settings: output\\_tokens: fast 20, lean 50 (latency, concurrency); "
                + "warmup\\_requests: fast 2, lean 1 (latency, concurrency).");
        assertThat(md).contains("2 separate runs, started");
        assertThat(line(md, "| E2E p50 (fast 20, lean 50 tokens) |")).isNotNull();
        // totals over the scenarios both ran, and said so
        assertThat(line(md, "| audit warnings, in latency, concurrency |")).isNotNull();
        assertThat(Files.readString(out.resolve("report.html"))).contains("<div class=\"alert\">⚠ Measured on different machines: cores: fast 1, lean 2.");
    }

    @Test
    void anUnfinishedScenarioIsFlagged() throws IOException {
        Path run = Files.createDirectories(out.resolve("run/fast"));
        Files.writeString(run.resolve("latency.json"), Files.readString(ReportRuns.ONE_CORE_FAST.resolve("latency.json"))
                .replace("\"status\":\"complete\"", "\"status\":\"interrupted\",\"error\":\"interrupted (Ctrl-C or termination)\""));
        assertThat(markdown(run)).contains("> **⚠ Incomplete results: fast latency interrupted (interrupted (Ctrl-C or termination)).");
    }

    @Test
    void theCsvHasOneRowPerTargetScenarioAndLevelWithTheFilesNumbers() throws IOException {
        Report.write(List.of(ReportRuns.TWO_TARGETS), out, EnumSet.of(ReportFormat.CSV));
        List<String> rows = Files.readString(out.resolve("summary.csv")).lines().toList();
        List<String> header = List.of(rows.getFirst().split(","));
        int expected = 0;
        for (String t : List.of("fast", "lean")) {
            for (String s : List.of("cold-start", "latency", "concurrency", "capacity", "context", "rate")) {
                expected += Math.max(1, result(t, s).path("levels").size());
            }
        }
        assertThat(rows).hasSize(1 + expected);
        String c8 = rows.stream().filter(r -> r.startsWith("lean,fake-lean,concurrency,complete,8,")).findFirst().orElseThrow();
        double tokps = result("lean", "concurrency").at("/levels/3/summary/output_token_throughput").asDouble();
        assertThat(c8.split(",")[header.indexOf("output_token_throughput")]).isEqualTo(BigDecimal.valueOf(tokps).stripTrailingZeros().toPlainString());
        assertThat(header).contains("ttft_p50_ms", "e2e_p90_ms", "ttft_growth_pct", "server_rss_bytes_max", "gpu_memory_mib_max");
    }

    @Test
    void csvFieldsWithCommasOrQuotesAreQuoted() throws IOException {
        Path run = Files.createDirectories(out.resolve("run/x"));
        Files.writeString(run.resolve("latency.json"), Files.readString(ReportRuns.ONE_CORE_FAST.resolve("latency.json"))
                .replace("\"label\":\"fast\"", "\"label\":\"fast, \\\"tuned\\\"\""));
        Report.write(List.of(run), out, EnumSet.of(ReportFormat.CSV));
        assertThat(Files.readString(out.resolve("summary.csv")).lines().skip(1).findFirst().orElseThrow()).startsWith("\"fast, \"\"tuned\"\"\",fake-fast,latency,");
    }

    @Test
    void theHtmlIsSelfContainedWithChartsTooltipsAndTheDefinitions() throws IOException {
        Report.write(List.of(ReportRuns.TWO_TARGETS), out, EnumSet.of(ReportFormat.HTML));
        String html = Files.readString(out.resolve("report.html"));
        assertThat(Pattern.compile("(?i)<(script|link|img|iframe)[^>]*\\s(src|href)=").matcher(html).find()).isFalse();
        assertThat(html).contains("/*!\n * Chart.js v4.5.1\n * https://www.chartjs.org\n * (c) 2025 Chart.js Contributors\n * Released under the MIT License\n */");
        assertThat(html).contains("<span class=\"metric\" title=\"TTFT = a_1 - t_send: first token-carrying chunk (reasoning counts).\">TTFT p50, 1 stream</span>");
        assertThat(html).contains("background:" + TargetColors.of(0)).contains("background:" + TargetColors.of(1));
        assertThat(html).contains("<details><summary>docs/METRICS.md in full: every formula</summary>").contains("<h2>Validity audit</h2>");
        String data = html.substring(html.indexOf("<script type=\"application/json\" id=\"report-data\">"));
        JsonNode charts = JSON.readTree(data.substring(data.indexOf('>') + 1, data.indexOf("</script>"))).path("charts");
        assertThat(StreamSupport.stream(charts.spliterator(), false).map(c -> c.path("id").asText())).containsExactly("ttft-concurrency",
                "itl-concurrency", "e2e-concurrency", "throughput-concurrency", "latency-input", "cpu-timeline", "memory-timeline", "request-latency");
        assertThat(html).contains("data-charts=\"8\"");
    }

    @Test
    void gpuTelemetryAddsItsColumnsItsRowAndItsCharts() throws IOException {
        // the recorded runs had no GPU: a copy gets GPU fields as nvidia-smi telemetry writes them
        Path run = out.resolve("gpu-run");
        for (String t : List.of("fast", "lean")) {
            ObjectNode doc = (ObjectNode) result(t, "concurrency");
            double mib = t.equals("fast") ? 1800 : 1500;
            doc.path("levels").forEach(l -> ((ObjectNode) l.path("resources")).put("gpu_util_pct_mean", 40.0).put("gpu_memory_mib_max", mib));
            doc.path("telemetry").path("samples").forEach(x -> ((ObjectNode) x).put("gpu_util_pct", 40.0).put("gpu_memory_mib", mib));
            ((ObjectNode) doc.path("telemetry").path("usage")).put("gpu_memory_mib_max", mib);
            Files.createDirectories(run.resolve(t));
            JSON.writeValue(run.resolve(t).resolve("concurrency.json").toFile(), doc);
        }
        String md = markdown(run);
        assertThat(line(md, "| concurrency | target |")).contains("| GPU util | server RSS max | GPU memory max |");
        assertThat(line(md, "| 8 | lean |")).endsWith("| 40 % | 178 MiB | 1500 MiB |");
        assertThat(line(md, "| peak GPU memory |")).isEqualTo("| peak GPU memory | 1800 MiB | **1500 MiB** | lean | 17% lower | lower memory |");
        assertThat(line(md, "- Memory-constrained:")).startsWith("- Memory-constrained: **lean** — peak GPU memory 300 MiB less (17% lower)");
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("\"id\":\"gpu-timeline\"", "Memory over the run (server RSS, GPU memory dashed)");
    }

    @Test
    void theEnvironmentTableSaysWhereEachServerPlacedItsWeights() throws IOException {
        // the recorded runs predate environment.server.weights (schema 1.4): a copy gets it as a LiteBench server's /version gives it
        Path run = out.resolve("weights-run");
        for (String t : List.of("fast", "lean")) {
            ObjectNode doc = (ObjectNode) result(t, "latency");
            ((ObjectNode) doc.path("environment").path("server")).put("weights",
                    t.equals("fast") ? "copied into anonymous memory, 2 MiB pages" : "mapped from the file, 4 KiB pages");
            Files.createDirectories(run.resolve(t));
            JSON.writeValue(run.resolve(t).resolve("latency.json").toFile(), doc);
        }
        assertThat(line(markdown(run), "| server weights |"))
                .isEqualTo("| server weights | **copied into anonymous memory, 2 MiB pages** | **mapped from the file, 4 KiB pages** |");
        assertThat(markdown(ReportRuns.TWO_TARGETS)).doesNotContain("| server weights |");
    }

    private String markdown(Path... inputs) throws IOException {
        Report.write(List.of(inputs), out, EnumSet.of(ReportFormat.MD, ReportFormat.HTML));
        return Files.readString(out.resolve("report.md"));
    }

    private static JsonNode result(String target, String scenario) throws IOException {
        return JSON.readTree(ReportRuns.TWO_TARGETS.resolve(target).resolve(scenario + ".json").toFile());
    }

    private static List<Double> sorted(JsonNode result, String field) {
        List<Double> v = new ArrayList<>();
        result.path("requests").forEach(r -> v.add(r.path(field).asDouble()));
        v.sort(null);
        return v;
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no line starting with " + prefix));
    }

    private static List<String> sectionTitles(String md) {
        return md.lines().filter(l -> l.startsWith("## ")).map(l -> l.substring(3)).toList();
    }
}
