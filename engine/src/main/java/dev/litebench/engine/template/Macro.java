package dev.litebench.engine.template;

import java.util.List;
import java.util.Map;

/**
 * A macro defined by the template (or the {@code caller} of a call block), bound to the scope it was defined in.
 * Calling it renders its body and returns the text.
 */
record Macro(Stmt.MacroDef def, Scope closure, Interpreter interpreter) implements PyCallable {
    String name() {
        return def.name();
    }

    @Override
    public Object call(List<Object> args, Map<String, Object> kwargs) {
        return interpreter.callMacro(this, args, kwargs);
    }
}
