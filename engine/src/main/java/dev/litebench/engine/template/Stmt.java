package dev.litebench.engine.template;

import java.util.List;

/** Statement nodes of a parsed template. */
sealed interface Stmt {
    record Text(String text) implements Stmt {
    }

    /** {@code {{ expr }}}. */
    record Output(Expr expr) implements Stmt {
    }

    /** {@code if}/{@code elif} branches in order, then the else body (empty when absent). */
    record If(List<Expr> tests, List<List<Stmt>> bodies, List<Stmt> orElse) implements Stmt {
    }

    /** {@code for target in iterable if filter recursive}; filter is null when absent. */
    record For(Target target, Expr iterable, Expr filter, boolean recursive, List<Stmt> body, List<Stmt> orElse,
               int line) implements Stmt {
    }

    record Set(Target target, Expr value, int line) implements Stmt {
    }

    /** {@code {% set x | filters %}body{% endset %}}. */
    record SetBlock(Target target, List<Expr.FilterCall> filters, List<Stmt> body, int line) implements Stmt {
    }

    /**
     * A macro definition, also the implicit {@code caller} of a call block. The catch/uses flags say whether the
     * body reads {@code varargs}, {@code kwargs} or {@code caller}, which decides what arguments it accepts.
     */
    record MacroDef(String name, List<String> params, List<Expr> defaults, List<Stmt> body, boolean catchVarargs,
                    boolean catchKwargs, boolean usesCaller) implements Stmt {
    }

    /** {@code {% call(params) macro(args) %}body{% endcall %}}. */
    record CallBlock(MacroDef caller, Expr.Call call, int line) implements Stmt {
    }

    /** {@code {% filter f %}body{% endfilter %}}. */
    record FilterBlock(List<Expr.FilterCall> filters, List<Stmt> body, int line) implements Stmt {
    }

    /** {@code {% with a = 1 %}body{% endwith %}}; also the scope of a {@code generation} block, with no targets. */
    record With(List<Target> targets, List<Expr> values, List<Stmt> body, int line) implements Stmt {
    }

    /**
     * {@code {% block name %}}: without template inheritance it renders in place, seeing only the template's
     * top-level variables unless {@code scoped}.
     */
    record Block(String name, boolean scoped, List<Stmt> body, int line) implements Stmt {
    }

    record Break() implements Stmt {
    }

    record Continue() implements Stmt {
    }

    /** Assignment targets of set, for and with. */
    sealed interface Target {
    }

    record NameTarget(String name) implements Target {
    }

    record TupleTarget(List<Target> items) implements Target {
    }

    /** {@code ns.attr}, only valid for namespace objects. */
    record NamespaceTarget(String namespace, String attribute) implements Target {
    }
}
