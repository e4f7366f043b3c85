package dev.litebench.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.engine.generate.ThinkingSplitter;
import dev.litebench.engine.generate.TokenLogprobs;
import dev.litebench.engine.runtime.Engine;
import dev.litebench.engine.runtime.GenerationRequest;
import dev.litebench.engine.runtime.GenerationResult;
import dev.litebench.engine.runtime.Submission;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one generation for a request and answers it, streamed (each token flushed as it is decoded) or whole. Runs
 * on the connection's virtual thread, reading the events the engine's scheduler hands over. A streaming client
 * that goes away cancels its generation, which frees its KV blocks at the next step.
 */
final class GenerationResponder {
    private final ServerMetrics metrics;

    GenerationResponder(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    /** How the client asked to be answered. */
    record Delivery(boolean stream, boolean includeUsage) {}

    void respond(ServerRequest req, ServerResponse res, Engine engine, GenerationRequest generation, ResponseShape shape,
                 Delivery delivery) throws InterruptedException {
        long arrival = AccessLog.arrivalNanos(req);
        GenerationEvents events = new GenerationEvents();
        Submission submission = engine.submit(generation, events);
        try {
            if (delivery.stream()) stream(req, res, events, shape, delivery, arrival);
            else whole(req, res, events, shape, arrival);
        } catch (InterruptedException | RuntimeException e) {
            submission.cancel();
            throw e;
        } catch (IOException e) { // the client disconnected
            submission.cancel();
            awaitEnd(req, events, arrival);
        }
    }

    /** Waits for a cancelled generation to end (the scheduler's next step) so that it is counted and logged. */
    private void awaitEnd(ServerRequest req, GenerationEvents events, long arrival) throws InterruptedException {
        while (true) {
            switch (events.next()) {
                case GenerationEvents.Token ignored -> { }
                case GenerationEvents.Done d -> {
                    finished(req, arrival, d);
                    return;
                }
                case GenerationEvents.Failed ignored -> {
                    return;
                }
            }
        }
    }

    private void whole(ServerRequest req, ServerResponse res, GenerationEvents events, ResponseShape shape, long arrival)
            throws InterruptedException {
        StringBuilder reasoning = new StringBuilder();
        StringBuilder content = new StringBuilder();
        List<TokenLogprobs> logprobs = new ArrayList<>();
        TokenClock clock = new TokenClock(arrival);
        while (true) {
            switch (events.next()) {
                case GenerationEvents.Token t -> {
                    clock.tick(t.nanos());
                    append(reasoning, content, t.text());
                    if (t.logprobs() != null) logprobs.add(t.logprobs());
                }
                case GenerationEvents.Done d -> {
                    append(reasoning, content, d.tail());
                    finished(req, arrival, d);
                    Json.send(res, shape.response(new ResponseShape.Output(reasoning.toString(), content.toString(),
                            logprobs, d.result())));
                    return;
                }
                case GenerationEvents.Failed f -> throw f.error();
            }
        }
    }

    private void stream(ServerRequest req, ServerResponse res, GenerationEvents events, ResponseShape shape,
                        Delivery delivery, long arrival) throws IOException, InterruptedException {
        try (SseWriter sse = new SseWriter(res)) {
            ObjectNode opening = shape.openingChunk();
            if (opening != null) sse.send(opening);
            TokenClock clock = new TokenClock(arrival);
            while (true) {
                switch (events.next()) {
                    case GenerationEvents.Token t -> {
                        clock.tick(t.nanos());
                        ObjectNode chunk = shape.tokenChunk(t.text(), t.logprobs());
                        if (chunk != null) sse.send(chunk);
                    }
                    case GenerationEvents.Done d -> {
                        finished(req, arrival, d);
                        ObjectNode tail = shape.tokenChunk(d.tail(), null);
                        if (tail != null) sse.send(tail);
                        ObjectNode finish = shape.finishChunk(d.result());
                        ObjectNode last = finish;
                        if (delivery.includeUsage()) {
                            sse.send(finish);
                            last = shape.emptyChunk();
                            last.set("usage", ResponseParts.usage(d.result()));
                        }
                        last.set("timings", ResponseParts.timings(d.result().timings()));
                        sse.send(last);
                        sse.done();
                        return;
                    }
                    case GenerationEvents.Failed f -> {
                        sse.send(Errors.body(Errors.toApi(f.error())));
                        sse.done();
                        return;
                    }
                }
            }
        }
    }

    private void finished(ServerRequest req, long arrival, GenerationEvents.Done done) {
        GenerationResult r = done.result();
        metrics.finished(arrival, done.nanos(), r);
        AccessLog.record(req, r);
    }

    private static void append(StringBuilder reasoning, StringBuilder content, ThinkingSplitter.Delta d) {
        reasoning.append(d.reasoning());
        content.append(d.content());
    }

    /** Feeds time to first token and inter-token latency as tokens arrive. */
    private final class TokenClock {
        private final long arrival;
        private long previous;

        TokenClock(long arrival) {
            this.arrival = arrival;
        }

        void tick(long nanos) {
            if (previous == 0) metrics.firstToken(arrival, nanos);
            else metrics.nextToken(previous, nanos);
            previous = nanos;
        }
    }
}
