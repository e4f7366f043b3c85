package dev.litebench.bench.measure;

/**
 * Service-level objectives a request must all meet to count as good (goodput). E2E is always set; TTFT and
 * TPOT only when asked for.
 */
public record Slo(double e2eMs, Double ttftMs, Double tpotMs) {

    public Slo {
        if (!(e2eMs > 0)) throw new IllegalArgumentException("--slo-ms must be positive");
        if (ttftMs != null && !(ttftMs > 0)) throw new IllegalArgumentException("--slo-ttft-ms must be positive");
        if (tpotMs != null && !(tpotMs > 0)) throw new IllegalArgumentException("--slo-tpot-ms must be positive");
    }

    public boolean met(RequestRecord r) {
        if (!r.ok() || r.e2eMs() > e2eMs) return false;
        if (ttftMs != null && r.ttftMs() > ttftMs) return false;
        return tpotMs == null || r.tpotMs() == null || r.tpotMs() <= tpotMs;
    }
}
