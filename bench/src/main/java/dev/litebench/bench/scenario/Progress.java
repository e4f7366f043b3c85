package dev.litebench.bench.scenario;

import dev.litebench.bench.measure.RequestRecord;

/** Where a run reports what it is doing: phases with a known number of requests, each request, and notes. */
public interface Progress {

    /** A phase starts: {@code requests} requests will be sent. */
    void begin(String target, String scenario, String phase, int requests);

    /** A request ended (called from request threads). */
    void request(RequestRecord r);

    /** The phase ended. */
    void end();

    /** A line of information. */
    void note(String line);
}
