package dev.litebench.bench.measure;

import dev.litebench.bench.api.ApiShape;
import dev.litebench.bench.api.ChatApi;
import dev.litebench.bench.api.CompletionsApi;
import dev.litebench.bench.api.GenerationRequest;
import dev.litebench.bench.http.Endpoint;
import dev.litebench.bench.http.HttpTransport;
import dev.litebench.bench.loopback.LoopbackBehavior;
import dev.litebench.bench.loopback.LoopbackServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * One request at a time against the loopback server, which logs when it wrote each chunk on the same clock.
 * Measured times must lie after the schedule (a token cannot be seen before it is due) and within a small slack
 * of the server's actual writes (which a busy machine may delay past the schedule).
 */
class StreamMeasurementTest {
    private static final double SLACK_MS = 25;
    /** How far a client stamp may trail the server's write of the same chunk. */
    private static final double STAMP_SLACK_MS = 8;
    private static int sequence;
    private static LoopbackServer server;
    private static HttpTransport transport;
    private final RunClock clock = RunClock.start();

    @BeforeAll
    static void start() throws IOException {
        server = LoopbackServer.start(new LoopbackBehavior(), 0);
        server.recordStreams(true);
        transport = new HttpTransport(Endpoint.parse(server.url()), null, 2000, 5000);
        // the first request pays for class loading; the bench always warms up too
        new StreamingClient(transport, new ChatApi(), "loopback", true).send("warm-up", new GenerationRequest("hi", 2), System.nanoTime());
    }

    @AfterAll
    static void stop() {
        transport.close();
        server.close();
    }

    @BeforeEach
    void reset() {
        server.behavior().ttftMs(40).itlMs(10).tokensPerChunk(1).reasoningTokens(0).usage(true).timings(false)
                .emptyFirstChunk(true).failEvery(0, 500).dropEvery(0, 0).continuousUsage(false).headerDelayMs(0);
    }

    private long intended;
    private LoopbackServer.StreamLog log;

    private RequestRecord measure(ApiShape api, int tokens) {
        StreamingClient client = new StreamingClient(transport, api, "loopback", true);
        String id = "r" + sequence++;
        intended = System.nanoTime();
        RawExchange x = client.send(id, new GenerationRequest("hello world", tokens), intended);
        log = server.log(id);
        return new StreamAnalyzer(api, clock).analyze(x, new StreamAnalyzer.Asked(null, tokens, null));
    }

    /** The server's write of chunk j, as milliseconds after the intended send: [start, end]. */
    private double[] written(int j) {
        return new double[] {(log.chunkWriteStartNanos()[j] - intended) / 1e6, (log.chunkWrittenNanos()[j] - intended) / 1e6};
    }

    /** Asserts a measured time (ms after intended send) is that of the server's write of chunk j. */
    private void assertStampOf(double measured, int j) {
        assertThat(measured).isBetween(written(j)[0], written(j)[1] + STAMP_SLACK_MS);
    }

    /**
     * Asserts each measured gap between token chunks matches the server's writes: with both stamps inside their
     * chunks' write windows (start to end plus the slack), the gap lies between the earliest and latest such pair.
     */
    private void assertGapsMatchServer(RequestRecord r) {
        for (int j = 1; j < r.tokenChunks(); j++) {
            double shortest = written(j)[0] - (written(j - 1)[1] + STAMP_SLACK_MS);
            double longest = written(j)[1] + STAMP_SLACK_MS - written(j - 1)[0];
            assertThat(r.chunkGapsMs().get(j - 1)).as("gap before token chunk %d", j).isBetween(shortest, longest);
        }
    }

    @Test
    void roleChunkDoesNotCountAndLatenciesFollowTheSchedule() {
        RequestRecord r = measure(new ChatApi(), 10);
        assertThat(r.error()).isNull();
        assertThat(r.firstChunkEmpty()).isTrue();
        assertThat(r.ttftMs()).isGreaterThanOrEqualTo(40.0);
        assertStampOf(r.ttftMs(), 0);
        assertThat(r.ttfoMs()).isEqualTo(r.ttftMs());
        assertThat(r.e2eMs()).isGreaterThanOrEqualTo(130.0);
        assertStampOf(r.e2eMs(), 9);
        assertGapsMatchServer(r);
        assertThat(r.outputTokens()).isEqualTo(10);
        assertThat(r.outputTokensSource()).isEqualTo("usage");
        assertThat(r.inputTokens()).isEqualTo(2 + 5);
        assertThat(r.tokenChunks()).isEqualTo(10);
        assertThat(r.chunkGapsMs()).hasSize(9);
        assertThat(r.itlMs()).hasSize(9);
        assertThat(Arrays.stream(r.itlMs()).sum()).isCloseTo(r.e2eMs() - r.ttftMs(), within(1e-6));
        assertThat(r.tpotMs()).isCloseTo((r.e2eMs() - r.ttftMs()) / 9, within(1e-9));
        assertThat(r.outputText()).isEqualTo(" t0 t1 t2 t3 t4 t5 t6 t7 t8 t9");
        assertThat(r.finishReason()).isEqualTo("length");
    }

    @Test
    void reasoningCountsForTtftButNotForTimeToFirstVisibleToken() {
        server.behavior().reasoningTokens(3);
        RequestRecord r = measure(new ChatApi(), 6);
        assertThat(r.ttftMs()).isGreaterThanOrEqualTo(40.0);
        assertStampOf(r.ttftMs(), 0);
        assertThat(r.ttfoMs()).isGreaterThanOrEqualTo(70.0);
        assertStampOf(r.ttfoMs(), 3);
        assertThat(r.reasoningTokens()).isEqualTo(3);
    }

    @Test
    void multiTokenChunksSpreadTheirGapOverTheirTokens() {
        server.behavior().tokensPerChunk(4).itlMs(8);
        RequestRecord r = measure(new CompletionsApi(), 12);
        // chunks at 40+3*8=64, 96, 128 ms; each later gap of 32 ms holds 4 tokens
        assertThat(r.tokenChunks()).isEqualTo(3);
        assertThat(r.multiTokenChunks()).isEqualTo(3);
        assertThat(r.ttftMs()).isGreaterThanOrEqualTo(64.0);
        assertStampOf(r.ttftMs(), 0);
        assertGapsMatchServer(r);
        assertThat(r.itlMs()).hasSize(8);
        for (int j = 0; j < 8; j++) assertThat(r.itlMs()[j]).isCloseTo(r.chunkGapsMs().get(j / 4) / 4, within(1e-9));
    }

    @Test
    void runningUsageCountsTokensPerChunkExactly() {
        server.behavior().tokensPerChunk(3).continuousUsage(true);
        RequestRecord r = measure(new CompletionsApi(), 7);
        assertThat(r.tokenChunks()).isEqualTo(3);
        // chunks of 3, 3 and 1 tokens: the tokens beyond the first chunk get 3 + 1 ITL values
        assertThat(r.itlMs()).hasSize(4);
        assertThat(r.itlMs()[0]).isCloseTo(r.chunkGapsMs().get(0) / 3, within(1e-9));
        assertThat(r.itlMs()[3]).isCloseTo(r.chunkGapsMs().get(1), within(1e-9));
        assertGapsMatchServer(r);
    }

    @Test
    void withoutUsageTokensAreCountedFromChunksAndMarked() {
        server.behavior().usage(false);
        RequestRecord r = measure(new ChatApi(), 5);
        assertThat(r.outputTokens()).isEqualTo(5);
        assertThat(r.outputTokensSource()).isEqualTo("chunks");
        assertThat(r.inputTokens()).isNull();
    }

    @Test
    void serverTimingsGiveClientMinusServer() {
        server.behavior().timings(true).headerDelayMs(15);
        RequestRecord r = measure(new ChatApi(), 5);
        assertThat(r.serverTimings()).isNotNull();
        assertThat(r.queueMs()).isZero();
        // the server's prompt_ms runs from its arrival to the first token, so the difference is network + HTTP only
        assertThat(r.serverMs()).isCloseTo((log.chunkWrittenNanos()[4] - log.arrivalNanos()) / 1e6, within(1e-6));
        double requestInFlight = (log.arrivalNanos() - intended) / 1e6;
        double lastWrite = (log.chunkWrittenNanos()[4] - log.chunkWriteStartNanos()[4]) / 1e6;
        assertThat(r.clientMinusServerMs()).isBetween(requestInFlight - lastWrite, requestInFlight + STAMP_SLACK_MS);
        assertThat(r.ttfbMs()).isGreaterThanOrEqualTo(15.0);
    }

    @Test
    void httpErrorsAndDroppedStreamsAreFailuresWithTheirKind() {
        server.behavior().failEvery(1, 503);
        RequestRecord failed = measure(new ChatApi(), 5);
        assertThat(failed.ok()).isFalse();
        assertThat(failed.error().kind()).isEqualTo(ErrorKind.HTTP_5XX);
        assertThat(failed.error().status()).isEqualTo(503);
        assertThat(failed.error().message()).contains("injected failure");
        assertThat(failed.ttftMs()).isNull();

        server.behavior().failEvery(1, 429);
        assertThat(measure(new ChatApi(), 5).error().kind()).isEqualTo(ErrorKind.HTTP_4XX);

        server.behavior().failEvery(0, 500).dropEvery(1, 2);
        RequestRecord dropped = measure(new ChatApi(), 5);
        assertThat(dropped.error().kind()).isEqualTo(ErrorKind.BROKEN_STREAM);
        assertThat(dropped.tokenChunks()).isEqualTo(2);
        assertThat(dropped.outputTokens()).isNull();
    }

    @Test
    void refusedConnectionIsAConnectError() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (HttpTransport dead = new HttpTransport(Endpoint.parse("http://127.0.0.1:" + port), null, 1000, 1000)) {
            StreamingClient client = new StreamingClient(dead, new ChatApi(), "m", true);
            RawExchange x = client.send("r", new GenerationRequest("hi", 3), System.nanoTime());
            RequestRecord r = new StreamAnalyzer(new ChatApi(), clock).analyze(x, new StreamAnalyzer.Asked(null, 3, null));
            assertThat(r.error().kind()).isEqualTo(ErrorKind.CONNECT);
        }
    }
}
