package dev.litebench.bench.testing;

import dev.litebench.bench.loopback.LoopbackBehavior;
import dev.litebench.bench.loopback.LoopbackServer;

/**
 * A loopback server as its own process, for tests of {@code --launch} and {@code --serve} and for recording the
 * report's test data: {@code FakeServerMain PORT LOADING_MS TTFT_MS ITL_MS [ITL_PER_ACTIVE_MS PREFILL_PER_TOKEN_MS
 * MODEL BALLAST_MIB]}. It answers /health with 503 while "loading", allocates some memory (64 MiB unless given) so
 * that peak RSS is visible, and runs until killed.
 */
public final class FakeServerMain {
    private FakeServerMain() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long loadingMs = Long.parseLong(args[1]);
        LoopbackBehavior b = new LoopbackBehavior().loadingMs(loadingMs).ttftMs(Double.parseDouble(args[2])).itlMs(Double.parseDouble(args[3]))
                .itlPerActiveMs(args.length > 4 ? Double.parseDouble(args[4]) : 0)
                .prefillPerTokenMs(args.length > 5 ? Double.parseDouble(args[5]) : 0)
                .timings(true).model(args.length > 6 ? args[6] : "fake");
        byte[] ballast = new byte[(args.length > 7 ? Integer.parseInt(args[7]) : 64) << 20];
        java.util.Arrays.fill(ballast, (byte) 1);
        try (LoopbackServer s = LoopbackServer.start(b, port)) {
            System.out.println("fake server on " + s.url() + " ballast " + ballast.length);
            Thread.currentThread().join();
        }
    }
}
