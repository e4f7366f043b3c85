package dev.litebench.bench.http;

/** Receives a response as it arrives: the head first, then the body in stamped pieces. */
public interface ResponseHandler extends BodySink {

    /**
     * Called when the head has arrived. {@code sentNanos} is when the request's last byte was written,
     * {@code connectNanos} the handshake time (0 for a reused connection).
     */
    void onHead(ResponseHead head, long sentNanos, long connectNanos);
}
