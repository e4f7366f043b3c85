package dev.litebench.engine.template;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Attribute access ({@code obj.name}), subscription ({@code obj[key]}) and slicing as jinja2's
 * ImmutableSandboxedEnvironment does them: attributes first then items for {@code .}, items first then attributes
 * for {@code []}, a lenient {@link Undefined} when neither exists, and mutating methods blocked.
 */
final class Members {
    private static final Set<String> DICT_METHODS = Set.of("get", "items", "keys", "values", "copy");
    private static final Set<String> DICT_MUTATORS = Set.of("clear", "pop", "popitem", "setdefault", "update");
    private static final Set<String> LIST_METHODS = Set.of("index", "count", "copy");
    private static final Set<String> LIST_MUTATORS =
            Set.of("append", "clear", "extend", "insert", "pop", "remove", "reverse", "sort");
    private static final Set<String> TUPLE_METHODS = Set.of("index", "count");

    private static final Object MISSING = new Object();

    private Members() {
    }

    /** {@code obj.name}. */
    static Object getAttr(Object obj, String name) {
        Object method = method(obj, name);
        if (method != MISSING) {
            return method;
        }
        return switch (obj) {
            case Map<?, ?> m -> {
                Object v = dictGet(m, name, MISSING);
                yield v == MISSING ? Undefined.attribute(obj, name) : v;
            }
            case Namespace ns -> ns.attributes.containsKey(name) ? ns.attributes.get(name)
                    : Undefined.attribute(obj, name);
            case PyObject o -> o.attribute(name);
            case null, default -> PyValues.isNumber(obj) ? numberAttribute(obj, name) : Undefined.attribute(obj, name);
        };
    }

    /** The data attributes of Python ints and floats. */
    private static Object numberAttribute(Object n, String name) {
        boolean isFloat = PyValues.isFloat(n);
        return switch (name) {
            case "real" -> isFloat ? PyValues.doubleValue(n) : PyValues.normalize(PyValues.bigInt(n));
            case "imag" -> isFloat ? (Object) 0.0 : (Object) 0L;
            case "numerator" -> isFloat ? Undefined.attribute(n, name) : PyValues.normalize(PyValues.bigInt(n));
            case "denominator" -> isFloat ? Undefined.attribute(n, name) : (Object) 1L;
            default -> Undefined.attribute(n, name);
        };
    }

    /** {@code obj[key]} where key is not a slice. */
    static Object getItem(Object obj, Object key) {
        switch (obj) {
            case Undefined u -> throw u.error();
            case Map<?, ?> m -> {
                Object v = dictGet(m, key, MISSING);
                if (v != MISSING) {
                    return v;
                }
            }
            case String s when isIndex(key) -> {
                int len = PyStr.length(s);
                long i = index(key, len);
                if (i >= 0 && i < len) {
                    return PyStr.charAt(s, (int) i);
                }
            }
            case List<?> l when isIndex(key) && !(l instanceof DictView) -> {
                long i = index(key, l.size());
                if (i >= 0 && i < l.size()) {
                    return l.get((int) i);
                }
            }
            case PyTuple t when isIndex(key) -> {
                long i = index(key, t.items().size());
                if (i >= 0 && i < t.items().size()) {
                    return t.items().get((int) i);
                }
            }
            case null, default -> {
            }
        }
        if (key instanceof String name) {
            Object method = method(obj, name);
            if (method != MISSING) {
                return method;
            }
            if (obj instanceof Namespace || obj instanceof PyObject) {
                return getAttr(obj, name);
            }
        }
        return Undefined.attribute(obj, key);
    }

    private static boolean isIndex(Object key) {
        return PyValues.isInt(key) || key instanceof Boolean;
    }

    /** A possibly negative index resolved against len; out of range stays out of range. */
    private static long index(Object key, int len) {
        if (!PyValues.fitsLong(key)) {
            return -1;
        }
        long i = PyValues.longValue(key);
        return i < 0 ? i + len : i;
    }

    /** {@code obj[start:stop:step]}; any of the three may be null (None). */
    static Object slice(Object obj, Object start, Object stop, Object step) {
        if (obj instanceof Undefined u) {
            throw u.error();
        }
        int len;
        if (obj instanceof String s) {
            len = PyStr.length(s);
        } else if (obj instanceof List<?> l && !(l instanceof DictView)) {
            len = l.size();
        } else if (obj instanceof PyTuple t) {
            len = t.items().size();
        } else {
            return Undefined.attribute(obj, "slice");
        }
        if (!isSliceIndex(start) || !isSliceIndex(stop) || !isSliceIndex(step)) {
            return Undefined.attribute(obj, "slice");
        }
        long st = step == null ? 1 : clampLong(step);
        if (st == 0) {
            throw new PyException("slice step cannot be zero");
        }
        long lower = st > 0 ? 0 : -1;
        long upper = st > 0 ? len : len - 1;
        long from = start == null ? (st > 0 ? lower : upper) : bound(clampLong(start), len, lower, upper);
        long to = stop == null ? (st > 0 ? upper : lower) : bound(clampLong(stop), len, lower, upper);
        if (obj instanceof String s) {
            if (st == 1) {
                return from < to ? PyStr.substring(s, (int) from, (int) to) : "";
            }
            int[] cps = s.codePoints().toArray();
            StringBuilder sb = new StringBuilder();
            for (long i = from; st > 0 ? i < to : i > to; i += st) {
                sb.appendCodePoint(cps[(int) i]);
            }
            return sb.toString();
        }
        List<?> items = obj instanceof PyTuple t ? t.items() : (List<?>) obj;
        List<Object> out = new ArrayList<>();
        for (long i = from; st > 0 ? i < to : i > to; i += st) {
            out.add(items.get((int) i));
        }
        return obj instanceof PyTuple ? new PyTuple(out) : out;
    }

    private static boolean isSliceIndex(Object v) {
        return v == null || PyValues.isInt(v) || v instanceof Boolean;
    }

    private static long clampLong(Object v) {
        if (PyValues.fitsLong(v)) {
            return PyValues.longValue(v);
        }
        return ((BigInteger) v).signum() > 0 ? Long.MAX_VALUE / 2 : Long.MIN_VALUE / 2;
    }

    private static long bound(long i, int len, long lower, long upper) {
        if (i < 0) {
            i += len;
            return Math.max(i, lower);
        }
        return Math.min(i, upper);
    }

    /** {@code m[key] = value} with Python key equality: an equal existing key (1 for 1.0) keeps its place. */
    static void dictPut(Map<Object, Object> m, Object key, Object value) {
        PyValues.hashKey(key);
        if (PyValues.isNumber(key) && !m.containsKey(key)) {
            for (Object existing : m.keySet()) {
                if (PyValues.isNumber(existing) && PyValues.eq(existing, key)) {
                    m.put(existing, value);
                    return;
                }
            }
        }
        m.put(key, value);
    }

    /** A dict lookup with Python key equality (1, 1.0 and True are one key); {@code missing} when absent. */
    static Object dictGet(Map<?, ?> m, Object key, Object missing) {
        try {
            Object v = m.get(key);
            if (v != null || m.containsKey(key)) {
                return v;
            }
        } catch (NullPointerException | ClassCastException e) {
            // maps that reject null or foreign keys simply do not contain them
        }
        if (PyValues.isNumber(key)) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (PyValues.isNumber(e.getKey()) && PyValues.eq(e.getKey(), key)) {
                    return e.getValue();
                }
            }
        }
        return missing;
    }

    /** The bound method {@code obj.name}, an unsafe-undefined for blocked mutators, or MISSING. */
    private static Object method(Object obj, String name) {
        switch (obj) {
            case Undefined u -> throw u.error();
            case String s when StrMethods.has(name) -> {
                return (PyCallable) (args, kwargs) -> StrMethods.call(s, name, args, kwargs);
            }
            case Map<?, ?> m when DICT_METHODS.contains(name) -> {
                return (PyCallable) (args, kwargs) -> callDict(m, name, args, kwargs);
            }
            case List<?> l when LIST_METHODS.contains(name) -> {
                return (PyCallable) (args, kwargs) -> callSequence(l, name, args, kwargs, "list");
            }
            case PyTuple t when TUPLE_METHODS.contains(name) -> {
                return (PyCallable) (args, kwargs) -> callSequence(t.items(), name, args, kwargs, "tuple");
            }
            case Map<?, ?> m when DICT_MUTATORS.contains(name) -> {
                return Undefined.unsafe(obj, name);
            }
            case List<?> l when LIST_MUTATORS.contains(name) -> {
                return Undefined.unsafe(obj, name);
            }
            case null, default -> {
                return MISSING;
            }
        }
    }

    private static final Signature DICT_GET = Signature.of("get()", "key", Signature.REQUIRED, "default", null);

    private static Object callDict(Map<?, ?> m, String name, List<Object> args, Map<String, Object> kwargs) {
        if (!name.equals("get")) {
            Signature.of(name + "()").bind(args, kwargs);
        }
        return switch (name) {
            case "get" -> {
                Object[] a = DICT_GET.bind(args, kwargs);
                PyValues.hashKey(a[0]);
                yield dictGet(m, a[0], a[1]);
            }
            case "keys" -> new DictView("dict_keys", new ArrayList<Object>(m.keySet()));
            case "values" -> new DictView("dict_values", new ArrayList<Object>(m.values()));
            case "items" -> new DictView("dict_items", items(m));
            case "copy" -> new LinkedHashMap<Object, Object>(m);
            default -> throw new IllegalStateException(name);
        };
    }

    static List<Object> items(Map<?, ?> m) {
        List<Object> out = new ArrayList<>(m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.add(PyTuple.of(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static Object callSequence(List<?> items, String name, List<Object> args, Map<String, Object> kwargs,
                                       String type) {
        switch (name) {
            case "copy" -> {
                Signature.of("copy()").bind(args, kwargs);
                return new ArrayList<Object>(items);
            }
            case "count" -> {
                Object x = Signature.of("count()", "value", Signature.REQUIRED).bind(args, kwargs)[0];
                long n = 0;
                for (Object item : items) {
                    if (PyValues.eq(item, x)) {
                        n++;
                    }
                }
                return n;
            }
            case "index" -> {
                Object[] a = Signature.of("index()", "value", Signature.REQUIRED, "start", 0L, "stop", null)
                        .bind(args, kwargs);
                int from = PyStr.clampIndex(PyValues.longValue(a[1]), items.size());
                int to = a[2] == null ? items.size() : PyStr.clampIndex(PyValues.longValue(a[2]), items.size());
                for (int i = from; i < to; i++) {
                    if (PyValues.eq(items.get(i), a[0])) {
                        return (long) i;
                    }
                }
                throw new PyException(type.equals("list") ? PyValues.repr(a[0]) + " is not in list"
                        : "tuple.index(x): x not in tuple");
            }
            default -> throw new IllegalStateException(name);
        }
    }
}
