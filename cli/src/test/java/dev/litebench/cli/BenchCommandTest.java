package dev.litebench.cli;

import dev.litebench.bench.loopback.LoopbackBehavior;
import dev.litebench.bench.loopback.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {

    @TempDir
    Path dir;

    /** Exit code, stdout and stderr of one invocation (picocli writes to System.out/err, replaced meanwhile). */
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.newCommandLine().execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void helpDescribesTargetsScenariosAndExitCodes() {
        Result r = run("bench", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--endpoint", "--serve", "--launch", "--scenario", "--profile", "--calibrate",
                "latency, concurrency, capacity, context, rate, cold-start", "Exit codes");
    }

    @Test
    void badInputIsOneLineAndExitCode2BeforeAnythingStarts() {
        assertBadInput(run("bench", "--endpoint", "http://127.0.0.1:9", "--scenario", "speed"), "unknown scenario 'speed'");
        assertBadInput(run("bench", "--model", "m", "--endpoint", "http://127.0.0.1:9"), "--model must follow the target");
        assertBadInput(run("bench", "--launch", "vllm serve m"), "needs --endpoint URL");
        assertBadInput(run("bench", "--endpoint", "localhost:8000"), "must start with http://");
        assertBadInput(run("bench", "--endpoint", "http://127.0.0.1:9", "--api", "embeddings"), "unknown --api 'embeddings'");
        assertBadInput(run("bench", "--endpoint", "http://127.0.0.1:9", "--levels", "0"), "--levels must be at least 1");
        assertBadInput(run("bench", "--endpoint", "http://127.0.0.1:9", "--profile", "huge"), "unknown profile 'huge'");
        assertBadInput(run("bench", "--serve", dir.resolve("missing.gguf").toString()), "missing.gguf: no such file");
        assertBadInput(run("bench", "--endpoint", "http://127.0.0.1:9", "--levels", "x"), "Invalid value");
        assertBadInput(run("bench", "--endpoint", "http://127.0.0.1:9", "--label", "a", "--label", "b"), "--label given twice");
        assertBadInput(run("bench", "--endpoint", "http://127.0.0.1:9", "-o", dir.toString()), "cannot connect to 127.0.0.1:9");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void anUnwritableResultDirectoryIsBadInput() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        try (LoopbackServer server = LoopbackServer.start(new LoopbackBehavior(), 0)) {
            assertBadInput(run("bench", "--endpoint", server.url(), "--scenario", "latency", "-o", file.resolve("sub").toString()),
                    "cannot create the result directory");
            assertThat(server.generationRequests()).isZero();
        }
    }

    private static void assertBadInput(Result r, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void measuresAnEndpointWritesTheFileAndPrintsTheTable() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(new LoopbackBehavior().ttftMs(5).itlMs(2), 0)) {
            Result r = run("bench", "--endpoint", server.url(), "--label", "lb", "--scenario", "latency", "--requests", "3",
                    "--output-tokens", "4", "--warmup", "0", "-o", dir.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("latency", "lb", "TTFT p50", "results: ");
            assertThat(Files.readString(dir.resolve("lb/latency.json"))).contains("\"status\" : \"complete\"");
            assertThat(server.generationRequests()).isEqualTo(1 + 3);
        }
    }

    @Test
    void aServedModelIsLaunchedAsThisJvmsLitebenchServe() throws Exception {
        Path model = Files.writeString(dir.resolve("not-a-model.gguf"), "nothing");
        Result r = run("bench", "--serve", model.toString(), "--scenario", "latency", "-o", dir.resolve("out").toString(),
                "--ready-timeout", "60");
        // the child is `litebench serve`: whatever it says about this file, it exits, and the target fails with its words
        assertThat(r.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(r.out() + r.err()).contains("target not-a-model failed: the server exited with code");
        assertThat(Files.readString(dir.resolve("out/not-a-model/server.log"))).isNotEmpty();
    }

    @Test
    void calibrateReportsTheErrorTable() {
        Result r = run("bench", "--calibrate", "--calibrate-streams", "1,5", "--calibrate-tokens", "3",
                "--calibrate-itl-ms", "5", "--calibrate-ttft-ms", "5");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("TTFT err p99", "ITL err p99").containsPattern("(?m)^ +5 +20 +0 ");
    }
}
