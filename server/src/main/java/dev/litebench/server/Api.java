package dev.litebench.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.ServerRequest;

/** What the API endpoints share: the request body, the served model, the way to answer generations. */
final class Api {
    private final ModelSlot slot;
    private final long maxBodyBytes;
    private final GenerationResponder responder;

    Api(ModelSlot slot, long maxBodyBytes, GenerationResponder responder) {
        this.slot = slot;
        this.maxBodyBytes = maxBodyBytes;
        this.responder = responder;
    }

    ObjectNode body(ServerRequest req) {
        return RequestBody.readObject(req, maxBodyBytes);
    }

    /** The model a request addresses: its {@code "model"} must be the served name when given. */
    ServedModel model(ObjectNode body) {
        String requested = Fields.string(body, "model");
        if (requested != null && !requested.equals(slot.name())) {
            throw ApiException.notFound("model_not_found", "model",
                    "the model '" + requested + "' does not exist; this server serves '" + slot.name() + "'");
        }
        return slot.get();
    }

    GenerationResponder responder() {
        return responder;
    }

    GenerationResponder.Delivery delivery(ObjectNode body) {
        boolean stream = Boolean.TRUE.equals(Fields.bool(body, "stream"));
        ObjectNode options = Fields.object(body, "stream_options");
        boolean includeUsage = options != null && Boolean.TRUE.equals(Fields.bool(options, "include_usage"));
        if (options != null && !stream) {
            throw ApiException.badRequest("stream_options", "'stream_options' is only allowed when 'stream' is true");
        }
        return new GenerationResponder.Delivery(stream, includeUsage);
    }

    static int[] nonEmpty(int[] prompt, String param) {
        if (prompt.length == 0) throw ApiException.badRequest(param, "the prompt is empty");
        return prompt;
    }
}
