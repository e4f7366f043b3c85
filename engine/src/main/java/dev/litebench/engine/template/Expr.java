package dev.litebench.engine.template;

import java.util.List;

/** Expression nodes of a parsed template. Each knows its source line for error messages. */
sealed interface Expr {
    int line();

    record Const(Object value, int line) implements Expr {
    }

    record Name(String name, int line) implements Expr {
    }

    record ListLiteral(List<Expr> items, int line) implements Expr {
    }

    record TupleLiteral(List<Expr> items, int line) implements Expr {
    }

    record DictLiteral(List<Expr> keys, List<Expr> values, int line) implements Expr {
    }

    /** {@code obj.name}. */
    record GetAttr(Expr obj, String name, int line) implements Expr {
    }

    /** {@code obj[key]}; key may be a {@link Slice}. */
    record GetItem(Expr obj, Expr key, int line) implements Expr {
    }

    /** {@code start:stop:step} inside brackets; absent parts are null. */
    record Slice(Expr start, Expr stop, Expr step, int line) implements Expr {
    }

    /** {@code -x}, {@code +x}, {@code not x}. */
    record Unary(String op, Expr operand, int line) implements Expr {
    }

    /** Arithmetic ({@code + - * / // % **}) and the short-circuit {@code and} / {@code or}. */
    record Binary(String op, Expr left, Expr right, int line) implements Expr {
    }

    /** {@code a ~ b ~ c}: string concatenation of the operands' str(). */
    record Concat(List<Expr> parts, int line) implements Expr {
    }

    /** A comparison chain {@code a < b <= c}; ops are {@code == != < <= > >= in notin}. */
    record Compare(Expr first, List<String> ops, List<Expr> operands, int line) implements Expr {
    }

    /** {@code then if test else otherwise}; otherwise is null when there is no else. */
    record Conditional(Expr test, Expr then, Expr otherwise, int line) implements Expr {
    }

    record Call(Expr callee, Args args, int line) implements Expr {
    }

    /** {@code operand | name(args)}. */
    record Filter(Expr operand, FilterCall filter) implements Expr {
        @Override
        public int line() {
            return filter.line();
        }
    }

    /** {@code operand is name(args)}. */
    record Test(Expr operand, String name, Args args, int line) implements Expr {
    }

    /** One filter application in a chain, also used by filter blocks and block sets. */
    record FilterCall(String name, Args args, int line) {
    }

    record Keyword(String name, Expr value) {
    }

    /** Call arguments; starArgs ({@code *xs}) and starKwargs ({@code **kw}) are null when absent. */
    record Args(List<Expr> positional, List<Keyword> keywords, Expr starArgs, Expr starKwargs) {
        static final Args NONE = new Args(List.of(), List.of(), null, null);
    }
}
