package dev.litebench.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.bench.http.HttpTransport;

import java.io.IOException;

/**
 * The server's own tokenizer through {@code POST /tokenize}, in vLLM's shape ({@code prompt} in,
 * {@code tokens}/{@code count} out; LiteBench's server too) or llama.cpp's ({@code content} in, {@code tokens} out).
 * Counts are of the raw text, without special tokens or chat template.
 */
public final class ServerTokenizer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpTransport http;
    private final String model;
    private final boolean vllmShape;

    private ServerTokenizer(HttpTransport http, String model, boolean vllmShape) {
        this.http = http;
        this.model = model;
        this.vllmShape = vllmShape;
    }

    /** The server's tokenizer, or null when it has no usable /tokenize. */
    public static ServerTokenizer detect(HttpTransport http, String model) {
        for (boolean vllm : new boolean[] {true, false}) {
            ServerTokenizer t = new ServerTokenizer(http, model, vllm);
            try {
                if (t.count("hello world") > 0) return t;
            } catch (IOException | RuntimeException e) {
                // try the other shape
            }
        }
        return null;
    }

    public String shape() {
        return vllmShape ? "vllm" : "llama.cpp";
    }

    public int count(String text) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        if (vllmShape) {
            if (model != null) body.put("model", model);
            body.put("prompt", text);
            body.put("add_special_tokens", false);
        } else {
            body.put("content", text);
            body.put("add_special", false);
        }
        HttpTransport.Response r = http.call("POST", http.endpoint().path("/tokenize"), JSON.writeValueAsBytes(body));
        if (r.status() != 200) throw new IOException("/tokenize answered HTTP " + r.status());
        JsonNode n = JSON.readTree(r.body());
        JsonNode tokens = n.path("tokens");
        if (!tokens.isArray()) throw new IOException("/tokenize answered without a tokens array");
        return n.path("count").isNumber() ? n.path("count").asInt() : tokens.size();
    }
}
