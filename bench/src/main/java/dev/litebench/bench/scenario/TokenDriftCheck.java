package dev.litebench.bench.scenario;

import dev.litebench.bench.api.ServerTokenizer;
import dev.litebench.bench.measure.RequestRecord;
import dev.litebench.bench.result.TokenDrift;

import java.io.IOException;
import java.util.List;

/** Re-tokenizes returned texts with the server's tokenizer and compares with the server's usage counts. */
final class TokenDriftCheck {
    private static final int MAX_CHECKED = 20;

    private TokenDriftCheck() {}

    /** Null when there is no tokenizer or no request with usage. */
    static TokenDrift check(List<RequestRecord> records, ServerTokenizer tokenizer) {
        if (tokenizer == null) return null;
        int checked = 0, drifted = 0, maxDiff = 0;
        for (RequestRecord r : records) {
            if (checked == MAX_CHECKED) break;
            if (!r.ok() || !"usage".equals(r.outputTokensSource())) continue;
            try {
                int diff = Math.abs(tokenizer.count(r.outputText()) - r.outputTokens());
                checked++;
                maxDiff = Math.max(maxDiff, diff);
                if (diff > 1 && diff > 0.02 * r.outputTokens()) drifted++;
            } catch (IOException e) {
                break;
            }
        }
        return checked == 0 ? null : new TokenDrift(checked, drifted, maxDiff);
    }
}
