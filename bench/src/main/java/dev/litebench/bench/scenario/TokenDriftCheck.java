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

    /** Counts the tokens of a text, as the server's tokenizer does. */
    interface TokenCounter {
        int count(String text) throws IOException;
    }

    /** Null when there is no tokenizer or no request with usage. */
    static TokenDrift check(List<RequestRecord> records, ServerTokenizer tokenizer) {
        return tokenizer == null ? null : check(records, tokenizer::count);
    }

    /** Null when no request has usage. */
    static TokenDrift check(List<RequestRecord> records, TokenCounter tokenizer) {
        int checked = 0, drifted = 0, corroborated = 0, maxDiff = 0;
        for (RequestRecord r : records) {
            if (checked == MAX_CHECKED) break;
            if (!r.ok() || !"usage".equals(r.outputTokensSource())) continue;
            try {
                int diff = Math.abs(tokenizer.count(r.outputText()) - r.outputTokens());
                checked++;
                maxDiff = Math.max(maxDiff, diff);
                if (diff > 1 && diff > 0.02 * r.outputTokens()) {
                    drifted++;
                    if (streamCorroboratesUsage(r)) corroborated++;
                }
            } catch (IOException e) {
                break;
            }
        }
        return checked == 0 ? null : new TokenDrift(checked, drifted, corroborated, maxDiff);
    }

    /** One token per token-carrying chunk, and as many of those as usage counts. */
    private static boolean streamCorroboratesUsage(RequestRecord r) {
        return r.multiTokenChunks() == 0 && r.tokenChunks() == r.outputTokens();
    }
}
