package dev.litebench.bench.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a document against docs/result.schema.json: the keywords the schema uses ($ref, const, enum, type,
 * required, properties, items, propertyNames). Returns every violation with its JSON path.
 */
public final class SchemaCheck {
    private final JsonNode root;

    private SchemaCheck(JsonNode root) {
        this.root = root;
    }

    /** The schema from the repository's docs (tests run in the module directory). */
    public static SchemaCheck resultSchema() throws IOException {
        return new SchemaCheck(new ObjectMapper().readTree(Path.of("..", "docs", "result.schema.json").toFile()));
    }

    public List<String> violations(JsonNode doc) {
        List<String> out = new ArrayList<>();
        check(root, doc, "$", out);
        return out;
    }

    private void check(JsonNode schema, JsonNode v, String path, List<String> out) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            check(root.path("$defs").path(ref.substring("#/$defs/".length())), v, path, out);
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(v)) out.add(path + ": must be " + schema.get("const"));
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) found |= e.equals(v) || (e.isNumber() && v.isNumber() && e.asDouble() == v.asDouble());
            if (!found) out.add(path + ": " + v + " not in " + schema.get("enum"));
        }
        if (schema.has("type") && !typeOk(schema.get("type").asText(), v)) out.add(path + ": not of type " + schema.get("type").asText());
        if (schema.has("required")) {
            for (JsonNode r : schema.get("required")) if (!v.has(r.asText())) out.add(path + ": missing " + r.asText());
        }
        if (schema.has("properties") && v.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.get("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                if (v.has(p.getKey())) check(p.getValue(), v.get(p.getKey()), path + "." + p.getKey(), out);
            }
        }
        if (schema.has("propertyNames") && v.isObject()) {
            for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                check(schema.get("propertyNames"), new ObjectMapper().getNodeFactory().textNode(name), path + "{" + name + "}", out);
            }
        }
        if (schema.has("items") && v.isArray()) {
            for (int i = 0; i < v.size(); i++) check(schema.get("items"), v.get(i), path + "[" + i + "]", out);
        }
    }

    private static boolean typeOk(String type, JsonNode v) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            default -> false;
        };
    }
}
