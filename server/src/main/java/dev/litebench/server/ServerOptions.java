package dev.litebench.server;

/**
 * How the HTTP side runs.
 *
 * @param host         address to bind (loopback by default in the CLI)
 * @param port         TCP port; 0 picks a free one
 * @param modelName    the name clients give as {@code "model"}
 * @param apiKey       when not null, {@code /v1} requests must send {@code Authorization: Bearer <apiKey>}
 * @param maxBodyBytes larger request bodies get 413
 * @param warmup       whether the engine runs its {@link dev.litebench.engine.runtime.Warmup} before {@code /health}
 *                     answers 200
 */
public record ServerOptions(String host, int port, String modelName, String apiKey, long maxBodyBytes, boolean warmup) {
    public static final long DEFAULT_MAX_BODY_BYTES = 16L << 20;
    /**
     * Time the warm-up may take: it stops before a round that would end later, so a slow machine or a large model
     * runs one round (2-core EPYC VM, 0.6B Q8_0: one round of 4-7 s; a 16-core machine gets more rounds in).
     */
    public static final long WARMUP_BUDGET_NANOS = 5_000_000_000L;

    /** Without a warm-up (the default): the first requests then wait for the JIT. */
    public ServerOptions(String host, int port, String modelName, String apiKey, long maxBodyBytes) {
        this(host, port, modelName, apiKey, maxBodyBytes, false);
    }

    public ServerOptions {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        if (modelName == null || modelName.isBlank()) throw new IllegalArgumentException("the served model name must not be empty");
        if (apiKey != null && apiKey.isEmpty()) throw new IllegalArgumentException("the API key must not be empty");
        if (maxBodyBytes < 1) throw new IllegalArgumentException("the body size limit must be at least 1 byte, got " + maxBodyBytes);
    }
}
