package dev.litebench.cli;

import dev.litebench.bench.loopback.LoopbackBehavior;
import dev.litebench.bench.loopback.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void helpDescribesTargetsScenariosAndExitCodes() {
        CliRun r = CliRun.run("bench", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--endpoint", "--serve", "--launch", "--scenario", "--profile", "--calibrate",
                "latency, concurrency, capacity, context, rate, cold-start", "Exit codes");
    }

    @Test
    void badInputIsOneLineAndExitCode2BeforeAnythingStarts() {
        assertBadInput(CliRun.run("bench", "--endpoint", "http://127.0.0.1:9", "--scenario", "speed"), "unknown scenario 'speed'");
        assertBadInput(CliRun.run("bench", "--model", "m", "--endpoint", "http://127.0.0.1:9"), "--model must follow the target");
        assertBadInput(CliRun.run("bench", "--launch", "vllm serve m"), "needs --endpoint URL");
        assertBadInput(CliRun.run("bench", "--endpoint", "localhost:8000"), "must start with http://");
        assertBadInput(CliRun.run("bench", "--endpoint", "http://127.0.0.1:9", "--api", "embeddings"), "unknown --api 'embeddings'");
        assertBadInput(CliRun.run("bench", "--endpoint", "http://127.0.0.1:9", "--levels", "0"), "--levels must be at least 1");
        assertBadInput(CliRun.run("bench", "--endpoint", "http://127.0.0.1:9", "--profile", "huge"), "unknown profile 'huge'");
        assertBadInput(CliRun.run("bench", "--serve", dir.resolve("missing.gguf").toString()), "missing.gguf: no such file");
        assertBadInput(CliRun.run("bench", "--endpoint", "http://127.0.0.1:9", "--levels", "x"), "Invalid value");
        assertBadInput(CliRun.run("bench", "--endpoint", "http://127.0.0.1:9", "--label", "a", "--label", "b"), "--label given twice");
        assertBadInput(CliRun.run("bench", "--endpoint", "http://127.0.0.1:9", "-o", dir.toString()), "cannot connect to 127.0.0.1:9");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void anUnwritableResultDirectoryIsBadInput() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        try (LoopbackServer server = LoopbackServer.start(new LoopbackBehavior(), 0)) {
            assertBadInput(CliRun.run("bench", "--endpoint", server.url(), "--scenario", "latency", "-o", file.resolve("sub").toString()),
                    "cannot create the result directory");
            assertThat(server.generationRequests()).isZero();
        }
    }

    private static void assertBadInput(CliRun r, String message) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void measuresAnEndpointWritesTheFileAndPrintsTheTable() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(new LoopbackBehavior().ttftMs(5).itlMs(2), 0)) {
            CliRun r = CliRun.run("bench", "--endpoint", server.url(), "--label", "lb", "--scenario", "latency", "--requests", "3",
                    "--output-tokens", "4", "--warmup", "0", "-o", dir.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("latency", "lb", "TTFT p50", "results: ");
            assertThat(Files.readString(dir.resolve("lb/latency.json"))).contains("\"status\" : \"complete\"");
            assertThat(server.generationRequests()).isEqualTo(1 + 3);
        }
    }

    @Test
    void aServedModelIsLaunchedAsThisJvmsLitebenchServe() throws Exception {
        Path model = Files.writeString(dir.resolve("not-a-model.gguf"), "nothing");
        CliRun r = CliRun.run("bench", "--serve", model.toString(), "--scenario", "latency", "-o", dir.resolve("out").toString(),
                "--ready-timeout", "60");
        // the child is `litebench serve`: whatever it says about this file, it exits, and the target fails with its words
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(r.out() + r.err()).contains("target not-a-model failed: the server exited with code");
        assertThat(Files.readString(dir.resolve("out/not-a-model/server.log"))).isNotEmpty();
    }

    @Test
    void measuresLiteBenchsOwnServerOnASynthesizedModel() throws Exception {
        Path model = dir.resolve("tiny.gguf");
        assertThat(CliRun.run("synth", "--preset", "tiny", "--quant", "q8_0", "-o", model.toString()).exitCode()).isZero();
        CliRun r = CliRun.run("bench", "--serve", model.toString(), "--label", "tiny", "--scenario", "latency",
                "--requests", "3", "--warmup", "1", "--output-tokens", "8", "-o", dir.resolve("out").toString(), "--ready-timeout", "120");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode result = Json.MAPPER.readTree(dir.resolve("out/tiny/latency.json").toFile());
        assertThat(result.get("status").asText()).isEqualTo("complete");
        assertThat(result.get("summary").get("requests_ok").asInt()).isEqualTo(3);
        assertThat(result.get("summary").get("output_tokens").get("min").asInt()).isEqualTo(8);
        assertThat(result.get("summary").get("output_tokens").get("max").asInt()).isEqualTo(8);
        assertThat(result.get("audit").get("output_shorter").asInt()).isZero();
        com.fasterxml.jackson.databind.JsonNode first = result.get("requests").get(0);
        assertThat(first.get("server_timings").get("predicted_n").asInt()).isEqualTo(8);
        assertThat(first.get("ttft_ms").asDouble()).isPositive().isLessThanOrEqualTo(first.get("e2e_ms").asDouble()); // equal when one read brings every chunk
        assertThat(result.get("environment").get("server").get("version").asText()).isNotBlank();
        assertThat(result.get("environment").get("server").get("weights").asText()).startsWith("mapped from the file"); // too small to copy
        // the progress names what was started, not the JVM line; the result keeps the full command
        String starting = (r.out() + r.err()).lines().filter(l -> l.startsWith("starting ")).findFirst().orElseThrow();
        assertThat(starting).startsWith("starting litebench serve " + model + " at http://127.0.0.1:").doesNotContain("-cp");
        assertThat(result.get("target").get("command").toString()).contains("-cp", "serve");
    }

    @Test
    void calibrateReportsTheErrorTable() {
        CliRun r = CliRun.run("bench", "--calibrate", "--calibrate-streams", "1,5", "--calibrate-tokens", "3",
                "--calibrate-itl-ms", "5", "--calibrate-ttft-ms", "5");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("TTFT err p99", "ITL err p99").containsPattern("(?m)^ +5 +20 +0 ");
    }
}
