package dev.litebench.bench.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.bench.loopback.LoopbackBehavior;
import dev.litebench.bench.loopback.LoopbackServer;
import dev.litebench.bench.testing.Runs;
import dev.litebench.bench.testing.SchemaCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Real output of every scenario (cold-start: see LaunchTest) against docs/result.schema.json. */
class ResultSchemaTest {

    @TempDir
    Path dir;

    @Test
    void everyScenarioFileMatchesTheSchema() throws Exception {
        SchemaCheck schema = SchemaCheck.resultSchema();
        try (LoopbackServer server = LoopbackServer.start(new LoopbackBehavior().ttftMs(5).itlMs(2).timings(true).failEvery(7, 503), 0)) {
            var s = Runs.settings("latency", "concurrency", "capacity", "context", "rate").latencyRequests(3)
                    .concurrencyLevels(List.of(1, 2)).rounds(1).capacityMaxConcurrency(2).contextLengths(List.of(32)).contextRequests(2)
                    .rateRequests(3).build();
            Runs.run(s, dir, Runs.endpoint("lb", server.url()));
        }
        for (String scenario : List.of("latency", "concurrency", "capacity", "context", "rate")) {
            JsonNode doc = Runs.read(dir.resolve("lb/" + scenario + ".json"));
            assertThat(schema.violations(doc)).as(scenario).isEmpty();
            assertThat(doc.path("summary").has("ttft_ms")).as(scenario + " " + doc.path("summary")).isTrue();
        }
        JsonNode capacity = Runs.read(dir.resolve("lb/capacity.json"));
        assertThat(capacity.path("capacity").path("text").asText()).isNotEmpty();
        // a failed request (every 7th; warm-ups fail too but are not recorded) is in the files with its error
        int failed = 0;
        for (String scenario : List.of("latency", "concurrency", "capacity", "context", "rate")) {
            failed += Runs.read(dir.resolve("lb/" + scenario + ".json")).path("audit").path("errors_by_kind").path("http_5xx").asInt();
        }
        assertThat(failed).isPositive();
    }

    @Test
    void theCheckerCatchesAMissingOrWrongField() throws Exception {
        SchemaCheck schema = SchemaCheck.resultSchema();
        try (LoopbackServer server = LoopbackServer.start(new LoopbackBehavior().ttftMs(2).itlMs(1), 0)) {
            Runs.run(Runs.settings("latency").latencyRequests(1).build(), dir, Runs.endpoint("lb", server.url()));
        }
        ObjectNode doc = (ObjectNode) Runs.read(dir.resolve("lb/latency.json"));
        ((ObjectNode) doc.path("summary").path("e2e_ms")).remove("p99");
        ((ObjectNode) doc.path("target")).put("api", "embeddings");
        doc.remove("audit");
        assertThat(schema.violations(doc)).containsExactlyInAnyOrder("$: missing audit", "$.target.api: \"embeddings\" not in [\"chat\",\"completions\"]",
                "$.summary.e2e_ms: missing p99");
    }
}
