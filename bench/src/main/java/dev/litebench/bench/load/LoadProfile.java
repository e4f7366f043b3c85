package dev.litebench.bench.load;

/**
 * When requests are sent. A profile only decides the intended send time of each request and on which virtual
 * thread it runs; measuring is the sender's job. Every latency is measured from the intended send time.
 */
public sealed interface LoadProfile permits ClosedLoop, PoissonArrivals {

    /** Sends every request and returns when all have ended. */
    void run(RequestSender sender) throws InterruptedException;

    int requests();
}
