package dev.litebench.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official {@code openai} npm package and LangChain's {@code @langchain/openai}, run by Node.js against the
 * server. The packages are installed from the npm registry into {@code src/test/node/node_modules} (not committed)
 * on first use; without Node.js, or when the install fails, the tests are skipped with the reason.
 */
class NodeClientsTest {
    static final Path SCRIPTS = Path.of("src", "test", "node");
    static final String KEY = "sk-node-clients";
    static TestServer keyed;

    /** Why the npm clients cannot run here, or null when they can. */
    static String skipReason;

    @BeforeAll
    static void setUp() throws Exception {
        if (!runs("node", "--version")) {
            skipReason = "Node.js is not installed (no 'node' on PATH): the openai and @langchain/openai npm client tests are skipped";
        } else if (!Files.isDirectory(SCRIPTS.resolve("node_modules/openai")) || !Files.isDirectory(SCRIPTS.resolve("node_modules/@langchain/openai"))) {
            Result install = run(List.of("npm", "install", "--no-package-lock", "--no-audit", "--no-fund"), 300);
            if (install.exit != 0) {
                skipReason = "'npm install' in " + SCRIPTS + " failed, so the npm client tests are skipped: " + install.lastLine();
            }
        }
        if (skipReason != null) {
            System.err.println("NodeClientsTest: " + skipReason);
            return;
        }
        keyed = TestServer.start(new ServerOptions("127.0.0.1", 0, TestServer.MODEL, KEY, ServerOptions.DEFAULT_MAX_BODY_BYTES),
                TestServer.ENGINE);
    }

    @BeforeEach
    void skipWithoutNode() {
        Assumptions.assumeTrue(skipReason == null, skipReason);
    }

    @AfterAll
    static void tearDown() {
        if (keyed != null) keyed.close();
    }

    record Result(int exit, String stdout, String stderr) {
        String lastLine() {
            String all = (stderr + "\n" + stdout).strip();
            return all.isEmpty() ? "(no output)" : all.substring(all.lastIndexOf('\n') + 1);
        }
    }

    static boolean runs(String... command) {
        try {
            return run(List.of(command), 30).exit == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static Result run(List<String> command, int timeoutSeconds) throws IOException {
        Path out = Files.createTempFile("node-out", ".txt");
        Path err = Files.createTempFile("node-err", ".txt");
        try {
            Process p = new ProcessBuilder(command).directory(SCRIPTS.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "", String.join(" ", command) + " timed out after " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs a client script against the shared and the keyed server; returns its JSON report. */
    static JsonNode client(String script) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script, TestServer.shared().baseUrl() + "/v1",
                keyed.baseUrl() + "/v1", KEY, TestServer.MODEL));
        Result r = run(command, 120);
        assertThat(r.exit).as("%s failed: %s", script, r.stderr).isZero();
        return Json.MAPPER.readTree(r.stdout.strip().substring(r.stdout.strip().lastIndexOf('\n') + 1));
    }

    static void assertCommon(JsonNode report, String tokensField) {
        String content = report.get("chat").get("content").asText();
        assertThat(content).isNotBlank();
        assertThat(report.get("chat").get(tokensField).asInt()).isEqualTo(6);
        assertThat(report.get("stream").get("content").asText()).isEqualTo(content);
        String stop = report.get("stop").get("stop").asText();
        assertThat(report.get("stop").get("content").asText()).isEqualTo(content.substring(0, content.indexOf(stop)));
        assertThat(report.get("thinking_on").get("reasoning_content").asText()).isNotBlank();
        assertThat(report.get("thinking_on").get("content").asText()).isEmpty();
        assertThat(report.get("thinking_off").get("reasoning_content").isNull()).isTrue();
        assertThat(report.get("thinking_off").get("content").asText()).isNotBlank();
        assertThat(report.get("right_key").get("content").asText()).isNotEmpty();
        assertThat(report.get("wrong_key").get("status").asInt()).isEqualTo(401);
    }

    @Test
    void openaiSdk() throws Exception {
        JsonNode report = client("openai-sdk.mjs");
        assertCommon(report, "completion_tokens");
        assertThat(report.get("chat").get("finish_reason").asText()).isEqualTo("length");
        assertThat(report.get("stream").get("first_role").asText()).isEqualTo("assistant");
        assertThat(report.get("stream").get("completion_tokens").asInt()).isEqualTo(6);
        assertThat(report.get("stop").get("finish_reason").asText()).isEqualTo("stop");
        assertThat(report.get("wrong_key").get("type").asText()).isEqualTo("AuthenticationError");
    }

    @Test
    void langchainChatOpenAi() throws Exception {
        JsonNode report = client("langchain.mjs");
        assertCommon(report, "output_tokens");
        assertThat(report.get("stream").get("output_tokens").asInt()).as("usage of a streamed answer").isEqualTo(6);
        assertThat(report.get("stream_chunks").get("pieces").asInt()).as("one chunk per token").isEqualTo(6);
        assertThat(report.get("stream_chunks").get("content").asText()).isEqualTo(report.get("chat").get("content").asText());
    }
}
