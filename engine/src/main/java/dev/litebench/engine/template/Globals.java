package dev.litebench.engine.template;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions every template sees: jinja2's {@code range}, {@code dict}, {@code namespace}, {@code cycler},
 * {@code joiner}, plus transformers' {@code raise_exception} and {@code strftime_now}.
 */
final class Globals {
    /** jinja2's sandbox refuses bigger ranges. */
    private static final int MAX_RANGE = 100_000;

    private Globals() {
    }

    static Map<String, Object> create(Clock clock) {
        Map<String, Object> g = new HashMap<>();
        g.put("range", (PyCallable) Globals::range);
        g.put("dict", (PyCallable) (args, kwargs) -> dict("dict", args, kwargs));
        g.put("namespace", (PyCallable) (args, kwargs) -> {
            Namespace ns = new Namespace();
            dict("namespace", args, kwargs).forEach((k, v) -> ns.attributes.put(PyValues.str(k), v));
            return ns;
        });
        g.put("cycler", (PyCallable) (args, kwargs) -> new Cycler(args));
        g.put("joiner", (PyCallable) (args, kwargs) -> {
            String sep = PyValues.str(Signature.of("joiner()", "sep", ", ").bind(args, kwargs)[0]);
            boolean[] used = {false};
            return (PyCallable) (a, k) -> {
                if (used[0]) {
                    return sep;
                }
                used[0] = true;
                return "";
            };
        });
        g.put("raise_exception", (PyCallable) (args, kwargs) -> {
            Object message = Signature.of("raise_exception()", "message", Signature.REQUIRED).bind(args, kwargs)[0];
            throw new TemplateException(PyValues.str(message), true);
        });
        g.put("strftime_now", (PyCallable) (args, kwargs) -> {
            Object format = Signature.of("strftime_now()", "format", Signature.REQUIRED).bind(args, kwargs)[0];
            if (!(format instanceof String f)) {
                throw new PyException("strftime() argument 1 must be str, not " + PyValues.typeName(format));
            }
            return Strftime.format(LocalDateTime.now(clock), f);
        });
        return g;
    }

    private static Object range(List<Object> args, Map<String, Object> kwargs) {
        if (!kwargs.isEmpty()) {
            throw new PyException("range() takes no keyword arguments");
        }
        if (args.isEmpty() || args.size() > 3) {
            throw new PyException("range expected " + (args.isEmpty() ? "at least 1 argument" : "at most 3 arguments")
                    + ", got " + args.size());
        }
        long start = args.size() == 1 ? 0 : Filters.intArg(args.get(0));
        long stop = Filters.intArg(args.get(args.size() == 1 ? 0 : 1));
        long step = args.size() == 3 ? Filters.intArg(args.get(2)) : 1;
        if (step == 0) {
            throw new PyException("range() arg 3 must not be zero");
        }
        long count = step > 0 ? (stop > start ? (stop - start - 1) / step + 1 : 0)
                : (start > stop ? (start - stop - 1) / -step + 1 : 0);
        if (count > MAX_RANGE) {
            throw new PyException("Range too big. The sandbox blocks ranges larger than MAX_RANGE (" + MAX_RANGE + ").");
        }
        List<Object> out = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            out.add(start + i * step);
        }
        return out;
    }

    /** Python's {@code dict(mapping_or_pairs, **kwargs)}. */
    private static Map<Object, Object> dict(String name, List<Object> args, Map<String, Object> kwargs) {
        if (args.size() > 1) {
            throw new PyException(name + " expected at most 1 argument, got " + args.size());
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        if (!args.isEmpty()) {
            Object source = args.getFirst();
            if (source instanceof Map<?, ?> m) {
                m.forEach((k, v) -> Members.dictPut(out, k, v));
            } else {
                int i = 0;
                for (var it = PyValues.iterate(source); it.hasNext(); i++) {
                    Object pair = it.next();
                    if (!PyValues.isIterable(pair)) {
                        throw new PyException("cannot convert dictionary update sequence element #" + i
                                + " to a sequence");
                    }
                    List<Object> kv = PyValues.toList(pair);
                    if (kv.size() != 2) {
                        throw new PyException("dictionary update sequence element #" + i + " has length "
                                + kv.size() + "; 2 is required");
                    }
                    Members.dictPut(out, kv.get(0), kv.get(1));
                }
            }
        }
        out.putAll(kwargs);
        return out;
    }

    /** jinja2's {@code cycler(a, b, ...)}: {@code next()}, {@code reset()}, {@code current}. */
    private static final class Cycler implements PyObject {
        private final List<Object> items;
        private int pos;

        Cycler(List<Object> items) {
            if (items.isEmpty()) {
                throw new PyException("at least one item has to be provided");
            }
            this.items = new ArrayList<>(items);
        }

        @Override
        public Object attribute(String name) {
            return switch (name) {
                case "current" -> items.get(pos);
                case "next" -> (PyCallable) (args, kwargs) -> {
                    Object v = items.get(pos);
                    pos = (pos + 1) % items.size();
                    return v;
                };
                case "reset" -> (PyCallable) (args, kwargs) -> {
                    pos = 0;
                    return null;
                };
                case "items" -> new PyTuple(items);
                default -> Undefined.attribute(this, name);
            };
        }
    }
}
