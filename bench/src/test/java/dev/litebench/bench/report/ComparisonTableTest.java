package dev.litebench.bench.report;

import dev.litebench.bench.BenchRun.TargetOutcome;
import dev.litebench.bench.loopback.LoopbackBehavior;
import dev.litebench.bench.loopback.LoopbackServer;
import dev.litebench.bench.testing.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonTableTest {

    @TempDir
    Path dir;

    @Test
    void theBetterValueIsMarkedByTheRuleOfItsRow() {
        var lower = new ComparisonTable.Row("TTFT p50", ComparisonTable.Unit.MS, ComparisonTable.Better.LOWER, List.of(30.0, 20.0, 25.0));
        var higher = new ComparisonTable.Row("req/s", ComparisonTable.Unit.NUMBER, ComparisonTable.Better.HIGHER, Arrays.asList(3.0, null, 5.0));
        var none = new ComparisonTable.Row("CPU %", ComparisonTable.Unit.PERCENT, ComparisonTable.Better.NONE, List.of(1.0, 2.0));
        var tie = new ComparisonTable.Row("x", ComparisonTable.Unit.NUMBER, ComparisonTable.Better.LOWER, List.of(1.0, 1.0));
        assertThat(ComparisonTable.best(lower)).containsExactly(1);
        assertThat(ComparisonTable.best(higher)).containsExactly(2);
        assertThat(ComparisonTable.best(none)).isEmpty();
        assertThat(ComparisonTable.best(tie)).isEmpty();
    }

    @Test
    void twoTargetsGetOneColumnEachTheFasterMarkedAndTheDefinitionsPrinted() throws Exception {
        try (LoopbackServer fast = LoopbackServer.start(new LoopbackBehavior().ttftMs(10).itlMs(2), 0);
             LoopbackServer slow = LoopbackServer.start(new LoopbackBehavior().ttftMs(120).itlMs(20), 0)) {
            List<TargetOutcome> outcomes = Runs.run(Runs.settings("latency").latencyRequests(3).build(), dir,
                    Runs.endpoint("fast", fast.url()), Runs.endpoint("slow", slow.url()));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ComparisonTable.print(outcomes, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String out = bytes.toString(StandardCharsets.UTF_8);
            String header = out.lines().filter(l -> l.startsWith("latency")).findFirst().orElseThrow();
            assertThat(header).contains("fast").contains("slow");
            String ttft = out.lines().filter(l -> l.startsWith("TTFT p50")).findFirst().orElseThrow();
            assertThat(ttft.indexOf('*')).as(ttft).isBetween(ttft.indexOf("ms"), ttft.lastIndexOf("ms"));
            String tokps = out.lines().filter(l -> l.startsWith("output tok/s")).findFirst().orElseThrow();
            assertThat(tokps.indexOf('*')).as(tokps).isLessThan(tokps.lastIndexOf(' ', tokps.length() - 2));
            assertThat(out).contains("TTFT: intended send -> first chunk carrying generated text or reasoning")
                    .contains("* better: lower latency");
        }
    }
}
