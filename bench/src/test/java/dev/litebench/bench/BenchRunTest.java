package dev.litebench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.litebench.bench.loopback.LoopbackBehavior;
import dev.litebench.bench.loopback.LoopbackServer;
import dev.litebench.bench.testing.Runs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Whole runs against the loopback server, whose schedule is known: every asserted number lies between what the
 * schedule makes possible and that plus a slack, so a wrong definition or a lost request cannot pass.
 */
class BenchRunTest {
    private static final double SLACK_MS = 60;

    @TempDir
    Path dir;
    private LoopbackServer server;

    private LoopbackServer start(LoopbackBehavior b) throws IOException {
        server = LoopbackServer.start(b, 0);
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void latencyNumbersFollowTheSchedule() throws Exception {
        start(new LoopbackBehavior().ttftMs(30).itlMs(10).timings(true));
        Runs.run(Runs.settings("latency").latencyRequests(5).build(), dir, Runs.endpoint("lb", server.url()));
        JsonNode r = Runs.read(dir.resolve("lb/latency.json"));
        assertThat(r.path("schema_version").asText()).isEqualTo("1.4");
        assertThat(r.path("status").asText()).isEqualTo("complete");
        assertThat(r.path("target").path("model").asText()).isEqualTo("loopback");
        JsonNode s = r.path("summary");
        assertThat(s.path("requests_ok").asInt()).isEqualTo(5);
        assertThat(s.path("requests_failed").asInt()).isZero();
        assertThat(s.path("ttft_ms").path("p50").asDouble()).isBetween(30.0, 30 + SLACK_MS);
        assertThat(s.path("e2e_ms").path("p50").asDouble()).isBetween(70.0, 70 + SLACK_MS);
        assertThat(s.path("tpot_ms").path("mean").asDouble()).isCloseTo(10, within(4.0));
        assertThat(s.path("itl_ms").path("count").asInt()).isEqualTo(5 * 4);
        assertThat(s.path("output_tokens").path("min").asInt()).isEqualTo(5);
        assertThat(s.path("output_tokens").path("max").asInt()).isEqualTo(5);
        assertThat(s.path("client_minus_server_ms").path("p50").asDouble()).isBetween(0.0, SLACK_MS);
        assertThat(r.path("requests")).hasSize(5);
        assertThat(r.path("requests").path(0).path("chunk_gaps_ms")).hasSize(4);
        assertThat(r.path("requests").path(0).path("server_timings").path("prompt_ms").isNumber()).isTrue();
        JsonNode audit = r.path("audit");
        assertThat(audit.path("empty_first_chunks").asInt()).isEqualTo(5);
        assertThat(audit.path("length_forced").asBoolean()).isTrue();
        // one prompt repeated, as the evaluations do: the loopback's prefix cache serves it, and the audit says so
        assertThat(audit.path("prefix_cache_hits").asInt()).isEqualTo(5);
        assertThat(audit.path("token_drift").path("drifted").asInt()).isZero();
        assertThat(r.path("environment").path("machine").path("cores").asInt()).isPositive();
        JsonNode stamps = r.path("environment").path("arrival_stamps");
        boolean linux = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux");
        assertThat(stamps.path("source").asText()).isEqualTo(linux ? "kernel" : "read-loop");
        assertThat(stamps.path(linux ? "kernel_stamped_reads" : "self_stamped_reads").asLong()).isPositive();
        assertThat(r.path("environment").path("server").path("version").asText()).isEqualTo("loopback-1");
        // the endpoint is local: its server process (this test's JVM) was found from the listening port
        assertThat(r.path("environment").path("server").path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(r.path("telemetry").path("samples").path(0).path("server_rss_bytes").asLong()).isPositive();
        assertThat(r.path("telemetry").path("status").path("gpu").asText()).isNotEmpty();
    }

    @Test
    void concurrencyMultipliesThroughputAsTheScheduleAllows() throws Exception {
        start(new LoopbackBehavior().ttftMs(20).itlMs(10));
        Runs.run(Runs.settings("concurrency").concurrencyLevels(List.of(1, 4)).rounds(3).build(), dir, Runs.endpoint("lb", server.url()));
        JsonNode levels = Runs.read(dir.resolve("lb/concurrency.json")).path("levels");
        assertThat(levels).hasSize(2);
        // each request takes at least 20 + 4*10 = 60 ms: at most 16.7 req/s per worker, so 25 needs real concurrency
        double one = levels.path(0).path("summary").path("request_throughput").asDouble();
        double four = levels.path(1).path("summary").path("request_throughput").asDouble();
        assertThat(levels.path(1).path("concurrency").asInt()).isEqualTo(4);
        assertThat(levels.path(1).path("summary").path("requests_ok").asInt()).isEqualTo(12);
        assertThat(one).isBetween(8.0, 16.7);
        assertThat(four).isBetween(25.0, 66.7);
        assertThat(levels.path(1).path("summary").path("output_token_throughput").asDouble()).isCloseTo(four * 5, within(1e-6));
        assertThat(levels.path(1).path("resources").path("samples").asInt()).isPositive();
    }

    @Test
    void capacityFindsTheConcurrencyWhereTheServerSlowsPastTheSlo() throws Exception {
        // E2E = 10 + 4 gaps of (10 + 40 ms per other active stream): c=1 50 ms, 2 210, 3 370, 4 530 ms; SLO 450 -> 3
        start(new LoopbackBehavior().ttftMs(10).itlMs(10).itlPerActiveMs(40));
        Runs.run(Runs.settings("capacity").sloE2eMs(450.0).capacityRounds(2).capacityMaxSteps(3).build(), dir, Runs.endpoint("lb", server.url()));
        JsonNode r = Runs.read(dir.resolve("lb/capacity.json"));
        JsonNode c = r.path("capacity");
        assertThat(c.path("value").asInt()).isEqualTo(3);
        assertThat(c.path("high").asInt()).isEqualTo(3);
        assertThat(c.path("text").asText()).isEqualTo("3 (exact: 3 passes, 4 fails)");
        List<Integer> tested = new java.util.ArrayList<>();
        for (JsonNode l : r.path("levels")) tested.add(l.path("concurrency").asInt());
        assertThat(tested).containsExactly(1, 2, 4, 3);
        assertThat(r.path("levels").path(2).path("passed").asBoolean()).isFalse();
        assertThat(r.path("levels").path(2).path("percentile_ms").asDouble()).isGreaterThan(450.0);
        assertThat(c.path("goodput").asDouble()).isPositive();
    }

    @Test
    void contextPromptsHaveExactLengthsAndDefeatThePrefixCache() throws Exception {
        start(new LoopbackBehavior().ttftMs(5).itlMs(2));
        Runs.run(Runs.settings("context").contextLengths(List.of(40, 120)).contextRequests(3).build(), dir, Runs.endpoint("lb", server.url()));
        JsonNode r = Runs.read(dir.resolve("lb/context.json"));
        for (JsonNode req : r.path("requests")) {
            assertThat(req.path("input_tokens").asInt()).isEqualTo(req.path("requested_input_tokens").asInt());
        }
        assertThat(r.path("requests")).hasSize(6);
        assertThat(r.path("audit").path("input_length_mismatches").asInt()).isZero();
        assertThat(r.path("audit").path("prefix_cache_hits").asInt()).isZero();
        // only the chat template's first 3 tokens are shared between prompts
        assertThat(r.path("audit").path("cached_tokens_max").asInt()).isEqualTo(3);
        assertThat(r.path("levels").path(0).path("growth_pct").path("ttft").asDouble()).isZero();
        assertThat(r.path("levels").path(1).path("input_tokens").asInt()).isEqualTo(120);
        assertThat(r.path("levels").path(1).path("growth_pct").path("e2e").isNumber()).isTrue();
    }

    @Test
    void contextLengthsAreExactWithoutATokenizerToo() throws Exception {
        start(new LoopbackBehavior().ttftMs(5).itlMs(2).tokenizeEndpoint(false));
        Runs.run(Runs.settings("context").contextLengths(List.of(64)).contextRequests(2).build(), dir, Runs.endpoint("lb", server.url()));
        JsonNode r = Runs.read(dir.resolve("lb/context.json"));
        assertThat(r.path("target").has("tokenizer")).isFalse();
        assertThat(r.path("requests").path(1).path("input_tokens").asInt()).isEqualTo(64);
        assertThat(r.path("audit").path("prefix_cache_hits").asInt()).isZero();
    }

    @Test
    void rateLevelsSendOnScheduleFromTheIntendedTime() throws Exception {
        start(new LoopbackBehavior().ttftMs(100).itlMs(5));
        Runs.run(Runs.settings("rate").rates(List.of(50.0)).rateRequests(10).build(), dir, Runs.endpoint("lb", server.url()));
        JsonNode r = Runs.read(dir.resolve("lb/rate.json"));
        JsonNode level = r.path("levels").path(0);
        assertThat(level.path("rate").asDouble()).isEqualTo(50.0);
        assertThat(level.path("summary").path("requests_ok").asInt()).isEqualTo(10);
        assertThat(level.path("summary").path("send_lag_ms").path("max").asDouble()).isLessThan(20.0);
        // requests overlap (each takes 120 ms, they arrive every ~20 ms) yet each is measured from its own send time
        assertThat(level.path("summary").path("e2e_ms").path("p50").asDouble()).isBetween(120.0, 120 + SLACK_MS);
    }

    @Test
    void concurrentScenariosFirstWarmUpAtTheirTopConcurrencyOncePerTarget() throws Exception {
        start(new LoopbackBehavior().ttftMs(20).itlMs(50));
        server.recordStreams(true);
        Runs.run(Runs.settings("concurrency", "capacity").concurrencyLevels(List.of(1, 3)).rounds(1)
                .capacityMaxConcurrency(2).capacityTrials(1).capacityRounds(1).build(), dir, Runs.endpoint("lb", server.url()));
        // the probe; concurrency: a round of 3 at once, the sequential warm-up, levels 1 and 3; capacity: no round
        // (the target already served 3 at once), the sequential warm-up, trials at 1 and 2
        assertThat(server.generationRequests()).isEqualTo(1 + (3 + 1 + 1 + 3) + (1 + 1 + 2));
        List<LoopbackServer.StreamLog> round = List.of(server.log("warmup-c3-0"), server.log("warmup-c3-1"), server.log("warmup-c3-2"));
        long lastArrival = round.stream().mapToLong(LoopbackServer.StreamLog::arrivalNanos).max().orElseThrow();
        long firstEnd = round.stream().mapToLong(l -> l.chunkWrittenNanos()[l.chunkWrittenNanos().length - 1]).min().orElseThrow();
        assertThat(lastArrival).as("the round's requests are in flight together").isLessThan(firstEnd);
        assertThat(server.log("concurrency-0-0").arrivalNanos()).isGreaterThan(lastArrival);
        assertThat(server.log("warmup-c2-0")).isNull();
        assertThat(Runs.read(dir.resolve("lb/concurrency.json")).path("config").path("warmup_concurrency").asInt()).isEqualTo(3);
        assertThat(Runs.read(dir.resolve("lb/capacity.json")).path("config").path("warmup_concurrency").asInt()).isEqualTo(2);
    }

    @Test
    void noWarmUpSendsNoConcurrentRoundEither() throws Exception {
        start(new LoopbackBehavior().ttftMs(5).itlMs(2));
        Runs.run(Runs.settings("concurrency").concurrencyLevels(List.of(1, 3)).rounds(1).warmupRequests(0).build(), dir,
                Runs.endpoint("lb", server.url()));
        assertThat(server.generationRequests()).isEqualTo(1 + 1 + 3);
    }

    @Test
    void failuresAreCountedByKindAndNeverAsSuccesses() throws Exception {
        // the first request (the probe) and the warm-up are generation requests 1 and 2; 4 and 8 fail
        start(new LoopbackBehavior().ttftMs(5).itlMs(2).failEvery(4, 500));
        Runs.run(Runs.settings("latency").latencyRequests(8).build(), dir, Runs.endpoint("lb", server.url()));
        JsonNode r = Runs.read(dir.resolve("lb/latency.json"));
        assertThat(r.path("summary").path("requests_ok").asInt()).isEqualTo(6);
        assertThat(r.path("summary").path("requests_failed").asInt()).isEqualTo(2);
        assertThat(r.path("summary").path("ttft_ms").path("count").asInt()).isEqualTo(6);
        assertThat(r.path("audit").path("errors_by_kind").path("http_5xx").asInt()).isEqualTo(2);
        assertThat(r.path("audit").path("warnings").toString()).contains("2 of 8 requests failed");
        assertThat(r.path("requests").path(1).path("error").path("kind").asText()).isEqualTo("http_5xx");
        assertThat(r.path("requests").path(1).has("ttft_ms")).isFalse();
    }

    @Test
    void unforcedLengthsAndMissingUsageAreAudited() throws Exception {
        start(new LoopbackBehavior().ttftMs(5).itlMs(2).rejectLengthControl(true).naturalLength(3).usage(false));
        Runs.run(Runs.settings("latency").latencyRequests(3).build(), dir, Runs.endpoint("lb", server.url()));
        JsonNode r = Runs.read(dir.resolve("lb/latency.json"));
        JsonNode audit = r.path("audit");
        assertThat(r.path("target").path("length_forced").asBoolean()).isFalse();
        assertThat(audit.path("length_forced").asBoolean()).isFalse();
        assertThat(audit.path("output_shorter").asInt()).isEqualTo(3);
        assertThat(audit.path("missing_usage").asInt()).isEqualTo(3);
        assertThat(r.path("requests").path(0).path("output_tokens_source").asText()).isEqualTo("chunks");
        assertThat(r.path("requests").path(0).path("output_tokens").asInt()).isEqualTo(3);
        assertThat(audit.path("warnings").toString()).contains("not forced", "fewer output tokens", "no usage");
    }

    @Test
    void theFileIsValidAndGrowsWhileTheScenarioRuns() throws Exception {
        start(new LoopbackBehavior().ttftMs(20).itlMs(60));
        Path file = dir.resolve("lb/latency.json");
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        Thread watcher = Thread.ofVirtual().start(() -> {
            while (seen.get() == null) {
                try {
                    if (Files.exists(file)) {
                        JsonNode n = Runs.read(file);
                        if (n.path("status").asText().equals("running") && n.path("requests").size() >= 1) seen.set(n);
                    }
                    Thread.sleep(50);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        Runs.run(Runs.settings("latency").latencyRequests(6).build(), dir, Runs.endpoint("lb", server.url()));
        watcher.interrupt();
        assertThat(seen.get()).as("a running file with requests was seen").isNotNull();
        assertThat(seen.get().path("summary").path("requests_ok").asInt()).isPositive();
        assertThat(Runs.read(file).path("requests")).hasSize(6);
    }

    @Test
    void badTargetsAreRefusedBeforeAnythingStarts() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String dead = "http://127.0.0.1:" + port;
        assertThatThrownBy(() -> Runs.run(Runs.settings("latency").build(), dir, Runs.endpoint("x", dead)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target 'x'").hasMessageContaining("cannot connect");
        start(new LoopbackBehavior());
        assertThatThrownBy(() -> Runs.run(Runs.settings("latency").build(), dir, Runs.endpoint("a", server.url()), Runs.endpoint("a", server.url())))
                .hasMessageContaining("two targets are labelled 'a'");
        assertThatThrownBy(() -> Runs.run(Runs.settings("cold-start").build(), dir, Runs.endpoint("a", server.url())))
                .hasMessageContaining("cold-start needs");
        assertThatThrownBy(() -> Runs.run(Runs.settings("rate").build(), dir, Runs.endpoint("a", server.url())))
                .hasMessageContaining("--rates");
        assertThat(server.generationRequests()).isZero();
        assertThat(Files.exists(dir.resolve("a"))).isFalse();
    }
}
