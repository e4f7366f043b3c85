package dev.litebench.bench.measure;

import dev.litebench.bench.http.SseParser.SseEvent;

import java.util.List;

/**
 * What the client saw of one streaming request, before any JSON was parsed: all times are
 * {@link System#nanoTime()} values. {@code failure} is set when the transport itself failed.
 */
public record RawExchange(String id, long intendedNanos, long sendStartNanos, long sentNanos, long connectNanos,
                          int status, long headNanos, List<SseEvent> events, boolean done, String errorBody,
                          RequestError failure, long endNanos) {}
