package dev.litebench.bench.load;

/** Sends request number {@code index} (from 0), meant to go out at {@code intendedNanos}, and waits for it to end. */
@FunctionalInterface
public interface RequestSender {
    void send(int index, long intendedNanos);
}
