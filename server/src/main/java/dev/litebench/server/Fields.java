package dev.litebench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of request fields. A field that is absent or JSON null reads as "not given"; a field of the wrong
 * type is a 400 naming the field, e.g. {@code 'temperature' must be a number, got a string}.
 */
final class Fields {
    private Fields() {}

    static boolean present(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        return v != null && !v.isNull();
    }

    static Double number(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) throw wrongType(name, "a number", v);
        return v.asDouble();
    }

    /** An integer; a float with no fraction (e.g. {@code 64.0}) is accepted, as Python clients sometimes send one. */
    static Long integer(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) return null;
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) throw ApiException.badRequest(name, "'" + name + "' is out of range: " + v);
            return v.asLong();
        }
        double d = v.asDouble();
        if (!v.isNumber() || d != Math.rint(d)) throw wrongType(name, "an integer", v);
        if (Math.abs(d) > 1L << 53) throw ApiException.badRequest(name, "'" + name + "' is out of range: " + v);
        return (long) d;
    }

    /** An integer field that must fit in [min, max]. */
    static Integer intInRange(ObjectNode body, String name, long min, long max) {
        Long v = integer(body, name);
        if (v == null) return null;
        if (v < min || v > max) {
            throw ApiException.badRequest(name, "'" + name + "' must be between " + min + " and " + max + ", got " + v);
        }
        return v.intValue();
    }

    static Boolean bool(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isBoolean()) throw wrongType(name, "a boolean", v);
        return v.asBoolean();
    }

    static String string(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw wrongType(name, "a string", v);
        return v.asText();
    }

    static ObjectNode object(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isObject()) throw wrongType(name, "an object", v);
        return (ObjectNode) v;
    }

    /** A string or an array of strings, as OpenAI's {@code stop}. */
    static List<String> stringOrStrings(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) return List.of();
        if (v.isTextual()) return List.of(v.asText());
        if (!v.isArray()) throw wrongType(name, "a string or an array of strings", v);
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) throw wrongType(name, "a string or an array of strings", v);
            out.add(e.asText());
        }
        return out;
    }

    /** An array of integers, e.g. token ids. */
    static List<Integer> integers(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) return List.of();
        if (!v.isArray()) throw wrongType(name, "an array of integers", v);
        List<Integer> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isIntegralNumber() || !e.canConvertToInt()) throw wrongType(name, "an array of integers", v);
            out.add(e.asInt());
        }
        return out;
    }

    static ApiException wrongType(String name, String expected, JsonNode actual) {
        return ApiException.badRequest(name, "'" + name + "' must be " + expected + ", got " + typeName(actual));
    }

    static String typeName(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return "null";
        if (n.isTextual()) return "a string";
        if (n.isBoolean()) return "a boolean";
        if (n.isNumber()) return "a number";
        if (n.isArray()) return "an array";
        return "an object";
    }
}
