package dev.litebench.bench.testing;

import dev.litebench.bench.loopback.LoopbackBehavior;
import dev.litebench.bench.loopback.LoopbackServer;

/**
 * A loopback server as its own process, for tests of {@code --launch} and {@code --serve}:
 * {@code FakeServerMain PORT LOADING_MS TTFT_MS ITL_MS}. It answers /health with 503 while "loading", allocates
 * some memory so that peak RSS is visible, and runs until killed.
 */
public final class FakeServerMain {
    private FakeServerMain() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long loadingMs = Long.parseLong(args[1]);
        LoopbackBehavior b = new LoopbackBehavior().loadingMs(loadingMs).ttftMs(Double.parseDouble(args[2])).itlMs(Double.parseDouble(args[3]))
                .timings(true).model("fake");
        byte[] ballast = new byte[64 << 20];
        java.util.Arrays.fill(ballast, (byte) 1);
        try (LoopbackServer s = LoopbackServer.start(b, port)) {
            System.out.println("fake server on " + s.url() + " ballast " + ballast.length);
            Thread.currentThread().join();
        }
    }
}
