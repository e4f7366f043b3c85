package dev.litebench.engine.template;

/**
 * jinja2's default (lenient) {@code Undefined}: prints as "", is falsy, iterates as empty and has length 0, but
 * raises {@link #error()} when used in arithmetic, comparisons, calls, attribute or item access.
 *
 * @param message what went missing, e.g. {@code 'foo' is undefined}
 */
record Undefined(String message) {
    static Undefined name(String name) {
        return new Undefined("'" + name + "' is undefined");
    }

    /** The undefined result of {@code obj.name} or {@code obj['name']}. */
    static Undefined attribute(Object obj, Object name) {
        String owner = obj == null ? "None" : PyValues.typeName(obj) + " object";
        if (name instanceof String s) {
            return new Undefined(PyValues.repr(owner) + " has no attribute " + PyValues.repr(s));
        }
        return new Undefined(owner + " has no element " + PyValues.repr(name));
    }

    /** Sandboxed attributes (mutating methods): defined-looking names that fail when used. */
    static Undefined unsafe(Object obj, String name) {
        return new Undefined("access to attribute '" + name + "' of '" + PyValues.typeName(obj)
                + "' object is unsafe.");
    }

    PyException error() {
        return new PyException(message);
    }
}
