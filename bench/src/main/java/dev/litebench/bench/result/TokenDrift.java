package dev.litebench.bench.result;

/**
 * Server-counted output tokens ({@code usage.completion_tokens}) against the server's tokenizer run on the
 * returned text, for {@code checked} requests. A request drifts when the counts differ by more than 1 token and
 * 2%. Of those, {@code streamCorroborated} streamed one token per token-carrying chunk and as many such chunks as
 * usage counts: the stream confirms usage, so the text merely does not re-tokenize into the tokens that were
 * sampled (usual for random-weight models, possible with any). Only the others cast doubt on the usage counts.
 */
public record TokenDrift(int checked, int drifted, int streamCorroborated, int maxAbsDiff) {

    /** Drifted requests whose usage count nothing confirms. */
    public int unexplained() {
        return drifted - streamCorroborated;
    }
}
