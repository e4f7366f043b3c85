package dev.litebench.bench;

/** Something went wrong while measuring (a server died, a request that must work failed): exit code 1. */
public class BenchFailure extends RuntimeException {
    public BenchFailure(String message) {
        super(message);
    }

    public BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
