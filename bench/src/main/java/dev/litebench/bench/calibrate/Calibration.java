package dev.litebench.bench.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.litebench.bench.BenchFailure;
import dev.litebench.bench.api.ChatApi;
import dev.litebench.bench.api.GenerationRequest;
import dev.litebench.bench.http.ArrivalStamps;
import dev.litebench.bench.http.Endpoint;
import dev.litebench.bench.http.HttpTransport;
import dev.litebench.bench.http.SseParser.SseEvent;
import dev.litebench.bench.load.PoissonArrivals;
import dev.litebench.bench.loopback.LoopbackBehavior;
import dev.litebench.bench.loopback.LoopbackServer;
import dev.litebench.bench.loopback.LoopbackServer.StreamLog;
import dev.litebench.bench.measure.Distribution;
import dev.litebench.bench.measure.RawExchange;
import dev.litebench.bench.measure.StreamingClient;
import dev.litebench.bench.telemetry.HostCpu;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Measures LiteBench's own measurement error. The loopback server streams on a known schedule and records when
 * it started writing each chunk, on the same nanoTime clock the client stamps arrivals with; the difference is
 * everything between the server's write and the client's stamp: the write itself, kernel loopback, wake-up of
 * the reading thread, its read. Using the write's start makes the error an upper bound (never negative).
 * TTFT error = client arrival of the first token - server write start of it; ITL error = |client gap - server gap|.
 * Streams start at Poisson times spread over one inter-token interval, so their chunks interleave as a busy
 * server's would.
 */
public final class Calibration {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIN_STREAMS_PER_POINT = 20;

    private Calibration() {}

    public record Settings(List<Integer> streams, int tokens, double ttftMs, double itlMs) {
        public Settings {
            if (streams.isEmpty() || streams.stream().anyMatch(n -> n < 1)) throw new IllegalArgumentException("--calibrate-streams must be positive");
            if (tokens < 2) throw new IllegalArgumentException("--calibrate-tokens must be at least 2");
            if (!(ttftMs >= 0) || !(itlMs > 0)) throw new IllegalArgumentException("calibration TTFT must be >= 0 and ITL > 0");
        }
    }

    /** Errors in milliseconds. ITL errors are absolute values; TTFT errors are never negative. */
    public record ErrorStats(double p50, double p99, double max) {
        static ErrorStats of(double[] v) {
            Distribution d = Distribution.of(v);
            return d == null ? null : new ErrorStats(d.p50(), d.p99(), d.max());
        }
    }

    /**
     * One stream count's result.
     *
     * @param serverLateP99Ms how late the loopback server wrote chunks against its own schedule (p99): not an
     *                        error of the measurement, but a sign the machine was saturated
     * @param stealPct        CPU time the hypervisor gave to other guests during the point, percent of all CPUs'
     *                        time (from /proc/stat; null off Linux): a stolen vCPU delays client and server alike
     */
    public record Point(int streams, int requests, int failed, ErrorStats ttftError, ErrorStats itlError, double serverLateP99Ms,
                        String loadAverage, Double stealPct) {}

    /** The points, and where the client's stamps came from (the error depends on it). */
    public record Result(List<Point> points, ArrivalStamps stamps) {}

    public static Result run(Settings s, Consumer<String> log) throws IOException, InterruptedException {
        LoopbackBehavior behavior = new LoopbackBehavior().ttftMs(s.ttftMs()).itlMs(s.itlMs());
        List<Point> points = new ArrayList<>();
        try (LoopbackServer server = LoopbackServer.start(behavior, 0);
             HttpTransport http = new HttpTransport(Endpoint.parse(server.url()), null, 10_000, 60_000)) {
            server.recordStreams(true);
            StreamingClient client = new StreamingClient(http, new ChatApi(), "loopback", true);
            log.accept("warming up the client and the loopback server (and opening the connections)");
            measure(client, server, s, s.streams().stream().mapToInt(Integer::intValue).max().orElseThrow(), "warmup");
            for (int n : s.streams()) {
                log.accept("calibrating at " + n + " concurrent streams");
                points.add(measure(client, server, s, n, "n" + n));
            }
            return new Result(points, http.arrivalStamps());
        }
    }

    private static Point measure(StreamingClient client, LoopbackServer server, Settings s, int streams, String tag)
            throws InterruptedException {
        int batches = (MIN_STREAMS_PER_POINT + streams - 1) / streams;
        long[] cpuBefore = HostCpu.read();
        ConcurrentLinkedQueue<RawExchange> exchanges = new ConcurrentLinkedQueue<>();
        double spreadPerSecond = streams / (s.itlMs() / 1000);
        for (int b = 0; b < batches; b++) {
            String prefix = tag + "-" + b + "-";
            new PoissonArrivals(spreadPerSecond, streams, b).run((i, intended) ->
                    exchanges.add(client.send(prefix + i, new GenerationRequest("calibrate", s.tokens()), intended)));
        }
        List<Double> ttft = new ArrayList<>();
        List<Double> itl = new ArrayList<>();
        List<Double> late = new ArrayList<>();
        int failed = 0;
        for (RawExchange x : exchanges) {
            StreamLog log = server.log(x.id());
            long[] arrivals = tokenArrivals(x);
            if (x.failure() != null || x.status() != 200 || log == null || arrivals.length != log.chunkWriteStartNanos().length) {
                failed++;
                continue;
            }
            long[] written = log.chunkWriteStartNanos();
            ttft.add((arrivals[0] - written[0]) / 1e6);
            for (int j = 1; j < arrivals.length; j++) {
                itl.add(Math.abs((arrivals[j] - arrivals[j - 1]) - (written[j] - written[j - 1])) / 1e6);
            }
            for (int j = 0; j < written.length; j++) late.add((written[j] - log.chunkDueNanos()[j]) / 1e6);

        }
        Double steal = HostCpu.stealPct(cpuBefore, HostCpu.read());
        if (ttft.isEmpty()) throw new BenchFailure("calibration at " + streams + " streams: every stream failed");
        Distribution lateness = Distribution.of(late.stream().mapToDouble(Double::doubleValue).toArray());
        return new Point(streams, exchanges.size(), failed, ErrorStats.of(ttft.stream().mapToDouble(Double::doubleValue).toArray()),
                ErrorStats.of(itl.stream().mapToDouble(Double::doubleValue).toArray()), lateness.p99(), loadAverage(), steal);
    }

    /** The 1-minute load average, so that a reader can tell a busy machine from a slow client; null off Linux. */
    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long[] tokenArrivals(RawExchange x) {
        List<Long> at = new ArrayList<>();
        ChatApi api = new ChatApi();
        for (SseEvent e : x.events()) {
            if (e.data().equals("[DONE]")) continue;
            try {
                JsonNode n = JSON.readTree(e.data());
                JsonNode choice = n.path("choices").path(0);
                if (!choice.isMissingNode() && api.text(choice).hasToken()) at.add(e.arrivalNanos());
            } catch (IOException ex) {
                return new long[0];
            }
        }
        return at.stream().mapToLong(Long::longValue).toArray();
    }
}
