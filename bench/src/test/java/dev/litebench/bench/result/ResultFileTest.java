package dev.litebench.bench.result;

import dev.litebench.bench.measure.RunClock;
import dev.litebench.bench.measure.Slo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResultFileTest {
    @TempDir
    Path dir;

    private static ScenarioResult result() {
        TargetInfo target = new TargetInfo("t", "endpoint", "http://127.0.0.1:1", "m", "chat", List.of(), null, true, null);
        return new ScenarioResult("latency", "quick", target, Map.of(), new Slo(2000, null, null), RunClock.start(), 0,
                "test", () -> null, null);
    }

    @Test
    void checkpointsWriteOnlyWhatChanged() throws Exception {
        ScenarioResult r = result();
        ResultFile file = new ResultFile(dir.resolve("latency.json"), r, 0);
        file.checkpoint();
        assertThat(file.path()).as("a new file is written once").exists();
        file.write(); // warm: the spacing follows the last write's duration
        Files.delete(file.path());

        waitPastSpacing(file);
        file.checkpoint();
        assertThat(file.path()).as("nothing was measured since the last write").doesNotExist();

        r.warn("something happened");
        waitPastSpacing(file);
        file.checkpoint();
        assertThat(file.path()).exists();
        assertThat(Files.readString(file.path())).contains("something happened");
    }

    @Test
    void checkpointsAreSpacedByTheCostOfTheLastWrite() throws Exception {
        ScenarioResult r = result();
        ResultFile file = new ResultFile(dir.resolve("latency.json"), r, 0);
        file.write();
        file.write(); // warm: the spacing follows the last write's duration
        r.warn("a change");
        file.checkpoint(); // at once: the last write's duration times COST_FACTOR has not passed
        assertThat(Files.readString(file.path())).doesNotContain("a change");
        waitPastSpacing(file);
        file.checkpoint();
        assertThat(Files.readString(file.path())).contains("a change");
    }

    @Test
    void anExplicitWriteAlwaysWrites() throws Exception {
        ScenarioResult r = result();
        ResultFile file = new ResultFile(dir.resolve("latency.json"), r, 60_000);
        file.write();
        r.warn("late news");
        file.write();
        assertThat(Files.readString(file.path())).contains("late news");
    }

    /** Sleeps until a checkpoint may write again (the spacing is COST_FACTOR times the last write, a few ms here). */
    private static void waitPastSpacing(ResultFile file) throws InterruptedException {
        Thread.sleep(Math.max(1, file.spacingMillis()) + 1);
    }
}
