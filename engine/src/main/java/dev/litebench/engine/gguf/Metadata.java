package dev.litebench.engine.gguf;

import dev.litebench.engine.BadInputException;

import java.util.Map;

/**
 * Typed access to GGUF metadata. Missing or mistyped keys fail with a one-line message naming the file and key.
 */
public record Metadata(String source, Map<String, MetadataValue> values) {

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public MetadataValue get(String key) {
        return values.get(key);
    }

    public String string(String key) {
        Object v = require(key).value();
        if (v instanceof String s) return s;
        throw mistyped(key, "a string");
    }

    public String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    public long integer(String key) {
        Object v = require(key).value();
        if (v instanceof Integer || v instanceof Long) return ((Number) v).longValue();
        throw mistyped(key, "an integer");
    }

    public long integer(String key, long fallback) {
        return has(key) ? integer(key) : fallback;
    }

    /** An integer that must lie in [min, max]. */
    public int intInRange(String key, long min, long max) {
        long v = integer(key);
        if (v < min || v > max) throw new BadInputException(source + ": metadata '" + key + "' is " + v + ", expected " + min + " to " + max);
        return (int) v;
    }

    public double number(String key) {
        Object v = require(key).value();
        if (v instanceof Number n) return n.doubleValue();
        throw mistyped(key, "a number");
    }

    public double number(String key, double fallback) {
        return has(key) ? number(key) : fallback;
    }

    public boolean bool(String key, boolean fallback) {
        if (!has(key)) return fallback;
        if (get(key).value() instanceof Boolean b) return b;
        throw mistyped(key, "a bool");
    }

    public String[] strings(String key) {
        if (require(key).value() instanceof GGUFArray a && a.values() instanceof String[] s) return s;
        throw mistyped(key, "an array of strings");
    }

    public int[] ints(String key) {
        if (require(key).value() instanceof GGUFArray a && a.values() instanceof int[] i) return i;
        throw mistyped(key, "an array of 32-bit integers");
    }

    private MetadataValue require(String key) {
        MetadataValue v = values.get(key);
        if (v == null) throw new BadInputException(source + ": metadata '" + key + "' is missing");
        return v;
    }

    private BadInputException mistyped(String key, String expected) {
        return new BadInputException(source + ": metadata '" + key + "' is " + values.get(key).type().name().toLowerCase()
                + ", expected " + expected);
    }
}
