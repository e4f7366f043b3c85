package dev.litebench.cli;

import dev.litebench.engine.gguf.GGUFFile;
import dev.litebench.engine.kernel.WorkerPool;
import dev.litebench.engine.model.KVCache;
import dev.litebench.engine.model.ModelConfig;
import dev.litebench.engine.model.Transformer;
import dev.litebench.engine.runtime.Engine;
import dev.litebench.engine.runtime.EngineOptions;
import dev.litebench.engine.runtime.Warmup;
import dev.litebench.server.KvCacheBudget;
import dev.litebench.server.LiteBenchServer;
import dev.litebench.server.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve a GGUF model over an OpenAI-compatible HTTP API with continuous batching.",
                "Endpoints: POST /v1/chat/completions, POST /v1/completions (streaming or not), GET /v1/models, "
                        + "POST /tokenize, POST /detokenize, GET /health (503 while loading), GET /version, GET /metrics (Prometheus).",
                "Logs one line per request to stderr (method, path, status, tokens, latency; never prompts). Stop with Ctrl-C.",
                "The KV cache lives on the Java heap: for big caches raise it, e.g. LITEBENCH_JAVA_OPTS=-Xmx16g."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    ModelFileArg modelFile;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to bind (default ${DEFAULT-VALUE}, loopback only; 0.0.0.0 for all interfaces).")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8000", description = "TCP port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--served-model-name", paramLabel = "NAME",
            description = "The name clients pass as \"model\" (default: the file name without .gguf).")
    String servedModelName;

    @Mixin
    EngineFlags engine;

    @Option(names = {"-np", "--parallel"}, paramLabel = "N", defaultValue = "4",
            description = "Most requests decoded together (default ${DEFAULT-VALUE}); more wait in the queue.")
    int parallel;

    @Option(names = "--kv-cache-size", paramLabel = "BYTES",
            description = "KV-cache pool size in bytes, suffixes K, M, G (binary) allowed, e.g. 2G. A request whose prompt "
                    + "can never fit gets 400; one that cannot fit now waits. Default: ctx-size x parallel tokens, "
                    + "cut to half of the free Java heap.")
    String kvCacheSize;

    @Option(names = {"-b", "--batch-size"}, paramLabel = "N", defaultValue = "512",
            description = "Most tokens (prompt chunks + decodes) in one forward step (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-queue", paramLabel = "N", defaultValue = "64",
            description = "Most requests waiting beyond the parallel ones; more get 429 with Retry-After (default ${DEFAULT-VALUE}).")
    int maxQueue;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "Require 'Authorization: Bearer KEY' on every /v1 request (401 otherwise).")
    String apiKey;

    @Option(names = "--max-body-size", paramLabel = "BYTES", defaultValue = "16M",
            description = "Larger request bodies get 413 (default ${DEFAULT-VALUE}).")
    String maxBodySize;

    @Option(names = "--warmup",
            description = "Before GET /health answers 200, run a few generations of the engine's own (long and short prompts, "
                    + "batched and single decode; one round, more where a round takes under 2.5 s), so that the JIT has "
                    + "compiled the kernels before the first client request, as llama.cpp's server does by default. On 2 "
                    + "cores with a 0.6B Q8_0 model: ready 5-6 s later, first request 0.8-1.0 s instead of 2.8 s. Off by "
                    + "default, which gives the shortest time from start to first token.")
    boolean warmup;

    @Override
    public Integer call() throws Exception {
        Path model = modelFile.path();
        if (!Files.isRegularFile(model)) throw new NoSuchFileException(model.toString());
        String name = servedModelName != null ? servedModelName : model.getFileName().toString().replaceFirst("(?i)\\.gguf$", "");
        ServerOptions options = new ServerOptions(host, port, name, apiKey, parseBytes("--max-body-size", maxBodySize), warmup);
        EngineOptions flags = engineOptions(0); // validates the flags before anything starts
        LiteBenchServer server = LiteBenchServer.start(options, () -> Engine.load(model, engineOptions(kvCacheTokens(model, flags))), System.err);
        System.err.printf(Locale.ROOT, "litebench: listening on http://%s:%d, loading %s%n", host, server.port(), model);
        Engine loaded;
        try {
            loaded = server.awaitModel();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        Warmup.Result warm = server.awaitWarmup();
        if (warm != null) {
            System.err.printf(Locale.ROOT, "litebench: warmed up in %.1f s (%d round%s, %d generations; the last round took %.2f s)%n",
                    warm.nanos() / 1e9, warm.rounds(), warm.rounds() == 1 ? "" : "s", warm.requests(), warm.lastRoundNanos() / 1e9);
        }
        KVCache cache = loaded.cache();
        System.err.printf(Locale.ROOT, "litebench: serving '%s' (context %d tokens, parallel %d, KV cache %d tokens = %s; weights %s)%n", name,
                loaded.contextSize(), parallel, cache.capacityTokens(), Units.bytes(cache.blocks() * cache.blockBytes()),
                loaded.weightPlacement().describe());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
        return Main.EXIT_OK;
    }

    private EngineOptions engineOptions(int kvCacheTokens) {
        int threads = engine.threads != null ? engine.threads : WorkerPool.defaultThreads();
        return new EngineOptions(threads, engine.contextSize, parallel, kvCacheTokens, batchSize, maxQueue, engine.weightMemory());
    }

    private int kvCacheTokens(Path model, EngineOptions options) {
        try (GGUFFile file = GGUFFile.open(model)) {
            ModelConfig c = Transformer.load(file).config();
            int context = options.contextSize() == 0 ? c.contextLength() : Math.min(options.contextSize(), c.contextLength());
            long free = KvCacheBudget.freeHeapBytes();
            return kvCacheSize != null ? KvCacheBudget.tokensForBytes(c, parseBytes("--kv-cache-size", kvCacheSize), free)
                    : KvCacheBudget.defaultTokens(c, context, options.parallel(), free);
        }
    }

    /** "1048576", "512K", "16M", "2G" (binary multiples). */
    static long parseBytes(String flag, String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replaceFirst("I?B$", "");
        int shift = t.endsWith("K") ? 10 : t.endsWith("M") ? 20 : t.endsWith("G") ? 30 : t.endsWith("T") ? 40 : 0;
        if (shift > 0) t = t.substring(0, t.length() - 1);
        try {
            long n = Long.parseLong(t);
            if (n < 1 || n > Long.MAX_VALUE >> shift) throw new NumberFormatException();
            return n << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a positive number of bytes such as 1048576, 512K, 16M or 2G, got '" + text + "'");
        }
    }
}
