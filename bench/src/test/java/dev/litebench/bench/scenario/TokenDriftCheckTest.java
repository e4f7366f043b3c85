package dev.litebench.bench.scenario;

import dev.litebench.bench.measure.RequestRecord;
import dev.litebench.bench.result.Audit;
import dev.litebench.bench.result.TokenDrift;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenDriftCheckTest {
    /** A tokenizer that counts words: "a b c" is 3 tokens. */
    private static final TokenDriftCheck.TokenCounter WORDS = text -> text.isBlank() ? 0 : text.trim().split(" +").length;

    private static RequestRecord record(String text, int usageTokens, int tokenChunks, int multiTokenChunks) {
        return new RequestRecord("r", null, 0, 10, 0, 0, 1.0, 1.0, 1.0, 10.0, 1.0, List.of(), new double[0],
                usageTokens, null, 5, usageTokens, "usage", null, null, tokenChunks + 1, tokenChunks, 1, true,
                multiTokenChunks, "length", null, null, null, null, null, text, null);
    }

    private static List<String> warnings(TokenDrift drift, List<RequestRecord> records) {
        return Audit.of(records, true, 0, drift, List.of()).warnings();
    }

    @Test
    void matchingCountsDoNotDrift() {
        List<RequestRecord> rs = List.of(record("a b c d e f g h i j", 10, 10, 0));
        TokenDrift d = TokenDriftCheck.check(rs, WORDS);
        assertThat(d).isEqualTo(new TokenDrift(1, 0, 0, 0));
        assertThat(warnings(d, rs)).isEmpty();
    }

    @Test
    void textThatRetokenizesDifferentlyButWhoseStreamConfirmsUsageIsNotAWarning() {
        // 10 tokens sampled and streamed one per chunk, whose text merges into 6 words
        List<RequestRecord> rs = List.of(record("ab c de f gh ij", 10, 10, 0));
        TokenDrift d = TokenDriftCheck.check(rs, WORDS);
        assertThat(d).isEqualTo(new TokenDrift(1, 1, 1, 4));
        assertThat(d.unexplained()).isZero();
        assertThat(warnings(d, rs)).noneMatch(w -> w.contains("re-tokenize"));
    }

    @Test
    void usageThatNeitherTheTextNorTheStreamConfirmsIsAWarning() {
        // usage says 20, the stream carried 10 single-token chunks and the text is 10 words
        List<RequestRecord> rs = List.of(record("a b c d e f g h i j", 20, 10, 0), record("a b c d e f g h i j", 10, 10, 0));
        TokenDrift d = TokenDriftCheck.check(rs, WORDS);
        assertThat(d).isEqualTo(new TokenDrift(2, 1, 0, 10));
        assertThat(warnings(d, rs)).anyMatch(w -> w.startsWith("1 of 2 outputs re-tokenize to a different count than usage (max diff 10)"));
    }

    @Test
    void chunksCarryingSeveralTokensDoNotConfirmUsage() {
        List<RequestRecord> rs = List.of(record("ab c de f gh ij", 10, 10, 2));
        assertThat(TokenDriftCheck.check(rs, WORDS).unexplained()).isEqualTo(1);
    }

    @Test
    void noTokenizerOrNoUsageGivesNoCheck() {
        assertThat(TokenDriftCheck.check(List.of(record("a", 1, 1, 0)), (dev.litebench.bench.api.ServerTokenizer) null)).isNull();
        assertThat(TokenDriftCheck.check(List.of(), WORDS)).isNull();
    }
}
