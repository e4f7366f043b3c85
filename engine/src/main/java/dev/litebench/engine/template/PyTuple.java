package dev.litebench.engine.template;

import java.util.List;

/** A Python tuple: an immutable sequence, printed as {@code (1, 2)}, not equal to a list with the same items. */
record PyTuple(List<Object> items) {
    PyTuple {
        items = java.util.Collections.unmodifiableList(items);
    }

    static PyTuple of(Object... items) {
        return new PyTuple(java.util.Arrays.asList(items));
    }
}
