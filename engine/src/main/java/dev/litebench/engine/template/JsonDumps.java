package dev.litebench.engine.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps(obj, ensure_ascii, indent, separators, sort_keys)}, byte for byte: the transformers
 * {@code tojson} filter. Floats print as Python's repr, NaN and infinities as NaN/Infinity.
 */
final class JsonDumps {
    private final boolean ensureAscii;
    private final String indent;
    private final String itemSeparator;
    private final String keySeparator;
    private final boolean sortKeys;
    private final StringBuilder out = new StringBuilder();

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonDumps(boolean ensureAscii, String indent, String itemSeparator, String keySeparator,
                      boolean sortKeys) {
        this.ensureAscii = ensureAscii;
        this.indent = indent;
        this.itemSeparator = itemSeparator;
        this.keySeparator = keySeparator;
        this.sortKeys = sortKeys;
    }

    /**
     * @param indent     null, an int (spaces per level) or a string (the indent itself)
     * @param separators null or a 2-item list/tuple (item separator, key separator)
     */
    static String dumps(Object value, boolean ensureAscii, Object indent, Object separators, boolean sortKeys) {
        String indentText = switch (indent) {
            case null -> null;
            case String s -> s;
            default -> {
                if (!(PyValues.isInt(indent) || indent instanceof Boolean)) {
                    throw new PyException("can't multiply sequence by non-int of type '" + PyValues.typeName(indent)
                            + "'");
                }
                yield " ".repeat((int) Math.max(0, Math.min(Filters.intArg(indent), Limits.MAX_LENGTH)));
            }
        };
        String itemSep = indentText == null ? ", " : ",";
        String keySep = ": ";
        if (separators != null) {
            List<Object> seps = PyValues.toList(separators);
            if (seps.size() != 2) {
                throw new PyException("too many values to unpack (expected 2)");
            }
            itemSep = PyValues.str(seps.get(0));
            keySep = PyValues.str(seps.get(1));
        }
        JsonDumps d = new JsonDumps(ensureAscii, indentText, itemSep, keySep, sortKeys);
        d.write(value, 0);
        return d.out.toString();
    }

    private void write(Object v, int level) {
        if (level > PyValues.MAX_NESTING) {
            throw new PyException("maximum recursion depth exceeded while encoding a JSON object");
        }
        Limits.checkLength(out.length());
        switch (v) {
            case null -> out.append("null");
            case Boolean b -> out.append(b ? "true" : "false");
            case String s -> string(s);
            case PyTuple t -> array(t.items(), level);
            case DictView view -> throw new PyException("Object of type " + view.typeName() + " is not JSON serializable");
            case List<?> l -> array(l, level);
            case Map<?, ?> m -> object(m, level);
            default -> {
                if (PyValues.isInt(v)) {
                    out.append(PyValues.bigInt(v));
                } else if (PyValues.isFloat(v)) {
                    out.append(floatText(PyValues.doubleValue(v)));
                } else {
                    throw new PyException("Object of type " + PyValues.typeName(v) + " is not JSON serializable");
                }
            }
        }
    }

    private static String floatText(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return PyValues.floatRepr(d);
    }

    private void array(List<?> items, int level) {
        if (items.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(itemSeparator);
            }
            newline(level + 1);
            write(items.get(i), level + 1);
        }
        newline(level);
        out.append(']');
    }

    private void object(Map<?, ?> m, int level) {
        if (m.isEmpty()) {
            out.append("{}");
            return;
        }
        List<Object[]> entries = new ArrayList<>(m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) {
            entries.add(new Object[] {keyText(e.getKey()), e.getValue(), e.getKey()});
        }
        if (sortKeys) {
            entries.sort((a, b) -> PyValues.compare(a[2], b[2], "<"));
        }
        out.append('{');
        boolean first = true;
        for (Object[] e : entries) {
            if (!first) {
                out.append(itemSeparator);
            }
            first = false;
            newline(level + 1);
            string((String) e[0]);
            out.append(keySeparator);
            write(e[1], level + 1);
        }
        newline(level);
        out.append('}');
    }

    private static String keyText(Object key) {
        return switch (key) {
            case String s -> s;
            case null -> "null";
            case Boolean b -> b ? "true" : "false";
            default -> {
                if (PyValues.isInt(key)) {
                    yield PyValues.bigInt(key).toString();
                }
                if (PyValues.isFloat(key)) {
                    yield floatText(PyValues.doubleValue(key));
                }
                throw new PyException("keys must be str, int, float, bool or None, not " + PyValues.typeName(key));
            }
        };
    }

    private void newline(int level) {
        if (indent != null) {
            out.append('\n').repeat(indent, level);
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || (ensureAscii && c > 0x7e)) {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15]).append(HEX[(c >> 4) & 15])
                                .append(HEX[c & 15]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
