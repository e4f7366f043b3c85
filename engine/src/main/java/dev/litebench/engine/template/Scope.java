package dev.litebench.engine.template;

import java.util.HashMap;
import java.util.Map;

/**
 * One level of variables. Lookups walk outwards; assignments stay in this level. Every for-loop iteration, macro
 * call and with/filter/set block gets its own level, which reproduces jinja2's scoping: a {@code set} inside a loop
 * is gone after the iteration, one at the top level is visible to the rest of the template.
 */
final class Scope {
    static final Object MISSING = new Object();

    private final Scope parent;
    private final Map<String, Object> vars;

    Scope(Scope parent) {
        this(parent, new HashMap<>());
    }

    /** A level backed by an existing map, which is only read (the render variables, the globals). */
    Scope(Scope parent, Map<String, Object> vars) {
        this.parent = parent;
        this.vars = vars;
    }

    Object lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Object v = s.vars.get(name);
            if (v != null || s.vars.containsKey(name)) {
                return v;
            }
        }
        return MISSING;
    }

    void set(String name, Object value) {
        vars.put(name, value);
    }
}
