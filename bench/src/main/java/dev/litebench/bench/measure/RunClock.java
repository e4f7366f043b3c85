package dev.litebench.bench.measure;

import java.time.Instant;

/**
 * The time origin of a run. Every time in a result is milliseconds since this origin, measured with
 * {@link System#nanoTime()}; the wall-clock instant of the origin is stored once so the timeline can be placed.
 */
public record RunClock(long originNanos, Instant originInstant) {

    public static RunClock start() {
        return new RunClock(System.nanoTime(), Instant.now());
    }

    public double ms(long nanos) {
        return (nanos - originNanos) / 1e6;
    }
}
