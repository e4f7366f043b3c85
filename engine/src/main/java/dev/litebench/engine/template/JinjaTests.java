package dev.litebench.engine.template;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** jinja2's builtin tests ({@code x is defined}, {@code x is divisibleby 3}, ...). */
final class JinjaTests {
    @FunctionalInterface
    private interface Test {
        boolean test(Object value, Object[] args);
    }

    private record Entry(Signature signature, Test test) {
    }

    private static final Map<String, Entry> TESTS = new HashMap<>();

    static {
        unary("defined", v -> !(v instanceof Undefined));
        unary("undefined", v -> v instanceof Undefined);
        unary("none", v -> v == null);
        unary("boolean", v -> v instanceof Boolean);
        unary("false", v -> Boolean.FALSE.equals(v));
        unary("true", v -> Boolean.TRUE.equals(v));
        unary("integer", PyValues::isInt);
        unary("float", PyValues::isFloat);
        unary("number", PyValues::isNumber);
        unary("string", v -> v instanceof String);
        unary("mapping", v -> v instanceof Map);
        unary("iterable", PyValues::isIterable);
        unary("sequence", PyValues::hasLength);
        unary("callable", v -> v instanceof PyCallable || v instanceof Undefined);
        unary("escaped", v -> false);
        unary("lower", v -> StrMethods.isLower(PyValues.str(v)));
        unary("upper", v -> StrMethods.isUpper(PyValues.str(v)));
        unary("odd", v -> isRemainder(v, 2, 1));
        unary("even", v -> isRemainder(v, 2, 0));
        unary("filter", v -> v instanceof String s && Filters.problem(s) == null);
        unary("test", v -> v instanceof String s && exists(s));
        binary("divisibleby", "num", (v, num) -> PyValues.eq(PyOps.mod(v, num), 0L));
        binary("sameas", "other", JinjaTests::sameAs);
        binary("in", "seq", (v, seq) -> PyOps.contains(seq, v));
        for (String name : List.of("==", "eq", "equalto")) {
            binary(name, "other", PyValues::eq);
        }
        for (String name : List.of("!=", "ne")) {
            binary(name, "other", (a, b) -> !PyValues.eq(a, b));
        }
        compare(">", "gt", "greaterthan");
        compare(">=", "ge");
        compare("<", "lt", "lessthan");
        compare("<=", "le");
    }

    private JinjaTests() {
    }

    private static void unary(String name, java.util.function.Predicate<Object> p) {
        TESTS.put(name, new Entry(Signature.of(name + "()"), (v, args) -> p.test(v)));
    }

    private static void binary(String name, String param, java.util.function.BiPredicate<Object, Object> p) {
        TESTS.put(name, new Entry(Signature.of(name + "()", param, Signature.REQUIRED),
                (v, args) -> p.test(v, args[0])));
    }

    private static void compare(String op, String... aliases) {
        binary(op, "other", (a, b) -> PyOps.compare(op, a, b));
        for (String alias : aliases) {
            binary(alias, "other", (a, b) -> PyOps.compare(op, a, b));
        }
    }

    static boolean exists(String name) {
        return TESTS.containsKey(name);
    }

    static boolean apply(String name, Object value, List<Object> args, Map<String, Object> kwargs) {
        Entry entry = TESTS.get(name);
        if (entry == null) {
            throw new PyException("No test named '" + name + "'.");
        }
        return entry.test().test(value, entry.signature().bind(args, kwargs));
    }

    private static boolean isRemainder(Object v, long divisor, long remainder) {
        return PyValues.eq(PyOps.mod(v, divisor), remainder);
    }

    /** Python's {@code is}: None, booleans and small ints are singletons; other values compare by identity. */
    private static boolean sameAs(Object a, Object b) {
        if (a == null || b == null || a instanceof Boolean || b instanceof Boolean) {
            return a == b || (a != null && a.equals(b));
        }
        if (PyValues.isInt(a) && PyValues.isInt(b) && !(a instanceof BigInteger) && !(b instanceof BigInteger)) {
            long x = PyValues.longValue(a);
            return x == PyValues.longValue(b) && x >= -5 && x <= 256;
        }
        return a == b;
    }
}
