package dev.litebench.engine.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.litebench.engine.template.Token.Kind;

/** Recursive-descent parser following jinja2's {@code parser.py}: same precedence, same statement forms. */
final class Parser {
    private static final Set<String> UNSUPPORTED_TAGS =
            Set.of("extends", "include", "import", "from", "autoescape");
    private static final Set<String> COMPARE_OPS = Set.of("==", "!=", "<", "<=", ">", ">=");
    private static final Set<String> PRODUCT_OPS = Set.of("*", "/", "//", "%");

    private final List<Token> tokens;
    private int index;
    private int depth;
    /** Inside a for body (not its else), where break and continue are allowed. */
    private boolean inLoop;
    private final Set<String> blockNames = new HashSet<>();
    /** Names read inside each macro body being parsed, to find uses of varargs, kwargs and caller. */
    private final Deque<Set<String>> macroReads = new ArrayDeque<>();

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static List<Stmt> parse(String source) {
        Parser p = new Parser(Lexer.tokenize(source));
        return p.subparse(null);
    }

    // ---- token stream

    private Token current() {
        return tokens.get(index);
    }

    private Token peek() {
        return tokens.get(Math.min(index + 1, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(index);
        if (index < tokens.size() - 1) {
            index++;
        }
        return t;
    }

    private Token expect(Kind kind, String description) {
        Token t = current();
        if (!t.is(kind)) {
            throw fail(t, "expected " + description + ", got " + t.describe());
        }
        return next();
    }

    private void expectOperator(String op) {
        if (!current().isOperator(op)) {
            throw fail(current(), "expected '" + op + "', got " + current().describe());
        }
        next();
    }

    private void expectName(String name) {
        if (!current().isName(name)) {
            throw fail(current(), "expected '" + name + "', got " + current().describe());
        }
        next();
    }

    private boolean skipName(String name) {
        if (current().isName(name)) {
            next();
            return true;
        }
        return false;
    }

    private boolean skipOperator(String op) {
        if (current().isOperator(op)) {
            next();
            return true;
        }
        return false;
    }

    private static TemplateException fail(Token at, String message) {
        return TemplateException.at(at.line(), message);
    }

    private void enter() {
        if (++depth > Limits.MAX_PARSE_DEPTH) {
            throw fail(current(), "template nested too deeply");
        }
    }

    private void leave() {
        depth--;
    }

    // ---- statements

    /** Template data, prints and statements until one of endTags (not consumed) or the end of the template. */
    private List<Stmt> subparse(Set<String> endTags) {
        List<Stmt> body = new ArrayList<>();
        while (true) {
            Token t = current();
            switch (t.kind()) {
                case DATA -> {
                    body.add(new Stmt.Text(t.text()));
                    next();
                }
                case VARIABLE_BEGIN -> {
                    next();
                    body.add(new Stmt.Output(parseTuple(false, true, Set.of(), false)));
                    expect(Kind.VARIABLE_END, "end of print statement");
                }
                case BLOCK_BEGIN -> {
                    next();
                    if (endTags != null && current().is(Kind.NAME) && endTags.contains(current().text())) {
                        return body;
                    }
                    body.addAll(parseStatement(endTags));
                    expect(Kind.BLOCK_END, "end of statement block");
                }
                case EOF -> {
                    return body;
                }
                default -> throw fail(t, "unexpected " + t.describe());
            }
        }
    }

    /** The body of a block statement, after the rest of its opening tag; stops at (and with drop, consumes) an end tag. */
    private List<Stmt> parseBody(Token opening, boolean drop, String... endTags) {
        enter();
        skipOperator(":");
        expect(Kind.BLOCK_END, "end of statement block");
        List<Stmt> body = subparse(Set.of(endTags));
        if (current().is(Kind.EOF)) {
            throw fail(current(), "unexpected end of template, expected " + quoteList(endTags) + " to close '"
                    + opening.text() + "' from line " + opening.line());
        }
        if (drop) {
            next();
        }
        leave();
        return body;
    }

    private static String quoteList(String... names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                sb.append(i == names.length - 1 ? " or " : ", ");
            }
            sb.append('\'').append(names[i]).append('\'');
        }
        return sb.toString();
    }

    private List<Stmt> parseStatement(Set<String> endTags) {
        Token t = current();
        if (!t.is(Kind.NAME)) {
            throw fail(t, "tag name expected");
        }
        return switch (t.text()) {
            case "for" -> List.of(parseFor());
            case "if" -> List.of(parseIf());
            case "set" -> List.of(parseSet());
            case "macro" -> List.of(parseMacro());
            case "call" -> List.of(parseCallBlock());
            case "filter" -> List.of(parseFilterBlock());
            case "with" -> List.of(parseWith());
            case "print" -> parsePrint();
            case "block" -> List.of(parseBlock());
            case "break", "continue" -> {
                if (!inLoop) {
                    throw fail(t, "'" + t.text() + "' outside loop");
                }
                next();
                yield List.of(t.text().equals("break") ? new Stmt.Break() : new Stmt.Continue());
            }
            case "generation" -> {
                next();
                yield List.of(new Stmt.With(List.of(), List.of(), parseBody(t, true, "endgeneration"), t.line()));
            }
            default -> {
                if (UNSUPPORTED_TAGS.contains(t.text())) {
                    throw fail(t, "unsupported tag '" + t.text() + "'");
                }
                String expected = endTags == null ? "" : ", expected " + quoteList(endTags.stream().sorted()
                        .toArray(String[]::new));
                throw fail(t, "unknown tag '" + t.text() + "'" + expected);
            }
        };
    }

    private Stmt parseFor() {
        Token opening = next();
        Stmt.Target target = parseAssignTarget(true, Set.of("in"));
        expectName("in");
        Expr iterable = parseTuple(false, false, Set.of("recursive"), false);
        Expr filter = skipName("if") ? parseExpression(true) : null;
        boolean recursive = skipName("recursive");
        boolean outer = inLoop;
        inLoop = true;
        List<Stmt> body = parseBody(opening, false, "endfor", "else");
        inLoop = outer;
        List<Stmt> orElse = next().isName("endfor") ? List.of() : parseBody(opening, true, "endfor");
        return new Stmt.For(target, iterable, filter, recursive, body, orElse, opening.line());
    }

    private Stmt parseIf() {
        Token opening = next();
        List<Expr> tests = new ArrayList<>();
        List<List<Stmt>> bodies = new ArrayList<>();
        List<Stmt> orElse = List.of();
        while (true) {
            tests.add(parseTuple(false, false, Set.of(), false));
            bodies.add(parseBody(opening, false, "elif", "else", "endif"));
            Token t = next();
            if (t.isName("elif")) {
                continue;
            }
            if (t.isName("else")) {
                orElse = parseBody(opening, true, "endif");
            }
            return new Stmt.If(tests, bodies, orElse);
        }
    }

    private Stmt parseSet() {
        Token opening = next();
        Stmt.Target target;
        if (current().is(Kind.NAME) && peek().isOperator(".")) {
            String namespace = next().text();
            next();
            target = new Stmt.NamespaceTarget(namespace, expect(Kind.NAME, "attribute name").text());
        } else {
            target = parseAssignTarget(true, Set.of());
        }
        if (skipOperator("=")) {
            return new Stmt.Set(target, parseTuple(false, true, Set.of(), false), opening.line());
        }
        List<Expr.FilterCall> filters = parseFilterChain(false);
        return new Stmt.SetBlock(target, filters, parseBody(opening, true, "endset"), opening.line());
    }

    private Stmt parseMacro() {
        Token opening = next();
        String name = assignableName(expect(Kind.NAME, "macro name"));
        List<String> params = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        parseSignature(params, defaults);
        return parseMacroBody(opening, name, params, defaults, "endmacro");
    }

    private Stmt.MacroDef parseMacroBody(Token opening, String name, List<String> params, List<Expr> defaults,
                                         String endTag) {
        boolean outer = inLoop;
        inLoop = false;
        macroReads.push(new HashSet<>());
        List<Stmt> body = parseBody(opening, true, endTag);
        Set<String> reads = macroReads.pop();
        inLoop = outer;
        reads.removeAll(params);
        return new Stmt.MacroDef(name, params, defaults, body, reads.contains("varargs"), reads.contains("kwargs"),
                reads.contains("caller"));
    }

    private void parseSignature(List<String> params, List<Expr> defaults) {
        expectOperator("(");
        while (!current().isOperator(")")) {
            if (!params.isEmpty()) {
                expectOperator(",");
            }
            Token param = expect(Kind.NAME, "parameter name");
            params.add(assignableName(param));
            if (skipOperator("=")) {
                defaults.add(parseExpression(true));
            } else if (!defaults.isEmpty()) {
                throw fail(param, "non-default argument follows default argument");
            }
        }
        expectOperator(")");
    }

    private Stmt parseCallBlock() {
        Token opening = next();
        List<String> params = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        if (current().isOperator("(")) {
            parseSignature(params, defaults);
        }
        Expr call = parseExpression(true);
        if (!(call instanceof Expr.Call c)) {
            throw fail(opening, "expected call");
        }
        return new Stmt.CallBlock(parseMacroBody(opening, "caller", params, defaults, "endcall"), c,
                opening.line());
    }

    private Stmt parseFilterBlock() {
        Token opening = next();
        List<Expr.FilterCall> filters = parseFilterChain(true);
        return new Stmt.FilterBlock(filters, parseBody(opening, true, "endfilter"), opening.line());
    }

    private Stmt parseWith() {
        Token opening = next();
        List<Stmt.Target> targets = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (!current().is(Kind.BLOCK_END)) {
            if (!targets.isEmpty()) {
                expectOperator(",");
            }
            targets.add(parseAssignTarget(true, Set.of()));
            expectOperator("=");
            values.add(parseExpression(true));
        }
        return new Stmt.With(targets, values, parseBody(opening, true, "endwith"), opening.line());
    }

    private Stmt parseBlock() {
        Token opening = next();
        Token name = expect(Kind.NAME, "block name");
        if (!blockNames.add(name.text())) {
            throw fail(name, "block '" + name.text() + "' defined twice");
        }
        boolean scoped = skipName("scoped");
        if (skipName("required")) {
            throw fail(name, "required block '" + name.text() + "' not found");
        }
        boolean outer = inLoop;
        inLoop = false;
        List<Stmt> body = parseBody(opening, true, "endblock");
        inLoop = outer;
        skipName(name.text());
        return new Stmt.Block(name.text(), scoped, body, opening.line());
    }

    private List<Stmt> parsePrint() {
        next();
        List<Stmt> outputs = new ArrayList<>();
        while (!current().is(Kind.BLOCK_END)) {
            if (!outputs.isEmpty()) {
                expectOperator(",");
            }
            outputs.add(new Stmt.Output(parseExpression(true)));
        }
        return outputs;
    }

    private Stmt.Target parseAssignTarget(boolean withTuple, Set<String> extraEndNames) {
        Token start = current();
        Expr e = withTuple ? parseTuple(true, true, extraEndNames, false) : parsePrimary();
        return toTarget(e, start);
    }

    private Stmt.Target toTarget(Expr e, Token at) {
        return switch (e) {
            case Expr.Name n -> new Stmt.NameTarget(n.name());
            case Expr.TupleLiteral t -> {
                List<Stmt.Target> items = new ArrayList<>();
                for (Expr item : t.items()) {
                    items.add(toTarget(item, at));
                }
                yield new Stmt.TupleTarget(items);
            }
            case Expr.Const c -> throw fail(at, "can't assign to 'const'");
            default -> throw fail(at, "can't assign to '" + e.getClass().getSimpleName().toLowerCase() + "'");
        };
    }

    private String assignableName(Token t) {
        if (Set.of("true", "false", "none", "True", "False", "None").contains(t.text())) {
            throw fail(t, "can't assign to '" + t.text() + "'");
        }
        return t.text();
    }

    // ---- expressions

    private Expr parseExpression(boolean withConditional) {
        return withConditional ? parseConditional() : parseOr();
    }

    private Expr parseConditional() {
        enter();
        int line = current().line();
        Expr expr = parseOr();
        while (skipName("if")) {
            Expr test = parseOr();
            Expr otherwise = skipName("else") ? parseConditional() : null;
            expr = new Expr.Conditional(test, expr, otherwise, line);
        }
        leave();
        return expr;
    }

    private Expr parseOr() {
        Expr left = parseAnd();
        while (current().isName("or")) {
            int line = next().line();
            left = new Expr.Binary("or", left, parseAnd(), line);
        }
        return left;
    }

    private Expr parseAnd() {
        Expr left = parseNot();
        while (current().isName("and")) {
            int line = next().line();
            left = new Expr.Binary("and", left, parseNot(), line);
        }
        return left;
    }

    private Expr parseNot() {
        if (current().isName("not")) {
            int line = next().line();
            enter();
            Expr operand = parseNot();
            leave();
            return new Expr.Unary("not", operand, line);
        }
        return parseCompare();
    }

    private Expr parseCompare() {
        int line = current().line();
        Expr first = parseMath1();
        List<String> ops = new ArrayList<>();
        List<Expr> operands = new ArrayList<>();
        while (true) {
            Token t = current();
            if (t.is(Kind.OPERATOR) && COMPARE_OPS.contains(t.text())) {
                next();
                ops.add(t.text());
            } else if (t.isName("in")) {
                next();
                ops.add("in");
            } else if (t.isName("not") && peek().isName("in")) {
                next();
                next();
                ops.add("notin");
            } else {
                break;
            }
            operands.add(parseMath1());
        }
        return ops.isEmpty() ? first : new Expr.Compare(first, ops, operands, line);
    }

    private Expr parseMath1() {
        Expr left = parseConcat();
        while (current().isOperator("+") || current().isOperator("-")) {
            Token op = next();
            left = new Expr.Binary(op.text(), left, parseConcat(), op.line());
        }
        return left;
    }

    private Expr parseConcat() {
        int line = current().line();
        List<Expr> parts = new ArrayList<>();
        parts.add(parseMath2());
        while (skipOperator("~")) {
            parts.add(parseMath2());
        }
        return parts.size() == 1 ? parts.getFirst() : new Expr.Concat(parts, line);
    }

    private Expr parseMath2() {
        Expr left = parsePow();
        while (current().is(Kind.OPERATOR) && PRODUCT_OPS.contains(current().text())) {
            Token op = next();
            left = new Expr.Binary(op.text(), left, parsePow(), op.line());
        }
        return left;
    }

    private Expr parsePow() {
        Expr left = parseUnary(true);
        while (current().isOperator("**")) {
            Token op = next();
            left = new Expr.Binary("**", left, parseUnary(true), op.line());
        }
        return left;
    }

    private Expr parseUnary(boolean withFilter) {
        enter();
        Token t = current();
        Expr node;
        if (t.isOperator("-") || t.isOperator("+")) {
            next();
            node = new Expr.Unary(t.text(), parseUnary(false), t.line());
        } else {
            node = parsePrimary();
        }
        node = parsePostfix(node);
        if (withFilter) {
            node = parseFilterExpr(node);
        }
        leave();
        return node;
    }

    private Expr parsePrimary() {
        Token t = current();
        switch (t.kind()) {
            case NAME -> {
                next();
                return switch (t.text()) {
                    case "true", "True" -> new Expr.Const(true, t.line());
                    case "false", "False" -> new Expr.Const(false, t.line());
                    case "none", "None" -> new Expr.Const(null, t.line());
                    default -> {
                        for (Set<String> reads : macroReads) {
                            reads.add(t.text());
                        }
                        yield new Expr.Name(t.text(), t.line());
                    }
                };
            }
            case STRING -> {
                StringBuilder sb = new StringBuilder();
                while (current().is(Kind.STRING)) {
                    sb.append((String) next().value());
                }
                return new Expr.Const(sb.toString(), t.line());
            }
            case INTEGER, FLOAT -> {
                next();
                return new Expr.Const(t.value(), t.line());
            }
            default -> {
                if (t.isOperator("(")) {
                    next();
                    Expr e = parseTuple(false, true, Set.of(), true);
                    expectOperator(")");
                    return e;
                }
                if (t.isOperator("[")) {
                    return parseList();
                }
                if (t.isOperator("{")) {
                    return parseDict();
                }
                throw fail(t, "unexpected " + t.describe());
            }
        }
    }

    /**
     * A comma-separated expression list, a tuple when there is a comma. {@code simplified} parses primaries only
     * (assignment targets); extraEndNames are names that end the list (like {@code in} in a for target).
     */
    private Expr parseTuple(boolean simplified, boolean withConditional, Set<String> extraEndNames,
                            boolean explicitParentheses) {
        int line = current().line();
        List<Expr> items = new ArrayList<>();
        boolean isTuple = false;
        while (true) {
            if (!items.isEmpty()) {
                expectOperator(",");
            }
            if (isTupleEnd(extraEndNames)) {
                break;
            }
            items.add(simplified ? parsePrimary() : parseExpression(withConditional));
            if (current().isOperator(",")) {
                isTuple = true;
            } else {
                break;
            }
        }
        if (!isTuple) {
            if (!items.isEmpty()) {
                return items.getFirst();
            }
            if (!explicitParentheses) {
                throw fail(current(), "expected an expression, got " + current().describe());
            }
        }
        return new Expr.TupleLiteral(items, line);
    }

    private boolean isTupleEnd(Set<String> extraEndNames) {
        Token t = current();
        return t.is(Kind.VARIABLE_END) || t.is(Kind.BLOCK_END) || t.isOperator(")")
                || (t.is(Kind.NAME) && extraEndNames.contains(t.text()));
    }

    private Expr parseList() {
        int line = next().line();
        List<Expr> items = new ArrayList<>();
        while (!current().isOperator("]")) {
            if (!items.isEmpty()) {
                expectOperator(",");
            }
            if (current().isOperator("]")) {
                break;
            }
            items.add(parseExpression(true));
        }
        expectOperator("]");
        return new Expr.ListLiteral(items, line);
    }

    private Expr parseDict() {
        int line = next().line();
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (!current().isOperator("}")) {
            if (!keys.isEmpty()) {
                expectOperator(",");
            }
            if (current().isOperator("}")) {
                break;
            }
            keys.add(parseExpression(true));
            expectOperator(":");
            values.add(parseExpression(true));
        }
        expectOperator("}");
        return new Expr.DictLiteral(keys, values, line);
    }

    private Expr parsePostfix(Expr node) {
        while (true) {
            if (current().isOperator(".") || current().isOperator("[")) {
                node = parseSubscript(node);
            } else if (current().isOperator("(")) {
                int line = current().line();
                node = new Expr.Call(node, parseCallArgs(), line);
            } else {
                return node;
            }
        }
    }

    private Expr parseFilterExpr(Expr node) {
        while (true) {
            if (current().isOperator("|")) {
                for (Expr.FilterCall f : parseFilterChain(false)) {
                    node = new Expr.Filter(node, f);
                }
            } else if (current().isName("is")) {
                node = parseTest(node);
            } else if (current().isOperator("(")) {
                int line = current().line();
                node = new Expr.Call(node, parseCallArgs(), line);
            } else {
                return node;
            }
        }
    }

    private Expr parseSubscript(Expr node) {
        Token t = next();
        if (t.isOperator(".")) {
            Token attr = next();
            if (attr.is(Kind.NAME)) {
                return new Expr.GetAttr(node, attr.text(), attr.line());
            }
            if (attr.is(Kind.INTEGER)) {
                return new Expr.GetItem(node, new Expr.Const(attr.value(), attr.line()), attr.line());
            }
            throw fail(attr, "expected name or number");
        }
        List<Expr> args = new ArrayList<>();
        while (!current().isOperator("]")) {
            if (!args.isEmpty()) {
                expectOperator(",");
            }
            args.add(parseSubscribed());
        }
        expectOperator("]");
        Expr key = args.size() == 1 ? args.getFirst() : new Expr.TupleLiteral(args, t.line());
        return new Expr.GetItem(node, key, t.line());
    }

    private Expr parseSubscribed() {
        int line = current().line();
        List<Expr> parts = new ArrayList<>();
        if (current().isOperator(":")) {
            next();
            parts.add(null);
        } else {
            Expr e = parseExpression(true);
            if (!current().isOperator(":")) {
                return e;
            }
            next();
            parts.add(e);
        }
        if (current().isOperator(":")) {
            parts.add(null);
        } else if (!current().isOperator("]") && !current().isOperator(",")) {
            parts.add(parseExpression(true));
        } else {
            parts.add(null);
        }
        if (current().isOperator(":")) {
            next();
            parts.add(!current().isOperator("]") && !current().isOperator(",") ? parseExpression(true) : null);
        } else {
            parts.add(null);
        }
        return new Expr.Slice(parts.get(0), parts.get(1), parts.get(2), line);
    }

    private Expr.Args parseCallArgs() {
        Token open = current();
        expectOperator("(");
        List<Expr> positional = new ArrayList<>();
        List<Expr.Keyword> keywords = new ArrayList<>();
        Expr starArgs = null;
        Expr starKwargs = null;
        boolean requireComma = false;
        while (!current().isOperator(")")) {
            if (requireComma) {
                expectOperator(",");
                if (current().isOperator(")")) {
                    break;
                }
            }
            if (current().isOperator("*")) {
                ensure(starArgs == null && starKwargs == null, open);
                next();
                starArgs = parseExpression(true);
            } else if (current().isOperator("**")) {
                ensure(starKwargs == null, open);
                next();
                starKwargs = parseExpression(true);
            } else if (current().is(Kind.NAME) && peek().isOperator("=")) {
                ensure(starKwargs == null, open);
                String key = next().text();
                next();
                keywords.add(new Expr.Keyword(key, parseExpression(true)));
            } else {
                ensure(starArgs == null && starKwargs == null && keywords.isEmpty(), open);
                positional.add(parseExpression(true));
            }
            requireComma = true;
        }
        expectOperator(")");
        return new Expr.Args(positional, keywords, starArgs, starKwargs);
    }

    private static void ensure(boolean ok, Token at) {
        if (!ok) {
            throw fail(at, "invalid syntax for function call expression");
        }
    }

    /** {@code | f | g(x)}; with startInline the first filter has no leading pipe (filter blocks). */
    private List<Expr.FilterCall> parseFilterChain(boolean startInline) {
        List<Expr.FilterCall> filters = new ArrayList<>();
        while (current().isOperator("|") || startInline) {
            if (!startInline) {
                next();
            }
            startInline = false;
            Token t = expect(Kind.NAME, "filter name");
            String name = dottedName(t);
            String problem = Filters.problem(name);
            if (problem != null) {
                throw fail(t, problem);
            }
            Expr.Args args = current().isOperator("(") ? parseCallArgs() : Expr.Args.NONE;
            filters.add(new Expr.FilterCall(name, args, t.line()));
        }
        return filters;
    }

    private String dottedName(Token first) {
        StringBuilder name = new StringBuilder(first.text());
        while (skipOperator(".")) {
            name.append('.').append(expect(Kind.NAME, "name").text());
        }
        return name.toString();
    }

    private Expr parseTest(Expr node) {
        Token is = next();
        boolean negated = skipName("not");
        Token t = expect(Kind.NAME, "test name");
        String name = dottedName(t);
        if (!JinjaTests.exists(name)) {
            throw fail(t, "unknown test '" + name + "'");
        }
        Expr.Args args = Expr.Args.NONE;
        Token c = current();
        if (c.isOperator("(")) {
            args = parseCallArgs();
        } else if ((c.is(Kind.NAME) || c.is(Kind.STRING) || c.is(Kind.INTEGER) || c.is(Kind.FLOAT)
                || c.isOperator("[") || c.isOperator("{"))
                && !c.isName("else") && !c.isName("or") && !c.isName("and")) {
            if (c.isName("is")) {
                throw fail(c, "you cannot chain multiple tests with is");
            }
            args = new Expr.Args(List.of(parsePostfix(parsePrimary())), List.of(), null, null);
        }
        Expr test = new Expr.Test(node, name, args, is.line());
        return negated ? new Expr.Unary("not", test, is.line()) : test;
    }
}
