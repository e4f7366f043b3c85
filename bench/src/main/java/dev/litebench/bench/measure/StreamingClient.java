package dev.litebench.bench.measure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.litebench.bench.api.ApiShape;
import dev.litebench.bench.api.GenerationRequest;
import dev.litebench.bench.http.HttpConnection;
import dev.litebench.bench.http.HttpTransport;
import dev.litebench.bench.http.ResponseHandler;
import dev.litebench.bench.http.ResponseHead;
import dev.litebench.bench.http.SseParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Sends streaming generation requests and records what arrives, stamping bytes as they come. */
public final class StreamingClient {
    /** Header naming the request, so that a server (the loopback one) can join its own records with ours. */
    public static final String REQUEST_ID_HEADER = "X-LiteBench-Request";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY = 4096;

    private final HttpTransport transport;
    private final ApiShape api;
    private final String model;
    private final boolean forceLength;

    public StreamingClient(HttpTransport transport, ApiShape api, String model, boolean forceLength) {
        this.transport = transport;
        this.api = api;
        this.model = model;
        this.forceLength = forceLength;
    }

    public String model() {
        return model;
    }

    public boolean forcesLength() {
        return forceLength;
    }

    public RawExchange send(String id, GenerationRequest request, long intendedNanos) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(api.body(model, request, forceLength));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        Capture capture = new Capture();
        long sendStart = System.nanoTime();
        RequestError failure = null;
        try {
            transport.exchange("POST", transport.endpoint().path(api.path()),
                    Map.of("Content-Type", "application/json", "Accept", "text/event-stream", REQUEST_ID_HEADER, id),
                    body, capture);
        } catch (HttpConnection.ConnectFailedException e) {
            failure = new RequestError(ErrorKind.CONNECT, null, e.getMessage());
        } catch (SocketTimeoutException e) {
            failure = new RequestError(ErrorKind.TIMEOUT, capture.status(), "no data within the read timeout");
        } catch (IOException e) {
            failure = new RequestError(ErrorKind.BROKEN_STREAM, capture.status(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return new RawExchange(id, intendedNanos, sendStart, capture.sentNanos, capture.connectNanos, capture.statusOrZero(),
                capture.headNanos, capture.sse.events(), capture.sse.done(),
                capture.errorBody == null ? null : capture.errorBody.toString(StandardCharsets.UTF_8), failure,
                System.nanoTime());
    }

    private static final class Capture implements ResponseHandler {
        final SseParser sse = new SseParser();
        ResponseHead head;
        long sentNanos;
        long connectNanos;
        long headNanos;
        ByteArrayOutputStream errorBody;

        @Override
        public void onHead(ResponseHead head, long sentNanos, long connectNanos) {
            this.head = head;
            this.sentNanos = sentNanos;
            this.connectNanos = connectNanos;
            this.headNanos = head.arrivalNanos();
            if (head.status() != 200) errorBody = new ByteArrayOutputStream();
        }

        @Override
        public void accept(byte[] bytes, int offset, int length, long arrivalNanos) {
            if (errorBody == null) {
                sse.accept(bytes, offset, length, arrivalNanos);
            } else if (errorBody.size() < MAX_ERROR_BODY) {
                errorBody.write(bytes, offset, Math.min(length, MAX_ERROR_BODY - errorBody.size()));
            }
        }

        Integer status() {
            return head == null ? null : head.status();
        }

        int statusOrZero() {
            return head == null ? 0 : head.status();
        }
    }
}
