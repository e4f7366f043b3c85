package dev.litebench.server;

import dev.litebench.engine.runtime.GenerationResult;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/**
 * One line per request: time, method, path, status, tokens (for generations) and latency. Never the prompt or the
 * output. Generation handlers attach their token counts with {@link #record}.
 */
final class AccessLog implements Filter {
    private final PrintStream out;

    AccessLog(PrintStream out) {
        this.out = out;
    }

    /** The request being served: when it arrived, and its generation's result once the handler has one. */
    private static final class Entry {
        final long arrivalNanos = System.nanoTime();
        volatile GenerationResult result;
    }

    static void record(ServerRequest req, GenerationResult result) {
        req.context().get(Entry.class).ifPresent(e -> e.result = result);
    }

    /** When the request arrived ({@link System#nanoTime()}), the start of its latency metrics. */
    static long arrivalNanos(ServerRequest req) {
        return req.context().get(Entry.class).map(e -> e.arrivalNanos).orElseGet(System::nanoTime);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Entry entry = new Entry();
        req.context().register(entry);
        try {
            chain.proceed();
        } finally {
            double ms = (System.nanoTime() - entry.arrivalNanos) / 1e6;
            GenerationResult r = entry.result;
            String usage = r == null ? "" : String.format(Locale.ROOT, " prompt=%d cached=%d completion=%d finish=%s",
                    r.promptTokens(), r.cachedTokens(), r.completionTokens(), r.finishReason().apiName());
            out.println(String.format(Locale.ROOT, "%s %s %s %d%s %.1fms", Instant.now(), req.prologue().method().text(),
                    req.path().rawPath(), res.status().code(), usage, ms));
        }
    }
}
