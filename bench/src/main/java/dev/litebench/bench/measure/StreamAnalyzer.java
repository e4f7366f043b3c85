package dev.litebench.bench.measure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.bench.api.ApiShape;
import dev.litebench.bench.api.ApiShape.ChunkText;
import dev.litebench.bench.http.SseParser.SseEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link RawExchange} into a {@link RequestRecord}, after the stream has ended. Definitions are those
 * of docs/METRICS.md: a chunk counts for TTFT only if it carries generated text or reasoning; ITL spreads each
 * gap between token-carrying chunks over the tokens the later chunk carried.
 */
public final class StreamAnalyzer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] OLLAMA_DURATIONS = {"total_duration", "load_duration", "prompt_eval_duration", "eval_duration"};

    private final ApiShape api;
    private final RunClock clock;

    public StreamAnalyzer(ApiShape api, RunClock clock) {
        this.api = api;
        this.clock = clock;
    }

    /** What a request asked for, stored with its record so the audit can compare. */
    public record Asked(Integer level, int outputTokens, Integer inputTokens) {}

    public RequestRecord analyze(RawExchange x, Asked asked) {
        Draft d = new Draft(x, asked);
        if (x.status() != 200 && x.failure() == null) {
            ErrorKind kind = x.status() >= 400 && x.status() < 500 ? ErrorKind.HTTP_4XX : ErrorKind.HTTP_5XX;
            return d.failed(new RequestError(kind, x.status(), "HTTP " + x.status() + errorDetail(x.errorBody())));
        }
        RequestError streamError = null;
        for (SseEvent e : x.events()) {
            if (e.data().equals("[DONE]")) continue;
            JsonNode n;
            try {
                n = JSON.readTree(e.data());
            } catch (JsonProcessingException ex) {
                n = null;
            }
            if (n == null || !n.isObject()) {
                streamError = new RequestError(ErrorKind.BAD_RESPONSE, 200, "chunk is not a JSON object: " + abbreviate(e.data()));
                break;
            }
            if (n.has("error")) {
                streamError = new RequestError(ErrorKind.STREAM_ERROR, 200, "error in stream" + errorDetail(e.data()));
                break;
            }
            d.add(n, e.arrivalNanos());
        }
        if (x.failure() != null) return d.failed(x.failure());
        if (streamError != null) return d.failed(streamError);
        if (d.tokenArrivals.isEmpty()) return d.failed(new RequestError(ErrorKind.EMPTY_OUTPUT, 200, "the stream carried no generated token"));
        if (!x.done() && d.finishReason == null) {
            return d.failed(new RequestError(ErrorKind.BROKEN_STREAM, 200, "stream ended without [DONE] or a finish_reason"));
        }
        return d.complete();
    }

    private final class Draft {
        final RawExchange x;
        final Asked asked;
        final List<Long> tokenArrivals = new ArrayList<>();
        final List<Integer> tokenChars = new ArrayList<>();
        final List<Integer> cumulativeTokens = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        long firstVisibleNanos;
        int chunks;
        int emptyChunks;
        boolean firstChunkEmpty;
        String finishReason;
        String fingerprint;
        JsonNode usage;
        JsonNode timings;
        ObjectNode ollama;

        Draft(RawExchange x, Asked asked) {
            this.x = x;
            this.asked = asked;
        }

        void add(JsonNode n, long arrival) {
            if (n.path("system_fingerprint").isTextual()) fingerprint = n.path("system_fingerprint").asText();
            if (n.path("usage").isObject()) usage = n.path("usage");
            if (n.path("timings").isObject()) timings = n.path("timings");
            for (String k : OLLAMA_DURATIONS) {
                if (n.path(k).isNumber()) {
                    if (ollama == null) ollama = JSON.createObjectNode();
                    ollama.set(k, n.path(k));
                }
            }
            JsonNode choices = n.path("choices");
            if (!choices.isArray() || choices.isEmpty()) return;
            JsonNode choice = choices.path(0);
            if (choice.path("finish_reason").isTextual()) finishReason = choice.path("finish_reason").asText();
            ChunkText t = api.text(choice);
            if (chunks++ == 0 && !t.hasToken()) firstChunkEmpty = true;
            if (!t.hasToken()) {
                emptyChunks++;
                return;
            }
            tokenArrivals.add(arrival);
            tokenChars.add(t.content().codePointCount(0, t.content().length()) + t.reasoning().codePointCount(0, t.reasoning().length()));
            JsonNode running = n.path("usage").path("completion_tokens");
            cumulativeTokens.add(running.isNumber() ? running.asInt() : -1);
            if (firstVisibleNanos == 0 && !t.content().isEmpty()) firstVisibleNanos = arrival;
            text.append(t.reasoning()).append(t.content());
        }

        RequestRecord failed(RequestError error) {
            return new RequestRecord(x.id(), asked.level(), clock.ms(x.intendedNanos()), clock.ms(x.endNanos()), lag(), x.connectNanos() / 1e6, ttfb(),
                    null, null, null, null, List.of(), new double[0], asked.outputTokens(), asked.inputTokens(),
                    null, null, null, null, null, chunks, tokenArrivals.size(), emptyChunks, firstChunkEmpty, 0,
                    finishReason, fingerprint, null, null, null, null, null, error);
        }

        RequestRecord complete() {
            long t0 = x.intendedNanos();
            int m = tokenArrivals.size();
            Integer usageOut = intOrNull(usage, "completion_tokens");
            int tokens = usageOut != null ? usageOut : m;
            int[] perChunk = TokenSplit.perChunk(tokenChars, cumulativeTokens, tokens);
            List<Double> gaps = new ArrayList<>(Math.max(0, m - 1));
            double[] itl = new double[Math.max(0, tokens - perChunk[0])];
            int filled = 0;
            long carry = 0;
            int multi = perChunk[0] > 1 ? 1 : 0;
            for (int i = 1; i < m; i++) {
                long gap = tokenArrivals.get(i) - tokenArrivals.get(i - 1);
                gaps.add(gap / 1e6);
                carry += gap;
                int k = perChunk[i];
                if (k > 1) multi++;
                if (k == 0) continue;
                for (int j = 0; j < k && filled < itl.length; j++) itl[filled++] = carry / 1e6 / k;
                carry = 0;
            }
            if (filled < itl.length) itl = java.util.Arrays.copyOf(itl, filled);
            double ttft = (tokenArrivals.getFirst() - t0) / 1e6;
            double e2e = (tokenArrivals.getLast() - t0) / 1e6;
            Double ttfo = firstVisibleNanos == 0 ? null : (firstVisibleNanos - t0) / 1e6;
            Double tpot = tokens > 1 ? (e2e - ttft) / (tokens - 1) : null;
            ServerTimings st = ServerTimings.of(timings, ollama);
            return new RequestRecord(x.id(), asked.level(), clock.ms(t0), clock.ms(x.endNanos()), lag(), x.connectNanos() / 1e6, ttfb(),
                    ttft, ttfo, e2e, tpot, gaps, itl, asked.outputTokens(), asked.inputTokens(),
                    intOrNull(usage, "prompt_tokens"), tokens, usageOut != null ? "usage" : "chunks",
                    usage == null ? null : intOrNull(usage.path("prompt_tokens_details"), "cached_tokens"),
                    usage == null ? null : intOrNull(usage.path("completion_tokens_details"), "reasoning_tokens"),
                    chunks, m, emptyChunks, firstChunkEmpty, multi, finishReason, fingerprint,
                    st.raw(), st.serverMs(), st.queueMs(), st.serverMs() == null ? null : e2e - st.serverMs(),
                    text.toString(), null);
        }

        double lag() {
            return (x.sendStartNanos() - x.intendedNanos()) / 1e6;
        }

        Double ttfb() {
            return x.headNanos() == 0 ? null : (x.headNanos() - x.intendedNanos()) / 1e6;
        }
    }

    private static Integer intOrNull(JsonNode n, String field) {
        if (n == null) return null;
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asInt() : null;
    }

    /** The message of an OpenAI-style error body, or the body itself, shortened. */
    static String errorDetail(String body) {
        if (body == null || body.isBlank()) return "";
        try {
            JsonNode n = JSON.readTree(body);
            JsonNode err = n.path("error");
            String msg = err.isTextual() ? err.asText() : err.path("message").asText(n.path("message").asText(""));
            if (!msg.isEmpty()) return ": " + abbreviate(msg);
        } catch (JsonProcessingException ignored) {
            // not JSON: show the text
        }
        return ": " + abbreviate(body);
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 200 ? one : one.substring(0, 200) + "...";
    }
}
