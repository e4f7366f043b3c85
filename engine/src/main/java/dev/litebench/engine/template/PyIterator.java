package dev.litebench.engine.template;

import java.util.Iterator;

/**
 * A one-shot Python iterator such as the generators returned by {@code map}, {@code select} or {@code reverse}:
 * always truthy, has no length, and a second iteration yields nothing.
 *
 * @param typeName the Python type shown in messages, e.g. {@code generator}
 */
record PyIterator(String typeName, Iterator<Object> iterator) {
}
