package dev.litebench.engine.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python semantics of template values: type names, truthiness, {@code str()}/{@code repr()}, {@code ==}, ordering,
 * iteration and {@code len()}. Values are plain Java objects: null (None), Boolean, Long/Integer/BigInteger (int),
 * Double/BigDecimal (float), String, List, Map, plus this package's {@link PyTuple}, {@link Undefined} etc.
 */
final class PyValues {
    /** Nesting depth beyond which printing or comparing a value gives up (Python's RecursionError). */
    static final int MAX_NESTING = 500;

    private PyValues() {
    }

    static String typeName(Object v) {
        return switch (v) {
            case null -> "NoneType";
            case Boolean b -> "bool";
            case String s -> "str";
            case PyTuple t -> "tuple";
            case DictView view -> view.typeName();
            case List<?> l -> "list";
            case Map<?, ?> m -> "dict";
            case Undefined u -> "Undefined";
            case PyIterator it -> it.typeName();
            case Namespace ns -> "Namespace";
            case LoopContext lc -> "LoopContext";
            case Macro m -> "Macro";
            case PyCallable c -> "builtin_function_or_method";
            default -> isInt(v) ? "int" : isFloat(v) ? "float" : v.getClass().getSimpleName();
        };
    }

    // ---- numbers

    static boolean isInt(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof BigInteger || v instanceof Short
                || v instanceof Byte;
    }

    static boolean isFloat(Object v) {
        return v instanceof Double || v instanceof Float || v instanceof BigDecimal;
    }

    /** int, float or bool: what Python arithmetic accepts. */
    static boolean isNumber(Object v) {
        return v instanceof Boolean || isInt(v) || isFloat(v);
    }

    /** An int or bool as a BigInteger. */
    static BigInteger bigInt(Object v) {
        if (v instanceof BigInteger b) {
            return b;
        }
        if (v instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        return BigInteger.valueOf(((Number) v).longValue());
    }

    /** True when an int or bool fits a long (always, except for big ints). */
    static boolean fitsLong(Object v) {
        return !(v instanceof BigInteger b) || b.bitLength() < 64;
    }

    static long longValue(Object v) {
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return ((Number) v).longValue();
    }

    static double doubleValue(Object v) {
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return ((Number) v).doubleValue();
    }

    /** A BigInteger result as Long when it fits, as Python ints have no visible size. */
    static Object normalize(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    // ---- truthiness, str, repr

    static boolean truthy(Object v) {
        return switch (v) {
            case null -> false;
            case Boolean b -> b;
            case String s -> !s.isEmpty();
            case PyTuple t -> !t.items().isEmpty();
            case List<?> l -> !l.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            case Undefined u -> false;
            case BigInteger b -> b.signum() != 0;
            case BigDecimal d -> d.signum() != 0;
            case Number n -> n.doubleValue() != 0;
            default -> true;
        };
    }

    /** Python {@code str(v)}, which is what {@code {{ v }}} prints. */
    static String str(Object v) {
        return switch (v) {
            case String s -> s;
            case Undefined u -> "";
            case null, default -> repr(v);
        };
    }

    static String repr(Object v) {
        StringBuilder sb = new StringBuilder();
        repr(v, sb, 0, false);
        return sb.toString();
    }

    /** Python {@code ascii(v)}: repr with every non-ASCII character escaped. */
    static String ascii(Object v) {
        StringBuilder sb = new StringBuilder();
        repr(v, sb, 0, true);
        return sb.toString();
    }

    private static void repr(Object v, StringBuilder sb, int depth, boolean ascii) {
        if (depth > MAX_NESTING) {
            throw new PyException("maximum recursion depth exceeded while getting the repr of an object");
        }
        switch (v) {
            case null -> sb.append("None");
            case Boolean b -> sb.append(b ? "True" : "False");
            case String s -> reprString(s, sb, ascii);
            case Double d -> sb.append(floatRepr(d));
            case Float f -> sb.append(floatRepr(f.doubleValue()));
            case BigDecimal d -> sb.append(floatRepr(d.doubleValue()));
            case PyTuple t -> {
                sb.append('(');
                reprItems(t.items(), sb, depth, ascii);
                sb.append(t.items().size() == 1 ? ",)" : ")");
            }
            case DictView view -> {
                sb.append(view.typeName()).append("([");
                reprItems(view, sb, depth, ascii);
                sb.append("])");
            }
            case List<?> l -> {
                sb.append('[');
                reprItems(l, sb, depth, ascii);
                sb.append(']');
            }
            case Map<?, ?> m -> reprMap(m, sb, depth, ascii);
            case Undefined u -> sb.append("Undefined");
            case Namespace ns -> {
                sb.append("<Namespace ");
                reprMap(ns.attributes, sb, depth, ascii);
                sb.append('>');
            }
            case PyIterator it -> sb.append('<').append(it.typeName()).append(" object>");
            case LoopContext lc -> sb.append("<LoopContext ").append(lc.index0() + 1).append('/')
                    .append(lc.length()).append('>');
            case Macro m -> sb.append("<Macro '").append(m.name()).append("'>");
            case PyCallable c -> sb.append("<built-in function>");
            default -> sb.append(v);
        }
    }

    private static void reprItems(List<?> items, StringBuilder sb, int depth, boolean ascii) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            repr(items.get(i), sb, depth + 1, ascii);
        }
    }

    private static void reprMap(Map<?, ?> m, StringBuilder sb, int depth, boolean ascii) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            repr(e.getKey(), sb, depth + 1, ascii);
            sb.append(": ");
            repr(e.getValue(), sb, depth + 1, ascii);
        }
        sb.append('}');
    }

    private static void reprString(String s, StringBuilder sb, boolean ascii) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        sb.append(quote);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == quote || c == '\\') {
                sb.append('\\').appendCodePoint(c);
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else if (c < 0x7f || (!ascii && isPrintable(c))) {
                sb.appendCodePoint(c);
            } else if (c <= 0xff) {
                sb.append(String.format("\\x%02x", c));
            } else if (c <= 0xffff) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.append(String.format("\\U%08x", c));
            }
        }
        sb.append(quote);
    }

    /** Python's {@code str.isprintable()} for one code point. */
    private static boolean isPrintable(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /** Python's {@code repr(float)}: the shortest digits that round-trip, e.g. 1.0, 0.1, 1e-05, 1e+16. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestDigits(Math.abs(d));
        String digits = shortest.unscaledValue().toString();
        int decpt = digits.length() - shortest.scale(); // value = 0.DIGITS * 10^decpt
        StringBuilder sb = new StringBuilder(24);
        if (d < 0) {
            sb.append('-');
        }
        if (decpt <= -4 || decpt > 16) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            int exp = decpt - 1;
            sb.append(exp < 0 ? "e-" : "e+");
            int abs = Math.abs(exp);
            if (abs < 10) {
                sb.append('0');
            }
            sb.append(abs);
        } else if (decpt <= 0) {
            sb.append("0.").repeat('0', -decpt).append(digits);
        } else if (decpt >= digits.length()) {
            sb.append(digits).repeat('0', decpt - digits.length()).append(".0");
        } else {
            sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
        return sb.toString();
    }

    /**
     * The shortest decimal that rounds to v, as Python's repr picks it. Double.toString (JDK 19+) does the same
     * except that it never gives fewer than two digits: 4.9E-324 where Python says 5e-324.
     */
    private static BigDecimal shortestDigits(double v) {
        BigDecimal shortest = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        if (shortest.precision() == 2) {
            BigDecimal exact = new BigDecimal(v);
            BigDecimal best = null;
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR,
                RoundingMode.CEILING}) {
                BigDecimal candidate = shortest.round(new MathContext(1, mode));
                if (candidate.doubleValue() == v && (best == null || candidate.subtract(exact).abs()
                        .compareTo(best.subtract(exact).abs()) < 0)) {
                    best = candidate;
                }
            }
            if (best != null) {
                return best.stripTrailingZeros();
            }
        }
        return shortest;
    }

    // ---- equality and ordering

    static boolean eq(Object a, Object b) {
        return eq(a, b, 0);
    }

    private static boolean eq(Object a, Object b, int depth) {
        if (depth > MAX_NESTING) {
            throw new PyException("maximum recursion depth exceeded in comparison");
        }
        if (a == b) {
            return !(a instanceof Double d && d.isNaN());
        }
        if (a == null || b == null) {
            return false;
        }
        if (isNumber(a) && isNumber(b)) {
            return compareNumbers(a, b) == 0;
        }
        if (a instanceof String sa) {
            return b instanceof String sb && sa.equals(sb);
        }
        if (a instanceof Undefined || b instanceof Undefined) {
            return a instanceof Undefined && b instanceof Undefined;
        }
        if (a instanceof PyTuple ta) {
            return b instanceof PyTuple tb && listEq(ta.items(), tb.items(), depth);
        }
        if (a instanceof List<?> la) {
            return b instanceof List<?> lb && listEq(la, lb, depth);
        }
        if (a instanceof Map<?, ?> ma) {
            if (!(b instanceof Map<?, ?> mb) || ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                Object other = Members.dictGet(mb, e.getKey(), MISSING);
                if (other == MISSING || !eq(e.getValue(), other, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static final Object MISSING = new Object();

    private static boolean listEq(List<?> a, List<?> b, int depth) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!eq(a.get(i), b.get(i), depth + 1)) {
                return false;
            }
        }
        return true;
    }

    /** Python ordering for {@code <, <=, >, >=}, sorting, min and max; TypeError for unorderable pairs. */
    static int compare(Object a, Object b, String op) {
        if (a instanceof Undefined u) {
            throw u.error();
        }
        if (b instanceof Undefined u) {
            throw u.error();
        }
        if (isNumber(a) && isNumber(b)) {
            int c = compareNumbers(a, b);
            return c == NAN_ORDER ? 0 : c; // callers that must answer False for NaN check it first
        }
        if (a instanceof String sa && b instanceof String sb) {
            return compareStrings(sa, sb);
        }
        if (a instanceof PyTuple ta && b instanceof PyTuple tb) {
            return compareLists(ta.items(), tb.items(), op);
        }
        if (a instanceof List<?> la && !(a instanceof PyTuple) && b instanceof List<?> lb) {
            return compareLists(la, lb, op);
        }
        throw new PyException("'" + op + "' not supported between instances of '" + typeName(a) + "' and '"
                + typeName(b) + "'");
    }

    private static int compareLists(List<?> a, List<?> b, String op) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (!eq(a.get(i), b.get(i))) {
                return compare(a.get(i), b.get(i), op);
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Returned by {@link #compareNumbers} when either side is NaN, which is unordered. */
    static final int NAN_ORDER = Integer.MIN_VALUE;

    static int compareNumbers(Object a, Object b) {
        boolean fa = isFloat(a);
        boolean fb = isFloat(b);
        if (!fa && !fb) {
            if (fitsLong(a) && fitsLong(b)) {
                return Long.compare(longValue(a), longValue(b));
            }
            return bigInt(a).compareTo(bigInt(b));
        }
        double da = doubleValue(a);
        double db = doubleValue(b);
        if (Double.isNaN(da) || Double.isNaN(db)) {
            return NAN_ORDER;
        }
        if (fa && fb || Double.isInfinite(da) || Double.isInfinite(db)) {
            return Double.compare(da == 0 ? 0.0 : da, db == 0 ? 0.0 : db);
        }
        // int vs float: compare exactly, as Python does (2**53 + 1 != 2.0**53)
        BigDecimal x = fa ? new BigDecimal(da) : new BigDecimal(bigInt(a));
        BigDecimal y = fb ? new BigDecimal(db) : new BigDecimal(bigInt(b));
        return x.compareTo(y);
    }

    /** Python compares strings by code point; Java's compareTo compares UTF-16 units. */
    static int compareStrings(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /**
     * A key with Python's hash equality, for sets and dict lookups: 1, 1.0 and True are the same key.
     * Lists and dicts are unhashable, as in Python.
     */
    static Object hashKey(Object v) {
        return switch (v) {
            case null -> NONE_KEY;
            case Undefined u -> UNDEFINED_KEY; // every Undefined is equal to every other
            case String s -> s;
            case PyTuple t -> {
                List<Object> keys = new ArrayList<>(t.items().size());
                for (Object item : t.items()) {
                    keys.add(hashKey(item));
                }
                yield keys;
            }
            case List<?> l -> throw new PyException("unhashable type: 'list'");
            case Map<?, ?> m -> throw new PyException("unhashable type: 'dict'");
            default -> {
                if (isInt(v) || v instanceof Boolean) {
                    yield normalize(bigInt(v));
                }
                if (isFloat(v)) {
                    double d = doubleValue(v);
                    if (d == Math.rint(d) && !Double.isInfinite(d)) {
                        yield normalize(new BigDecimal(d).toBigIntegerExact());
                    }
                    yield d;
                }
                yield v;
            }
        };
    }

    private static final Object NONE_KEY = new Object();
    private static final Object UNDEFINED_KEY = new Object();

    // ---- iteration and length

    /** Python {@code iter(v)}: strings iterate by code point, dicts by key, Undefined as empty. */
    static Iterator<Object> iterate(Object v) {
        return switch (v) {
            case String s -> s.codePoints().mapToObj(Character::toString).map(Object.class::cast).iterator();
            case PyTuple t -> t.items().iterator();
            case List<?> l -> castIterator(l.iterator());
            case Map<?, ?> m -> castIterator(m.keySet().iterator());
            case Undefined u -> Collections.emptyIterator();
            case PyIterator it -> it.iterator();
            case null, default -> throw new PyException("'" + typeName(v) + "' object is not iterable");
        };
    }

    @SuppressWarnings("unchecked")
    private static Iterator<Object> castIterator(Iterator<?> it) {
        return (Iterator<Object>) it;
    }

    static List<Object> toList(Object v) {
        if (v instanceof PyTuple t) {
            return t.items();
        }
        if (v instanceof List<?> l) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) l;
            return list;
        }
        List<Object> out = new ArrayList<>();
        iterate(v).forEachRemaining(out::add);
        return out;
    }

    static boolean isIterable(Object v) {
        return v instanceof String || v instanceof List || v instanceof PyTuple || v instanceof Map
                || v instanceof Undefined || v instanceof PyIterator;
    }

    static boolean hasLength(Object v) {
        return v instanceof String || v instanceof List || v instanceof PyTuple || v instanceof Map
                || v instanceof Undefined;
    }

    static int len(Object v) {
        return switch (v) {
            case String s -> PyStr.length(s);
            case PyTuple t -> t.items().size();
            case List<?> l -> l.size();
            case Map<?, ?> m -> m.size();
            case Undefined u -> 0;
            case null, default -> throw new PyException("object of type '" + typeName(v) + "' has no len()");
        };
    }
}
