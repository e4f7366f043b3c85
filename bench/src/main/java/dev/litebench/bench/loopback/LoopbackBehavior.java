package dev.litebench.bench.loopback;

/**
 * How the {@link LoopbackServer} answers: the exact schedule of its stream and the faults it injects. Fields are
 * volatile so a test may change them between requests. Token j (from 0) of a stream is written at
 * {@code arrival + ttftMs + j * itl}, where itl is {@code itlMs + itlPerActiveMs * (other active streams)} at the
 * moment the gap starts; with several tokens per chunk a chunk goes out when its last token is due.
 */
public final class LoopbackBehavior {
    volatile String model = "loopback";
    volatile double headerDelayMs;
    volatile boolean emptyFirstChunk = true;
    volatile int reasoningTokens;
    volatile double ttftMs = 20;
    volatile double itlMs = 5;
    volatile double itlPerActiveMs;
    volatile int tokensPerChunk = 1;
    volatile boolean usage = true;
    volatile boolean continuousUsage;
    volatile boolean timings;
    volatile int failEvery;
    volatile int failStatus = 500;
    volatile int dropEvery;
    volatile int dropAfterChunks;
    volatile boolean rejectLengthControl;
    volatile int naturalLength = Integer.MAX_VALUE;
    volatile int chatTemplateTokens = 5;
    volatile boolean tokenizeEndpoint = true;
    volatile boolean reportCachedTokens = true;
    volatile long loadingMs;

    public LoopbackBehavior model(String v) { model = v; return this; }
    /** Delay between the request's arrival and the response head. */
    public LoopbackBehavior headerDelayMs(double v) { headerDelayMs = v; return this; }
    /** Send a role-only (chat) or empty-text (completions) chunk right after the head, as most servers do. */
    public LoopbackBehavior emptyFirstChunk(boolean v) { emptyFirstChunk = v; return this; }
    /** The first n tokens are reasoning ({@code reasoning_content}); chat only. */
    public LoopbackBehavior reasoningTokens(int v) { reasoningTokens = v; return this; }
    public LoopbackBehavior ttftMs(double v) { ttftMs = v; return this; }
    public LoopbackBehavior itlMs(double v) { itlMs = v; return this; }
    /** Extra inter-token time for each other stream generating at the same moment (a server slowing under load). */
    public LoopbackBehavior itlPerActiveMs(double v) { itlPerActiveMs = v; return this; }
    public LoopbackBehavior tokensPerChunk(int v) { tokensPerChunk = v; return this; }
    /** Send a usage chunk when the request asks for it with {@code stream_options.include_usage}. */
    public LoopbackBehavior usage(boolean v) { usage = v; return this; }
    /** Put a running {@code usage} on every chunk, as vLLM's {@code continuous_usage_stats} does. */
    public LoopbackBehavior continuousUsage(boolean v) { continuousUsage = v; return this; }
    /** Send llama.cpp-style {@code timings} (with LiteBench's {@code queue_ms}) in the final chunk. */
    public LoopbackBehavior timings(boolean v) { timings = v; return this; }
    /** Every n-th generation request (1-based) is answered with {@code status} instead of a stream. */
    public LoopbackBehavior failEvery(int n, int status) { failEvery = n; failStatus = status; return this; }
    /** Every n-th generation request has its connection dropped after {@code chunks} token chunks. */
    public LoopbackBehavior dropEvery(int n, int chunks) { dropEvery = n; dropAfterChunks = chunks; return this; }
    /** Answer 400 to requests carrying {@code ignore_eos} or {@code min_tokens}, as the OpenAI API does. */
    public LoopbackBehavior rejectLengthControl(boolean v) { rejectLengthControl = v; return this; }
    /** Where the output stops by itself when the length is not forced. */
    public LoopbackBehavior naturalLength(int v) { naturalLength = v; return this; }
    /** Prompt tokens the chat template adds around the user message. */
    public LoopbackBehavior chatTemplateTokens(int v) { chatTemplateTokens = v; return this; }
    public LoopbackBehavior tokenizeEndpoint(boolean v) { tokenizeEndpoint = v; return this; }
    /** Report {@code prompt_tokens_details.cached_tokens}: the longest token prefix shared with an earlier prompt. */
    public LoopbackBehavior reportCachedTokens(boolean v) { reportCachedTokens = v; return this; }
    /** {@code /health} answers 503 for this long after the server starts. */
    public LoopbackBehavior loadingMs(long v) { loadingMs = v; return this; }
}
