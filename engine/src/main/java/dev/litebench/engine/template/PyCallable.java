package dev.litebench.engine.template;

import java.util.List;
import java.util.Map;

/** Anything a template can call: macros, globals such as {@code range}, bound methods such as {@code s.split}. */
@FunctionalInterface
interface PyCallable {
    Object call(List<Object> args, Map<String, Object> kwargs);
}
