package dev.litebench.server;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;

/** Reads a request's JSON object, refusing bodies over the size limit (413) and anything that is not a JSON object. */
final class RequestBody {
    private RequestBody() {}

    static ObjectNode readObject(ServerRequest req, long maxBytes) {
        byte[] body = read(req, maxBytes);
        if (body.length == 0) throw ApiException.badRequest(null, "the request body is empty; expected a JSON object");
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest(null, "the request body is too deeply nested or has an oversized number");
        } catch (JsonParseException e) {
            throw ApiException.badRequest(null, "malformed JSON in the request body at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw ApiException.badRequest(null, "malformed JSON in the request body: " + e.getClass().getSimpleName());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(null, "the request body must be a JSON object, got " + Fields.typeName(node));
        }
        return (ObjectNode) node;
    }

    private static byte[] read(ServerRequest req, long maxBytes) {
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > maxBytes) throw tooLarge(maxBytes);
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) throw tooLarge(maxBytes);
            return body;
        } catch (IOException | DataReader.InsufficientDataAvailableException e) {
            throw ApiException.badRequest(null, "the request body ended before its declared length");
        }
    }

    private static ApiException tooLarge(long maxBytes) {
        return new ApiException(Status.REQUEST_ENTITY_TOO_LARGE_413, "invalid_request_error", "request_too_large", null,
                "the request body is larger than the limit of " + maxBytes + " bytes");
    }

}
