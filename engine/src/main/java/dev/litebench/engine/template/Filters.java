package dev.litebench.engine.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * jinja2's builtin filters with the transformers {@code tojson} override. Filters that return generators in jinja2
 * ({@code map}, {@code select}, {@code unique}, ...) return a lazy {@link PyIterator} here too.
 */
final class Filters {
    @FunctionalInterface
    private interface Filter {
        Object apply(Object value, List<Object> args, Map<String, Object> kwargs);
    }

    @FunctionalInterface
    private interface BoundFilter {
        Object apply(Object value, Object[] args);
    }

    private static final Map<String, Filter> FILTERS = new HashMap<>();
    /** jinja2 builtins this implementation leaves out; templates using them fail at parse time. */
    private static final Set<String> UNSUPPORTED = Set.of("filesizeformat", "groupby", "pprint", "random",
            "striptags", "urlencode", "urlize", "wordwrap", "xmlattr");
    private static final Object REQUIRED = Signature.REQUIRED;

    static {
        define("abs", Filters::abs);
        define("attr", Filters::attr, "name", REQUIRED);
        define("batch", Filters::batch, "linecount", REQUIRED, "fill_with", null);
        define("capitalize", v -> StrMethods.capitalize(PyValues.str(v)));
        define("center", (v, a) -> StrMethods.center(PyValues.str(v), a[0], " "), "width", 80L);
        define("count", v -> (long) PyValues.len(v));
        define("length", v -> (long) PyValues.len(v));
        define("default", Filters::defaultValue, "default_value", "", "boolean", false);
        define("d", Filters::defaultValue, "default_value", "", "boolean", false);
        define("dictsort", Filters::dictsort, "case_sensitive", false, "by", "key", "reverse", false);
        define("escape", v -> escape(PyValues.str(v)));
        define("e", v -> escape(PyValues.str(v)));
        define("forceescape", v -> escape(PyValues.str(v)));
        define("first", Filters::first);
        define("last", Filters::last);
        define("float", Filters::toFloat, "default", 0.0);
        define("int", Filters::toInt, "default", 0L, "base", 10L);
        FILTERS.put("format", Filters::format);
        define("indent", Filters::indent, "width", 4L, "first", false, "blank", false);
        define("items", Filters::items);
        define("join", Filters::join, "d", "", "attribute", null);
        define("list", v -> new ArrayList<>(PyValues.toList(v)));
        define("lower", v -> StrMethods.lower(PyValues.str(v)));
        define("upper", v -> StrMethods.upper(PyValues.str(v)));
        define("title", v -> title(PyValues.str(v)));
        define("trim", (v, a) -> StrMethods.strip(PyValues.str(v), a[0], true, true), "chars", null);
        FILTERS.put("map", Filters::map);
        define("min", (v, a) -> minOrMax(v, a, -1), "case_sensitive", false, "attribute", null);
        define("max", (v, a) -> minOrMax(v, a, 1), "case_sensitive", false, "attribute", null);
        FILTERS.put("select", (v, args, kwargs) -> selectOrReject(v, args, kwargs, true, false));
        FILTERS.put("reject", (v, args, kwargs) -> selectOrReject(v, args, kwargs, false, false));
        FILTERS.put("selectattr", (v, args, kwargs) -> selectOrReject(v, args, kwargs, true, true));
        FILTERS.put("rejectattr", (v, args, kwargs) -> selectOrReject(v, args, kwargs, false, true));
        define("replace", Filters::replace, "old", REQUIRED, "new", REQUIRED, "count", null);
        define("reverse", Filters::reverse);
        define("round", Filters::round, "precision", 0L, "method", "common");
        define("safe", PyValues::str);
        define("slice", Filters::slice, "slices", REQUIRED, "fill_with", null);
        define("sort", Filters::sort, "reverse", false, "case_sensitive", false, "attribute", null);
        define("string", PyValues::str);
        define("sum", Filters::sum, "attribute", null, "start", 0L);
        define("tojson", (v, a) -> JsonDumps.dumps(v, PyValues.truthy(a[0]), a[1], a[2], PyValues.truthy(a[3])),
                "ensure_ascii", false, "indent", null, "separators", null, "sort_keys", false);
        define("truncate", Filters::truncate, "length", 255L, "killwords", false, "end", "...", "leeway", null);
        define("unique", Filters::unique, "case_sensitive", false, "attribute", null);
        define("wordcount", v -> (long) countWords(PyValues.str(v)));
    }

    private Filters() {
    }

    private static void define(String name, BoundFilter f, Object... params) {
        Signature sig = Signature.of(name + "()", params);
        FILTERS.put(name, (v, args, kwargs) -> f.apply(v, sig.bind(args, kwargs)));
    }

    private static void define(String name, Function<Object, Object> f) {
        define(name, (v, a) -> f.apply(v));
    }

    /** Null when a template may use the filter, else why not (for the parse error). */
    static String problem(String name) {
        if (FILTERS.containsKey(name)) {
            return null;
        }
        return (UNSUPPORTED.contains(name) ? "unsupported filter '" : "unknown filter '") + name + "'";
    }

    static Object apply(String name, Object value, List<Object> args, Map<String, Object> kwargs) {
        Filter f = FILTERS.get(name);
        if (f == null) {
            throw new PyException("No filter named '" + name + "'.");
        }
        return f.apply(value, args, kwargs);
    }

    // ---- argument helpers

    /** A Python index argument: an int or bool, else TypeError as Python gives it. */
    static long intArg(Object v) {
        if (v instanceof Boolean || (PyValues.isInt(v) && PyValues.fitsLong(v))) {
            return PyValues.longValue(v);
        }
        if (v instanceof BigInteger) {
            throw new PyException("Python int too large to convert to C ssize_t");
        }
        if (v instanceof Undefined u) {
            throw u.error();
        }
        throw new PyException("'" + PyValues.typeName(v) + "' object cannot be interpreted as an integer");
    }

    /** jinja2's make_attrgetter: dotted path, integer parts looked up as integers, optional default. */
    private static Function<Object, Object> attrGetter(Object attribute, boolean lowercase, Object dflt) {
        List<Object> parts = attributeParts(attribute);
        return item -> {
            for (Object part : parts) {
                item = Members.getItem(item, part);
                if (dflt != null && item instanceof Undefined) {
                    item = dflt;
                }
            }
            return lowercase && item instanceof String s ? StrMethods.lower(s) : item;
        };
    }

    private static List<Object> attributeParts(Object attribute) {
        List<Object> parts = new ArrayList<>();
        if (attribute instanceof String s) {
            for (String part : StrMethods.split(s, ".", -1)) {
                parts.add(!part.isEmpty() && part.chars().allMatch(Character::isDigit)
                        ? PyValues.normalize(new BigInteger(part)) : part);
            }
        } else if (attribute != null) {
            parts.add(attribute);
        }
        return parts;
    }

    /** make_multi_attrgetter: one key per comma-separated attribute, compared as a list. */
    private static Function<Object, Object> multiAttrGetter(Object attribute, boolean lowercase) {
        List<Function<Object, Object>> getters = new ArrayList<>();
        if (attribute instanceof String s) {
            for (String part : StrMethods.split(s, ",", -1)) {
                getters.add(attrGetter(part, lowercase, null));
            }
        } else {
            getters.add(attrGetter(attribute, lowercase, null));
        }
        return item -> {
            List<Object> keys = new ArrayList<>(getters.size());
            for (Function<Object, Object> g : getters) {
                keys.add(g.apply(item));
            }
            return keys;
        };
    }

    /** A generator: nothing runs, not even argument checks, until the template iterates it. */
    private static PyIterator generator(Supplier<Iterator<Object>> body) {
        return new PyIterator("generator", new Iterator<>() {
            private Iterator<Object> it;

            private Iterator<Object> it() {
                if (it == null) {
                    it = body.get();
                }
                return it;
            }

            @Override
            public boolean hasNext() {
                return it().hasNext();
            }

            @Override
            public Object next() {
                return it().next();
            }
        });
    }

    /** An iterator over source keeping the items for which keep is true. */
    private static Iterator<Object> filtered(Iterator<Object> source, java.util.function.Predicate<Object> keep) {
        return new Iterator<>() {
            private Object pending;
            private boolean ready;

            @Override
            public boolean hasNext() {
                while (!ready && source.hasNext()) {
                    Object item = source.next();
                    if (keep.test(item)) {
                        pending = item;
                        ready = true;
                    }
                }
                return ready;
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ready = false;
                return pending;
            }
        };
    }

    private static Iterator<Object> mapped(Iterator<Object> source, Function<Object, Object> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public Object next() {
                return f.apply(source.next());
            }
        };
    }

    // ---- filters

    private static Object abs(Object v) {
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (PyValues.isFloat(v)) {
            return Math.abs(PyValues.doubleValue(v));
        }
        if (PyValues.isInt(v)) {
            return PyValues.normalize(PyValues.bigInt(v).abs());
        }
        throw new PyException("bad operand type for abs(): '" + PyValues.typeName(v) + "'");
    }

    private static Object attr(Object obj, Object[] a) {
        String name = PyValues.str(a[0]);
        if (obj instanceof Map && !Set.of("get", "items", "keys", "values", "copy").contains(name)) {
            return Undefined.attribute(obj, name);
        }
        return Members.getAttr(obj, name);
    }

    private static Object batch(Object value, Object[] a) {
        long size = intArg(a[0]);
        Object fill = a[1];
        Iterator<Object> source = PyValues.iterate(value);
        List<Object> batches = new ArrayList<>();
        List<Object> current = new ArrayList<>();
        while (source.hasNext()) {
            if (current.size() == size) {
                batches.add(current);
                current = new ArrayList<>();
            }
            current.add(source.next());
        }
        if (!current.isEmpty()) {
            while (fill != null && current.size() < size) {
                current.add(fill);
            }
            batches.add(current);
        }
        return new PyIterator("generator", batches.iterator());
    }

    private static Object defaultValue(Object value, Object[] a) {
        return value instanceof Undefined || (PyValues.truthy(a[1]) && !PyValues.truthy(value)) ? a[0] : value;
    }

    private static Object dictsort(Object value, Object[] a) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new PyException("'" + PyValues.typeName(value) + "' object has no attribute 'items'");
        }
        int pos = switch (PyValues.str(a[1])) {
            case "key" -> 0;
            case "value" -> 1;
            default -> throw new PyException("You can only sort by either \"key\" or \"value\"");
        };
        boolean caseSensitive = PyValues.truthy(a[0]);
        List<Object> items = Members.items(m);
        Comparator<Object> byKey = Comparator.comparing(item -> {
            Object k = ((PyTuple) item).items().get(pos);
            return !caseSensitive && k instanceof String s ? StrMethods.lower(s) : k;
        }, (x, y) -> PyValues.compare(x, y, "<"));
        items.sort(PyValues.truthy(a[2]) ? byKey.reversed() : byKey);
        return items;
    }

    /** markupsafe's escape. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&#34;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static Object first(Object value) {
        Iterator<Object> it = PyValues.iterate(value);
        return it.hasNext() ? it.next() : new Undefined("No first item, sequence was empty.");
    }

    private static Object last(Object value) {
        if (!PyValues.hasLength(value)) {
            throw new PyException("'" + PyValues.typeName(value) + "' object is not reversible");
        }
        List<Object> items = PyValues.toList(value);
        return items.isEmpty() ? new Undefined("No last item, sequence was empty.") : items.getLast();
    }

    private static Object toFloat(Object value, Object[] a) {
        if (value instanceof Undefined u) {
            throw u.error();
        }
        if (PyValues.isNumber(value)) {
            if (value instanceof BigInteger b && Double.isInfinite(b.doubleValue())) {
                throw new PyException("int too large to convert to float");
            }
            return PyValues.doubleValue(value);
        }
        if (value instanceof String s) {
            Double d = parseFloat(s);
            return d != null ? d : a[0];
        }
        return a[0];
    }

    private static final Pattern FLOAT_TEXT = Pattern.compile("[+-]?(?:(?:\\d(?:_?\\d)*(?:\\.(?:\\d(?:_?\\d)*)?)?"
            + "|\\.\\d(?:_?\\d)*)(?:[eE][+-]?\\d(?:_?\\d)*)?|inf(?:inity)?|nan)", Pattern.CASE_INSENSITIVE);

    /** Python's {@code float(str)}, or null where Python raises ValueError. */
    static Double parseFloat(String s) {
        String t = StrMethods.strip(s, null, true, true);
        if (!FLOAT_TEXT.matcher(t).matches()) {
            return null;
        }
        String lower = t.toLowerCase();
        if (lower.endsWith("inf") || lower.endsWith("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.endsWith("nan")) {
            return Double.NaN;
        }
        return Double.parseDouble(t.replace("_", ""));
    }

    private static Object toInt(Object value, Object[] a) {
        if (value instanceof Undefined u) {
            throw u.error();
        }
        if (value instanceof Boolean || PyValues.isInt(value)) {
            return PyValues.normalize(PyValues.bigInt(value));
        }
        if (PyValues.isFloat(value)) {
            return truncate(PyValues.doubleValue(value), a[0]);
        }
        if (value instanceof String s) {
            Object parsed = parseInt(s, a[1]);
            if (parsed != null) {
                return parsed;
            }
            Double d = parseFloat(s);
            return d == null ? a[0] : truncate(d, a[0]);
        }
        return a[0];
    }

    /** Python's {@code int(float)}; NaN gives the default, infinity raises as in Python. */
    private static Object truncate(double d, Object dflt) {
        if (Double.isNaN(d)) {
            return dflt;
        }
        if (Double.isInfinite(d)) {
            throw new PyException("cannot convert float infinity to integer");
        }
        return PyValues.normalize(new BigDecimal(d).toBigInteger());
    }

    /** Python's {@code int(str, base)}, or null where Python raises ValueError. */
    private static Object parseInt(String s, Object baseArg) {
        if (!(PyValues.isInt(baseArg) || baseArg instanceof Boolean)) {
            return null;
        }
        long base = PyValues.longValue(baseArg);
        if (base != 0 && (base < 2 || base > 36)) {
            return null;
        }
        String t = StrMethods.strip(s, null, true, true);
        boolean negative = t.startsWith("-");
        if (negative || t.startsWith("+")) {
            t = t.substring(1);
        }
        if (t.startsWith("+") || t.startsWith("-")) {
            return null;
        }
        String lower = t.toLowerCase();
        int radix = (int) base;
        boolean prefixed = false;
        for (int[] p : new int[][] {{'x', 16}, {'o', 8}, {'b', 2}}) {
            if (lower.length() > 1 && lower.charAt(0) == '0' && lower.charAt(1) == p[0] && (base == 0 || base == p[1])) {
                radix = p[1];
                t = t.substring(2);
                prefixed = true;
            }
        }
        if (radix == 0) {
            radix = 10;
            if (t.length() > 1 && t.charAt(0) == '0' && !t.replace("_", "").chars().allMatch(c -> c == '0')) {
                return null;
            }
        }
        if (prefixed && t.startsWith("_")) {
            t = t.substring(1);
        }
        if (t.isEmpty() || t.startsWith("_") || t.endsWith("_") || t.contains("__")) {
            return null;
        }
        try {
            BigInteger v = new BigInteger(t.replace("_", ""), radix);
            return PyValues.normalize(negative ? v.negate() : v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object format(Object value, List<Object> args, Map<String, Object> kwargs) {
        if (!args.isEmpty() && !kwargs.isEmpty()) {
            throw new PyException("can't handle positional and keyword arguments at the same time");
        }
        Object operand = kwargs.isEmpty() ? new PyTuple(args) : new LinkedHashMap<Object, Object>(kwargs);
        return PyFormat.percent(PyValues.str(value), operand);
    }

    private static Object indent(Object value, Object[] a) {
        String indention = a[0] instanceof String s ? s : (String) PyOps.mul(" ", a[0]);
        String s = (String) PyOps.add(value, "\n");
        List<String> lines = StrMethods.splitLines(s, false);
        StringBuilder sb = new StringBuilder();
        if (PyValues.truthy(a[2])) {
            sb.append(String.join("\n" + indention, lines));
        } else {
            sb.append(lines.getFirst());
            for (String line : lines.subList(1, lines.size())) {
                sb.append('\n');
                if (!line.isEmpty()) {
                    sb.append(indention);
                }
                sb.append(line);
                Limits.checkLength(sb.length());
            }
        }
        return PyValues.truthy(a[1]) ? indention + sb : sb.toString();
    }

    private static Object items(Object value) {
        return generator(() -> {
            if (value instanceof Undefined) {
                return Collections.emptyIterator();
            }
            if (!(value instanceof Map<?, ?> m)) {
                throw new PyException("Can only get item pairs from a mapping.");
            }
            return Members.items(m).iterator();
        });
    }

    private static Object join(Object value, Object[] a) {
        Iterator<Object> it = PyValues.iterate(value);
        Function<Object, Object> getter = a[1] == null ? Function.identity() : attrGetter(a[1], false, null);
        String sep = PyValues.str(a[0]);
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        while (it.hasNext()) {
            if (!first) {
                sb.append(sep);
            }
            first = false;
            sb.append(PyValues.str(getter.apply(it.next())));
            Limits.checkLength(sb.length());
        }
        return sb.toString();
    }

    private static Object map(Object value, List<Object> args, Map<String, Object> kwargs) {
        return generator(() -> {
            if (!PyValues.truthy(value)) {
                return Collections.emptyIterator();
            }
            Function<Object, Object> f;
            if (args.isEmpty() && kwargs.containsKey("attribute")) {
                Map<String, Object> rest = new LinkedHashMap<>(kwargs);
                Object attribute = rest.remove("attribute");
                Object dflt = rest.remove("default");
                if (!rest.isEmpty()) {
                    throw new PyException("Unexpected keyword argument '" + rest.keySet().iterator().next() + "'");
                }
                f = attrGetter(attribute, false, dflt);
            } else {
                if (args.isEmpty()) {
                    throw new PyException("map requires a filter argument");
                }
                String name = PyValues.str(args.getFirst());
                List<Object> rest = args.subList(1, args.size());
                f = item -> apply(name, item, rest, kwargs);
            }
            return mapped(PyValues.iterate(value), f);
        });
    }

    private static Object minOrMax(Object value, Object[] a, int sign) {
        Iterator<Object> it = PyValues.iterate(value);
        if (!it.hasNext()) {
            return new Undefined("No aggregated item, sequence was empty.");
        }
        Function<Object, Object> key = attrGetter(a[1], !PyValues.truthy(a[0]), null);
        Object best = it.next();
        Object bestKey = key.apply(best);
        while (it.hasNext()) {
            Object item = it.next();
            Object k = key.apply(item);
            if (PyOps.compare(sign < 0 ? "<" : ">", k, bestKey)) {
                best = item;
                bestKey = k;
            }
        }
        return best;
    }

    private static Object selectOrReject(Object value, List<Object> args, Map<String, Object> kwargs, boolean select,
                                         boolean byAttribute) {
        return generator(() -> {
            if (!PyValues.truthy(value)) {
                return Collections.emptyIterator();
            }
            Function<Object, Object> transform = Function.identity();
            int offset = 0;
            if (byAttribute) {
                if (args.isEmpty()) {
                    throw new PyException("Missing parameter for attribute name");
                }
                transform = attrGetter(args.getFirst(), false, null);
                offset = 1;
            }
            java.util.function.Predicate<Object> test;
            if (args.size() > offset) {
                String name = PyValues.str(args.get(offset));
                List<Object> rest = args.subList(offset + 1, args.size());
                test = item -> JinjaTests.apply(name, item, rest, kwargs);
            } else {
                test = PyValues::truthy;
            }
            Function<Object, Object> t = transform;
            return filtered(PyValues.iterate(value), item -> test.test(t.apply(item)) == select);
        });
    }

    private static Object replace(Object value, Object[] a) {
        long count = a[2] == null ? -1 : intArg(a[2]);
        return StrMethods.replace(PyValues.str(value), PyValues.str(a[0]), PyValues.str(a[1]), count);
    }

    private static Object reverse(Object value) {
        return switch (value) {
            case String s -> new StringBuilder(s).reverse().toString();
            case PyIterator it -> {
                List<Object> items = PyValues.toList(it);
                Collections.reverse(items);
                yield items;
            }
            case null, default -> {
                if (!PyValues.isIterable(value)) {
                    throw new PyException("argument must be iterable");
                }
                List<Object> items = new ArrayList<>(PyValues.toList(value));
                Collections.reverse(items);
                String type = switch (value) {
                    case Map<?, ?> m -> "dict_reversekeyiterator";
                    case PyTuple t -> "reversed";
                    case Undefined u -> "reversed";
                    default -> "list_reverseiterator";
                };
                yield new PyIterator(type, items.iterator());
            }
        };
    }

    private static Object round(Object value, Object[] a) {
        String method = PyValues.str(a[1]);
        if (!Set.of("common", "ceil", "floor").contains(method)) {
            throw new PyException("method must be common, ceil or floor");
        }
        long precision = intArg(a[0]);
        if (!PyValues.isNumber(value)) {
            throw new PyException("type " + PyValues.typeName(value) + " doesn't define __round__ method");
        }
        if (method.equals("common")) {
            if (!PyValues.isFloat(value)) {
                if (precision >= 0) {
                    return PyValues.normalize(PyValues.bigInt(value));
                }
                BigDecimal rounded = new BigDecimal(PyValues.bigInt(value))
                        .setScale((int) Math.max(precision, -400), RoundingMode.HALF_EVEN);
                return PyValues.normalize(rounded.toBigIntegerExact());
            }
            double d = PyValues.doubleValue(value);
            if (!Double.isFinite(d) || precision > 400) {
                return d;
            }
            if (precision < -400) {
                return Math.copySign(0.0, d);
            }
            double r = new BigDecimal(d).setScale((int) precision, RoundingMode.HALF_EVEN).doubleValue();
            return r == 0 ? Math.copySign(0.0, d) : r;
        }
        double scale = Math.pow(10, precision);
        double scaled = PyValues.doubleValue(value) * scale;
        if (!Double.isFinite(scaled)) {
            throw new PyException("cannot convert float " + PyValues.floatRepr(scaled) + " to integer");
        }
        return (method.equals("ceil") ? Math.ceil(scaled) : Math.floor(scaled)) / scale;
    }

    private static Object slice(Object value, Object[] a) {
        List<Object> seq = PyValues.toList(value);
        long slices = intArg(a[0]);
        Object fill = a[1];
        int length = seq.size();
        if (slices <= 0) {
            throw new PyException(slices == 0 ? "integer division or modulo by zero" : "slices must be positive");
        }
        long perSlice = length / slices;
        long withExtra = length % slices;
        long offset = 0;
        List<Object> out = new ArrayList<>();
        for (long n = 0; n < slices; n++) {
            long start = offset + n * perSlice;
            if (n < withExtra) {
                offset++;
            }
            long end = offset + (n + 1) * perSlice;
            List<Object> part = new ArrayList<>(seq.subList((int) Math.min(start, length), (int) Math.min(end, length)));
            if (fill != null && n >= withExtra) {
                part.add(fill);
            }
            out.add(part);
        }
        return new PyIterator("generator", out.iterator());
    }

    private static Object sort(Object value, Object[] a) {
        List<Object> items = new ArrayList<>(PyValues.toList(value));
        Function<Object, Object> key = multiAttrGetter(a[2], !PyValues.truthy(a[1]));
        List<Object> keys = new ArrayList<>(items.size());
        for (Object item : items) {
            keys.add(key.apply(item));
        }
        Integer[] order = new Integer[items.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Comparator<Integer> cmp = (x, y) -> PyValues.compare(keys.get(x), keys.get(y), "<");
        java.util.Arrays.sort(order, PyValues.truthy(a[0]) ? cmp.reversed() : cmp);
        List<Object> sorted = new ArrayList<>(items.size());
        for (Integer i : order) {
            sorted.add(items.get(i));
        }
        return sorted;
    }

    private static Object sum(Object value, Object[] a) {
        if (a[1] instanceof String) {
            throw new PyException("sum() can't sum strings [use ''.join(seq) instead]");
        }
        Function<Object, Object> getter = a[0] == null ? Function.identity() : attrGetter(a[0], false, null);
        Object total = a[1];
        Iterator<Object> it = PyValues.iterate(value);
        while (it.hasNext()) {
            total = PyOps.add(total, getter.apply(it.next()));
        }
        return total;
    }

    private static final Pattern WORD_BEGINNING = Pattern.compile("[-\\s({\\[<]+", Pattern.UNICODE_CHARACTER_CLASS);

    /** jinja2's title: upper-case the first character of every word, lower-case the rest. */
    private static String title(String s) {
        StringBuilder sb = new StringBuilder();
        Matcher m = WORD_BEGINNING.matcher(s);
        int last = 0;
        while (m.find()) {
            titleWord(s.substring(last, m.start()), sb);
            sb.append(m.group());
            last = m.end();
        }
        titleWord(s.substring(last), sb);
        return sb.toString();
    }

    private static void titleWord(String word, StringBuilder sb) {
        if (!word.isEmpty()) {
            int first = Character.charCount(word.codePointAt(0));
            sb.append(StrMethods.upper(word.substring(0, first))).append(StrMethods.lower(word.substring(first)));
        }
    }

    private static Object truncate(Object value, Object[] a) {
        long length = intArg(a[0]);
        String end = PyValues.str(a[2]);
        long leeway = a[3] == null ? 5 : intArg(a[3]);
        int endLength = PyStr.length(end);
        if (length < endLength) {
            throw new PyException("expected length >= " + endLength + ", got " + length);
        }
        if (leeway < 0) {
            throw new PyException("expected leeway >= 0, got " + leeway);
        }
        if (PyValues.len(value) <= length + leeway) {
            return value;
        }
        if (!(value instanceof String s)) {
            throw new PyException("'" + PyValues.typeName(value) + "' object has no attribute 'rsplit'");
        }
        String head = PyStr.substring(s, 0, (int) (length - endLength));
        if (PyValues.truthy(a[1])) {
            return head + end;
        }
        return StrMethods.rsplit(head, " ", 1).getFirst() + end;
    }

    private static Object unique(Object value, Object[] a) {
        Function<Object, Object> key = attrGetter(a[1], !PyValues.truthy(a[0]), null);
        Iterator<Object> source = PyValues.iterate(value);
        Set<Object> seen = new HashSet<>();
        return new PyIterator("generator", filtered(source, item -> seen.add(PyValues.hashKey(key.apply(item)))));
    }

    private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

    private static int countWords(String s) {
        Matcher m = WORD.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
