package dev.litebench.bench.measure;

/** Why one request failed: the kind, the HTTP status when there was one, and a one-line message. */
public record RequestError(ErrorKind kind, Integer status, String message) {}
