package dev.litebench.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Properties;

/** {@code GET /v1/models}, {@code GET /v1/models/{id}}, {@code GET /health} and {@code GET /version}. */
final class InfoEndpoints {
    static final String VERSION = readVersion();

    private final ModelSlot slot;
    private final long created = Instant.now().getEpochSecond();

    InfoEndpoints(ModelSlot slot) {
        this.slot = slot;
    }

    void models(ServerRequest req, ServerResponse res) {
        ObjectNode list = Json.object();
        list.put("object", "list");
        list.putArray("data").add(modelObject());
        Json.send(res, list);
    }

    void model(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        if (!id.equals(slot.name())) {
            throw ApiException.notFound("model_not_found", "model",
                    "the model '" + id + "' does not exist; this server serves '" + slot.name() + "'");
        }
        Json.send(res, modelObject());
    }

    /** 200 when the model is loaded and requests are served; 503 while it loads. */
    void health(ServerRequest req, ServerResponse res) {
        slot.get();
        ObjectNode ok = Json.object();
        ok.put("status", "ok");
        res.status(Status.OK_200);
        Json.send(res, ok);
    }

    void version(ServerRequest req, ServerResponse res) {
        ObjectNode v = Json.object();
        v.put("version", VERSION);
        slot.ifLoaded(model -> v.put("weights", model.engine().weightPlacement().describe()));
        Json.send(res, v);
    }

    private ObjectNode modelObject() {
        ObjectNode m = Json.object();
        m.put("id", slot.name());
        m.put("object", "model");
        m.put("created", created);
        m.put("owned_by", "litebench");
        slot.ifLoaded(model -> m.put("max_model_len", model.engine().contextSize()));
        return m;
    }

    private static String readVersion() {
        try (InputStream in = InfoEndpoints.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
