package dev.litebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.litebench.bench.loopback.LoopbackBehavior;
import dev.litebench.bench.loopback.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A bench process terminated mid-scenario (SIGTERM, as Ctrl-C's SIGINT) leaves a valid file with what it measured. */
class InterruptTest {

    @TempDir
    Path dir;

    @Test
    void terminationMarksTheScenarioInterruptedAndKeepsItsRequests() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(new LoopbackBehavior().ttftMs(10).itlMs(40), 0)) {
            Path file = dir.resolve("lb/latency.json");
            Process bench = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                    System.getProperty("java.class.path"), Main.class.getName(), "bench", "--endpoint", server.url(), "--label", "lb",
                    "--scenario", "latency", "--requests", "1000", "--output-tokens", "5", "-o", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("bench.log").toFile()).start();
            ObjectMapper json = new ObjectMapper();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (Files.exists(file) && json.readTree(file.toFile()).path("requests").size() >= 3) break;
                Thread.sleep(100);
            }
            bench.destroy();
            assertThat(bench.waitFor(30, TimeUnit.SECONDS)).isTrue();
            JsonNode r = json.readTree(file.toFile());
            assertThat(r.path("status").asText()).isEqualTo("interrupted");
            assertThat(r.path("requests").size()).isBetween(3, 999);
            assertThat(r.path("summary").path("requests_ok").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(List.of(dir.resolve("lb").toFile().list())).containsExactly("latency.json");
        }
    }
}
