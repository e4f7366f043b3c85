package dev.litebench.bench.result;

import dev.litebench.bench.measure.RequestRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The validity audit of a scenario's requests: everything that makes a number less trustworthy, counted, with
 * a warning line for each problem found. Definitions: docs/METRICS.md, section "Validity audit".
 *
 * @param cacheAllowanceTokens cached prompt tokens not counted as a prefix-cache hit (the chat template's own
 *                             tokens, which every prompt shares)
 */
public record Audit(int requests, int requestsOk, int requestsFailed, Map<String, Integer> errorsByKind,
                    int emptyFirstChunks, int emptyChunks, int multiTokenChunkRequests, int missingUsage,
                    int outputShorter, int outputLonger, Integer inputLengthMismatches, int prefixCacheHits,
                    int cacheAllowanceTokens, Integer cachedTokensMax, boolean lengthForced, TokenDrift tokenDrift,
                    Double sendLagMaxMs, List<String> warnings) {

    /**
     * Send lag above which the client, not the server, may be what limits the load, if it is also more than
     * {@link #SEND_LAG_WARNING_SHARE} of the fastest TTFT: latencies count from the intended send, so a lag of 1.5 ms
     * against TTFTs of 500 ms (a closed loop on 2 cores) changes nothing a reader could see.
     */
    static final double SEND_LAG_WARNING_MS = 1.0;
    static final double SEND_LAG_WARNING_SHARE = 0.01;

    public static Audit of(List<RequestRecord> all, boolean lengthForced, int cacheAllowance, TokenDrift drift,
                           List<String> extraWarnings) {
        Map<String, Integer> errors = new TreeMap<>();
        int emptyFirst = 0, empty = 0, multi = 0, noUsage = 0, shorter = 0, longer = 0, inputMiss = 0, inputAsked = 0, hits = 0;
        Integer cachedMax = null;
        Double lagMax = null, ttftMin = null;
        for (RequestRecord r : all) {
            lagMax = lagMax == null ? r.sendLagMs() : Math.max(lagMax, r.sendLagMs());
            if (r.ok() && r.ttftMs() != null) ttftMin = ttftMin == null ? r.ttftMs() : Math.min(ttftMin, r.ttftMs());
            if (r.firstChunkEmpty()) emptyFirst++;
            empty += r.emptyChunks();
            if (!r.ok()) {
                errors.merge(r.error().kind().id(), 1, Integer::sum);
                continue;
            }
            if (r.multiTokenChunks() > 0) multi++;
            if (!"usage".equals(r.outputTokensSource())) noUsage++;
            if (r.outputTokens() < r.requestedOutputTokens()) shorter++;
            if (r.outputTokens() > r.requestedOutputTokens()) longer++;
            if (r.requestedInputTokens() != null) {
                inputAsked++;
                if (!r.requestedInputTokens().equals(r.inputTokens())) inputMiss++;
            }
            if (r.cachedTokens() != null) {
                cachedMax = cachedMax == null ? r.cachedTokens() : Math.max(cachedMax, r.cachedTokens());
                if (r.cachedTokens() > cacheAllowance) hits++;
            }
        }
        int ok = all.size() - errors.values().stream().mapToInt(Integer::intValue).sum();
        List<String> w = new ArrayList<>();
        if (ok < all.size()) w.add(String.format(Locale.ROOT, "%d of %d requests failed %s", all.size() - ok, all.size(), errors));
        if (!lengthForced) w.add("output length not forced: the server rejected ignore_eos/min_tokens, lengths may vary");
        if (shorter > 0) w.add(requests(shorter) + " returned fewer output tokens than asked");
        if (longer > 0) w.add(requests(longer) + " returned more output tokens than asked");
        if (noUsage > 0) w.add(requests(noUsage) + " had no usage: output tokens counted from chunks");
        if (multi > 0) w.add(requests(multi) + " had chunks carrying several tokens: ITL spread over them (see METRICS.md)");
        if (inputMiss > 0) w.add(inputMiss + " of " + inputAsked + " requests had a prompt token count other than asked");
        if (hits > 0) w.add(requests(hits) + " hit the prefix cache (cached_tokens above " + cacheAllowance + ")");
        if (drift != null && drift.unexplained() > 0) {
            w.add(drift.unexplained() + " of " + drift.checked() + " outputs re-tokenize to a different count than usage (max diff "
                    + drift.maxAbsDiff() + ") and the stream does not confirm usage");
        }
        if (lagMax != null && lagMax > SEND_LAG_WARNING_MS && (ttftMin == null || lagMax > SEND_LAG_WARNING_SHARE * ttftMin)) {
            w.add(String.format(Locale.ROOT, "client send lag reached %.2f ms%s: requests left later than intended", lagMax,
                    ttftMin == null ? "" : String.format(Locale.ROOT, " (%.1f%% of the fastest TTFT)", 100 * lagMax / ttftMin)));
        }
        w.addAll(extraWarnings);
        return new Audit(all.size(), ok, all.size() - ok, errors, emptyFirst, empty, multi, noUsage, shorter, longer,
                inputAsked > 0 ? inputMiss : null, hits, cacheAllowance, cachedMax, lengthForced, drift, lagMax, w);
    }

    /** "1 request", "3 requests". */
    private static String requests(int n) {
        return n + (n == 1 ? " request" : " requests");
    }
}
