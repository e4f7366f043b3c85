package dev.litebench.engine.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a parsed template by walking its tree. One instance per render: it holds the render's work budget and
 * macro call depth.
 */
final class Interpreter {
    private enum Flow { NORMAL, BREAK, CONTINUE }

    private final Scope globals;
    private final long workBudget;
    /** The template's top-level scope, which is all a non-scoped block sees. */
    private Scope root;
    private long work;
    private int callDepth;

    /** @param workBudget most characters plus list items plus loop iterations the render may produce */
    Interpreter(Map<String, Object> globals, long workBudget) {
        this.globals = new Scope(null, globals);
        this.workBudget = workBudget;
    }

    String render(List<Stmt> template, Map<String, Object> variables) {
        root = new Scope(new Scope(globals, variables));
        StringBuilder out = new StringBuilder();
        try {
            exec(template, root, out);
        } catch (StackOverflowError e) {
            throw new TemplateException("chat template: maximum recursion depth exceeded", false);
        }
        return out.toString();
    }

    // ---- statements

    private Flow exec(List<Stmt> body, Scope scope, StringBuilder out) {
        for (Stmt stmt : body) {
            Flow flow = exec(stmt, scope, out);
            if (flow != Flow.NORMAL) {
                return flow;
            }
        }
        return Flow.NORMAL;
    }

    private Flow exec(Stmt stmt, Scope scope, StringBuilder out) {
        switch (stmt) {
            case Stmt.Text t -> write(out, t.text());
            case Stmt.Output o -> {
                Object value = eval(o.expr(), scope);
                write(out, str(value, o.expr().line()));
            }
            case Stmt.If i -> {
                for (int k = 0; k < i.tests().size(); k++) {
                    if (PyValues.truthy(eval(i.tests().get(k), scope))) {
                        return exec(i.bodies().get(k), scope, out);
                    }
                }
                return exec(i.orElse(), scope, out);
            }
            case Stmt.For f -> {
                return runLoop(f, eval(f.iterable(), scope), scope, out, 0);
            }
            case Stmt.Set s -> assign(s.target(), eval(s.value(), scope), scope, s.line());
            case Stmt.SetBlock s -> {
                StringBuilder buf = new StringBuilder();
                Scope inner = new Scope(scope);
                Flow flow = exec(s.body(), inner, buf);
                if (flow != Flow.NORMAL) {
                    return flow;
                }
                assign(s.target(), applyFilters(s.filters(), buf.toString(), inner), scope, s.line());
            }
            case Stmt.MacroDef m -> scope.set(m.name(), new Macro(m, scope, this));
            case Stmt.CallBlock c -> {
                Object value = evalCall(c.call(), scope, new Macro(c.caller(), scope, this));
                write(out, str(value, c.line()));
            }
            case Stmt.FilterBlock f -> {
                StringBuilder buf = new StringBuilder();
                Scope inner = new Scope(scope);
                Flow flow = exec(f.body(), inner, buf);
                if (flow != Flow.NORMAL) {
                    return flow;
                }
                write(out, str(applyFilters(f.filters(), buf.toString(), inner), f.line()));
            }
            case Stmt.With w -> {
                Scope inner = new Scope(scope);
                List<Object> values = new ArrayList<>();
                for (Expr e : w.values()) {
                    values.add(eval(e, scope));
                }
                for (int k = 0; k < values.size(); k++) {
                    assign(w.targets().get(k), values.get(k), inner, w.line());
                }
                return exec(w.body(), inner, out);
            }
            case Stmt.Block b -> exec(b.body(), new Scope(b.scoped() ? scope : root), out);
            case Stmt.Break b -> {
                return Flow.BREAK;
            }
            case Stmt.Continue c -> {
                return Flow.CONTINUE;
            }
        }
        return Flow.NORMAL;
    }

    private Flow runLoop(Stmt.For f, Object iterable, Scope scope, StringBuilder out, int depth0) {
        List<Object> items;
        try {
            items = PyValues.toList(iterable);
        } catch (PyException e) {
            throw TemplateException.at(f.line(), e.getMessage());
        }
        if (f.filter() != null) {
            List<Object> kept = new ArrayList<>();
            for (Object item : items) {
                Scope test = new Scope(scope);
                assign(f.target(), item, test, f.line());
                if (PyValues.truthy(eval(f.filter(), test))) {
                    kept.add(item);
                }
            }
            items = kept;
        }
        PyCallable recurse = !f.recursive() ? null : (args, kwargs) -> {
            if (args.size() != 1 || !kwargs.isEmpty()) {
                throw new PyException("loop() takes exactly one argument, the items to loop over");
            }
            StringBuilder buf = new StringBuilder();
            runLoop(f, args.getFirst(), scope, buf, depth0 + 1);
            return buf.toString();
        };
        LoopContext loop = new LoopContext(items, depth0, recurse);
        for (int i = 0; i < items.size(); i++) {
            charge(1, f.line());
            Scope iteration = new Scope(scope);
            assign(f.target(), items.get(i), iteration, f.line());
            loop.moveTo(i);
            iteration.set("loop", loop);
            if (exec(f.body(), iteration, out) == Flow.BREAK) {
                break;
            }
        }
        return items.isEmpty() ? exec(f.orElse(), new Scope(scope), out) : Flow.NORMAL;
    }

    private void assign(Stmt.Target target, Object value, Scope scope, int line) {
        switch (target) {
            case Stmt.NameTarget n -> scope.set(n.name(), value);
            case Stmt.TupleTarget t -> {
                if (!PyValues.isIterable(value) || value instanceof Undefined) {
                    if (value instanceof Undefined u) {
                        throw TemplateException.at(line, u.message());
                    }
                    throw TemplateException.at(line, "cannot unpack non-iterable " + PyValues.typeName(value)
                            + " object");
                }
                List<Object> items = PyValues.toList(value);
                int n = t.items().size();
                if (items.size() < n) {
                    throw TemplateException.at(line, "not enough values to unpack (expected " + n + ", got "
                            + items.size() + ")");
                }
                if (items.size() > n) {
                    throw TemplateException.at(line, "too many values to unpack (expected " + n + ")");
                }
                for (int i = 0; i < n; i++) {
                    assign(t.items().get(i), items.get(i), scope, line);
                }
            }
            case Stmt.NamespaceTarget ns -> {
                if (!(scope.lookup(ns.namespace()) instanceof Namespace namespace)) {
                    throw TemplateException.at(line, "cannot assign attribute on non-namespace object");
                }
                namespace.attributes.put(ns.attribute(), value);
            }
        }
    }

    /** Calls a template macro: binds arguments the way jinja2's {@code Macro.__call__} does and renders the body. */
    Object callMacro(Macro macro, List<Object> args, Map<String, Object> kwargs) {
        Stmt.MacroDef def = macro.def();
        if (callDepth >= Limits.MAX_CALL_DEPTH) {
            throw new PyException("maximum recursion depth exceeded while calling macro '" + def.name() + "'");
        }
        List<String> params = def.params();
        int n = params.size();
        Map<String, Object> extra = new LinkedHashMap<>(kwargs);
        Object[] values = new Object[n];
        boolean foundCaller = params.contains("caller") && args.size() >= n;
        for (int i = 0; i < n; i++) {
            String name = params.get(i);
            if (i < args.size()) {
                values[i] = args.get(i);
            } else {
                values[i] = extra.containsKey(name) ? extra.remove(name) : Scope.MISSING;
                foundCaller |= name.equals("caller");
            }
        }
        Scope scope = new Scope(macro.closure());
        if (def.usesCaller() && !foundCaller) {
            Object caller = extra.remove("caller");
            scope.set("caller", caller != null ? caller : new Undefined("No caller defined"));
        }
        if (def.catchKwargs()) {
            scope.set("kwargs", extra);
        } else if (!extra.isEmpty()) {
            if (extra.containsKey("caller")) {
                throw new PyException("macro '" + def.name()
                        + "' was invoked with two values for the special caller argument");
            }
            throw new PyException("macro '" + def.name() + "' takes no keyword argument '"
                    + extra.keySet().iterator().next() + "'");
        }
        if (def.catchVarargs()) {
            scope.set("varargs", new PyTuple(args.size() > n ? args.subList(n, args.size()) : List.of()));
        } else if (args.size() > n) {
            throw new PyException("macro '" + def.name() + "' takes not more than " + n + " argument(s)");
        }
        for (int i = 0; i < n; i++) {
            if (values[i] != Scope.MISSING) {
                scope.set(params.get(i), values[i]);
            }
        }
        int firstDefault = n - def.defaults().size();
        for (int i = 0; i < n; i++) {
            if (values[i] == Scope.MISSING) {
                scope.set(params.get(i), i >= firstDefault ? eval(def.defaults().get(i - firstDefault), scope)
                        : new Undefined("parameter '" + params.get(i) + "' was not provided"));
            }
        }
        callDepth++;
        try {
            StringBuilder out = new StringBuilder();
            exec(def.body(), scope, out);
            return out.toString();
        } finally {
            callDepth--;
        }
    }

    // ---- expressions

    /** Evaluates an expression; a Python-level error becomes a TemplateException naming the expression's line. */
    Object eval(Expr e, Scope scope) {
        try {
            return evaluate(e, scope);
        } catch (PyException ex) {
            throw TemplateException.at(e.line(), ex.getMessage());
        }
    }

    private Object evaluate(Expr e, Scope scope) {
        return switch (e) {
            case Expr.Const c -> c.value();
            case Expr.Name n -> {
                Object v = scope.lookup(n.name());
                yield v == Scope.MISSING ? Undefined.name(n.name()) : v;
            }
            case Expr.ListLiteral l -> {
                List<Object> items = new ArrayList<>(l.items().size());
                for (Expr item : l.items()) {
                    items.add(eval(item, scope));
                }
                yield items;
            }
            case Expr.TupleLiteral t -> {
                List<Object> items = new ArrayList<>(t.items().size());
                for (Expr item : t.items()) {
                    items.add(eval(item, scope));
                }
                yield new PyTuple(items);
            }
            case Expr.DictLiteral d -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < d.keys().size(); i++) {
                    Object key = eval(d.keys().get(i), scope);
                    Members.dictPut(map, key, eval(d.values().get(i), scope));
                }
                yield map;
            }
            case Expr.GetAttr g -> Members.getAttr(eval(g.obj(), scope), g.name());
            case Expr.GetItem g -> {
                Object obj = eval(g.obj(), scope);
                if (g.key() instanceof Expr.Slice s) {
                    yield Members.slice(obj, evalOrNull(s.start(), scope), evalOrNull(s.stop(), scope),
                            evalOrNull(s.step(), scope));
                }
                yield Members.getItem(obj, eval(g.key(), scope));
            }
            case Expr.Slice s -> throw new PyException("slices are only supported directly inside []");
            case Expr.Unary u -> {
                Object v = eval(u.operand(), scope);
                yield switch (u.op()) {
                    case "not" -> !PyValues.truthy(v);
                    case "-" -> PyOps.neg(v);
                    default -> PyOps.pos(v);
                };
            }
            case Expr.Binary b -> evalBinary(b, scope);
            case Expr.Concat c -> {
                StringBuilder sb = new StringBuilder();
                for (Expr part : c.parts()) {
                    sb.append(PyValues.str(eval(part, scope)));
                    Limits.checkLength(sb.length());
                }
                yield charged(sb.toString(), c.line());
            }
            case Expr.Compare c -> {
                Object left = eval(c.first(), scope);
                for (int i = 0; i < c.ops().size(); i++) {
                    Object right = eval(c.operands().get(i), scope);
                    if (!compare(c.ops().get(i), left, right)) {
                        yield false;
                    }
                    left = right;
                }
                yield true;
            }
            case Expr.Conditional c -> {
                if (PyValues.truthy(eval(c.test(), scope))) {
                    yield eval(c.then(), scope);
                }
                yield c.otherwise() != null ? eval(c.otherwise(), scope)
                        : new Undefined("the inline if-expression on line " + c.line()
                                + " evaluated to false and no else section was defined.");
            }
            case Expr.Call c -> evalCall(c, scope, null);
            case Expr.Filter f -> applyFilter(f.filter(), eval(f.operand(), scope), scope);
            case Expr.Test t -> {
                Object value = eval(t.operand(), scope);
                CallArgs a = evalArgs(t.args(), scope);
                yield JinjaTests.apply(t.name(), value, a.positional(), a.keywords());
            }
        };
    }

    private Object evalOrNull(Expr e, Scope scope) {
        return e == null ? null : eval(e, scope);
    }

    private Object evalBinary(Expr.Binary b, Scope scope) {
        Object left = eval(b.left(), scope);
        switch (b.op()) {
            case "and" -> {
                return PyValues.truthy(left) ? eval(b.right(), scope) : left;
            }
            case "or" -> {
                return PyValues.truthy(left) ? left : eval(b.right(), scope);
            }
            default -> {
            }
        }
        Object right = eval(b.right(), scope);
        Object result = switch (b.op()) {
            case "+" -> PyOps.add(left, right);
            case "-" -> PyOps.sub(left, right);
            case "*" -> PyOps.mul(left, right);
            case "/" -> PyOps.truediv(left, right);
            case "//" -> PyOps.floordiv(left, right);
            case "%" -> PyOps.mod(left, right);
            case "**" -> PyOps.pow(left, right);
            default -> throw new IllegalStateException(b.op());
        };
        return charged(result, b.line());
    }

    private static boolean compare(String op, Object left, Object right) {
        return switch (op) {
            case "==" -> PyValues.eq(left, right);
            case "!=" -> !PyValues.eq(left, right);
            case "in" -> PyOps.contains(right, left);
            case "notin" -> !PyOps.contains(right, left);
            default -> PyOps.compare(op, left, right);
        };
    }

    private record CallArgs(List<Object> positional, Map<String, Object> keywords) {
    }

    private CallArgs evalArgs(Expr.Args args, Scope scope) {
        List<Object> positional = new ArrayList<>();
        for (Expr e : args.positional()) {
            positional.add(eval(e, scope));
        }
        if (args.starArgs() != null) {
            positional.addAll(PyValues.toList(eval(args.starArgs(), scope)));
        }
        Map<String, Object> keywords = new LinkedHashMap<>();
        for (Expr.Keyword k : args.keywords()) {
            keywords.put(k.name(), eval(k.value(), scope));
        }
        if (args.starKwargs() != null) {
            Object extra = eval(args.starKwargs(), scope);
            if (!(extra instanceof Map<?, ?> m)) {
                throw new PyException("argument after ** must be a mapping, not " + PyValues.typeName(extra));
            }
            for (Map.Entry<?, ?> entry : m.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new PyException("keywords must be strings");
                }
                keywords.put(key, entry.getValue());
            }
        }
        return new CallArgs(positional, keywords);
    }

    private Object evalCall(Expr.Call c, Scope scope, Macro caller) {
        Object fn = eval(c.callee(), scope);
        CallArgs a = evalArgs(c.args(), scope);
        if (caller != null) {
            a.keywords().put("caller", caller);
        }
        try {
            Object result = switch (fn) {
                case PyCallable callable -> callable.call(a.positional(), a.keywords());
                case Undefined u -> throw u.error();
                case null, default -> throw new PyException("'" + PyValues.typeName(fn) + "' object is not callable");
            };
            return charged(result, c.line());
        } catch (PyException e) {
            throw TemplateException.at(c.line(), e.getMessage());
        }
    }

    private Object applyFilter(Expr.FilterCall f, Object value, Scope scope) {
        CallArgs a = evalArgs(f.args(), scope);
        try {
            return charged(Filters.apply(f.name(), value, a.positional(), a.keywords()), f.line());
        } catch (PyException e) {
            throw TemplateException.at(f.line(), e.getMessage());
        }
    }

    private Object applyFilters(List<Expr.FilterCall> filters, Object value, Scope scope) {
        for (Expr.FilterCall f : filters) {
            value = applyFilter(f, value, scope);
        }
        return value;
    }

    // ---- output and budget

    private void write(StringBuilder out, String s) {
        if ((long) out.length() + s.length() > Limits.MAX_LENGTH) {
            throw new TemplateException("chat template output exceeds " + Limits.MAX_LENGTH + " characters", false);
        }
        out.append(s);
        work += s.length();
    }

    private static String str(Object value, int line) {
        try {
            return PyValues.str(value);
        } catch (PyException e) {
            throw TemplateException.at(line, e.getMessage());
        }
    }

    /** Counts a produced string or list against the render's work budget and returns it. */
    private Object charged(Object result, int line) {
        if (result instanceof String s) {
            charge(s.length(), line);
        } else if (result instanceof List<?> l) {
            charge(l.size(), line);
        }
        return result;
    }

    private void charge(long units, int line) {
        work += units;
        if (work > workBudget) {
            throw TemplateException.at(line, "template exceeded its work budget (" + workBudget
                    + " characters, items and loop iterations)");
        }
    }
}
