package dev.litebench.bench.load;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * Open loop: {@code requests} requests at Poisson arrivals of mean rate {@code rate} per second (exponential
 * gaps from a seeded generator, so runs are repeatable). Each request goes out on its own virtual thread at its
 * intended time whatever the others are doing, so queueing in the server or the client shows in the latencies.
 */
public record PoissonArrivals(double rate, int requests, long seed) implements LoadProfile {

    public PoissonArrivals {
        if (!(rate > 0) || Double.isInfinite(rate)) throw new IllegalArgumentException("a request rate must be a positive number");
        if (requests < 1) throw new IllegalArgumentException("a load needs at least one request");
    }

    /** Intended send offsets in nanoseconds from the start; the first request goes at 0. */
    public long[] offsets() {
        SplittableRandom random = new SplittableRandom(seed);
        long[] at = new long[requests];
        double t = 0;
        for (int i = 1; i < requests; i++) {
            t += -Math.log(1 - random.nextDouble()) / rate;
            at[i] = Math.round(t * 1e9);
        }
        return at;
    }

    @Override
    public void run(RequestSender sender) {
        long[] offsets = offsets();
        long base = System.nanoTime() + 1_000_000;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests; i++) {
                long due = base + offsets[i];
                for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) LockSupport.parkNanos(left);
                int index = i;
                threads.execute(() -> sender.send(index, due));
            }
        }
    }
}
