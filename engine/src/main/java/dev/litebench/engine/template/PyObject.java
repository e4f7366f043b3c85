package dev.litebench.engine.template;

/** A runtime object with named attributes, such as {@code loop} or a {@code cycler}. */
interface PyObject {
    /** The attribute's value, or an {@link Undefined} when there is no such attribute. */
    Object attribute(String name);
}
