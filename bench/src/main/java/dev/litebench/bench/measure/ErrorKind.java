package dev.litebench.bench.measure;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Why a request failed. A failed request never counts as a success in any metric. */
public enum ErrorKind {
    /** No TCP/TLS connection could be made. */
    CONNECT,
    /** The server answered 4xx. */
    HTTP_4XX,
    /** The server answered 5xx (or another non-200 status). */
    HTTP_5XX,
    /** No byte arrived within the read timeout. */
    TIMEOUT,
    /** The connection closed or the framing broke before the stream ended properly. */
    BROKEN_STREAM,
    /** The stream carried an {@code error} object. */
    STREAM_ERROR,
    /** A chunk was not valid JSON of the expected shape. */
    BAD_RESPONSE,
    /** The stream ended properly but carried no generated token. */
    EMPTY_OUTPUT;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
