package dev.litebench.engine.template;

import java.util.List;
import java.util.Map;

/**
 * Binds positional and keyword arguments to the parameters of a builtin filter, test, function or method, as
 * Python does for {@code def f(a, b=1)}.
 */
final class Signature {
    /** Default value of a parameter that must be given. */
    static final Object REQUIRED = new Object();

    private final String function;
    private final String[] names;
    private final Object[] defaults;

    private Signature(String function, String[] names, Object[] defaults) {
        this.function = function;
        this.names = names;
        this.defaults = defaults;
    }

    /** {@code of("indent()", "width", 4, "first", false)}: parameter names, each followed by its default. */
    static Signature of(String function, Object... namesAndDefaults) {
        int n = namesAndDefaults.length / 2;
        String[] names = new String[n];
        Object[] defaults = new Object[n];
        for (int i = 0; i < n; i++) {
            names[i] = (String) namesAndDefaults[2 * i];
            defaults[i] = namesAndDefaults[2 * i + 1];
        }
        return new Signature(function, names, defaults);
    }

    Object[] bind(List<Object> args, Map<String, Object> kwargs) {
        if (args.size() > names.length) {
            throw new PyException(function + " takes at most " + names.length + " argument"
                    + (names.length == 1 ? "" : "s") + " (" + args.size() + " given)");
        }
        Object[] bound = new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            bound[i] = i < args.size() ? args.get(i) : REQUIRED;
        }
        for (Map.Entry<String, Object> kw : kwargs.entrySet()) {
            int i = indexOf(kw.getKey());
            if (i < 0) {
                throw new PyException(function + " got an unexpected keyword argument '" + kw.getKey() + "'");
            }
            if (i < args.size()) {
                throw new PyException(function + " got multiple values for argument '" + kw.getKey() + "'");
            }
            bound[i] = kw.getValue();
        }
        for (int i = 0; i < names.length; i++) {
            if (bound[i] == REQUIRED) {
                if (defaults[i] == REQUIRED) {
                    throw new PyException(function + " missing required argument '" + names[i] + "'");
                }
                bound[i] = defaults[i];
            }
        }
        return bound;
    }

    private int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
