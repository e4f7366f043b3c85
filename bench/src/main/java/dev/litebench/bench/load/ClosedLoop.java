package dev.litebench.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code concurrency} workers, each sending its next request as soon as its previous one ended, until
 * {@code requests} have been sent. A request's intended send time is the moment its worker became free.
 */
public record ClosedLoop(int concurrency, int requests) implements LoadProfile {

    public ClosedLoop {
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1");
        if (requests < 1) throw new IllegalArgumentException("a load needs at least one request");
    }

    @Override
    public void run(RequestSender sender) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>(concurrency);
        for (int w = 0; w < Math.min(concurrency, requests); w++) {
            workers.add(Thread.ofVirtual().name("closed-loop-" + w).start(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    sender.send(i, System.nanoTime());
                }
            }));
        }
        for (Thread t : workers) t.join();
    }
}
