package dev.litebench.engine.template;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Python's binary and unary operators on template values, with Python's int/float rules and error messages. */
final class PyOps {
    /** Bound on the bits of an int result, so {@code 10 ** 10 ** 9} fails instead of exhausting memory. */
    private static final int MAX_INT_BITS = 1 << 16;

    private PyOps() {
    }

    static Object add(Object a, Object b) {
        if (PyValues.isNumber(a) && PyValues.isNumber(b)) {
            if (PyValues.isFloat(a) || PyValues.isFloat(b)) {
                return PyValues.doubleValue(a) + PyValues.doubleValue(b);
            }
            if (PyValues.fitsLong(a) && PyValues.fitsLong(b)) {
                long x = PyValues.longValue(a);
                long y = PyValues.longValue(b);
                long r = x + y;
                if (((x ^ r) & (y ^ r)) >= 0) {
                    return r;
                }
            }
            return PyValues.normalize(PyValues.bigInt(a).add(PyValues.bigInt(b)));
        }
        if (a instanceof String x && b instanceof String y) {
            Limits.checkLength((long) x.length() + y.length());
            return x + y;
        }
        if (a instanceof PyTuple x && b instanceof PyTuple y) {
            return new PyTuple(concat(x.items(), y.items()));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            return concat(x, y);
        }
        throw unsupported("+", a, b);
    }

    private static List<Object> concat(List<?> x, List<?> y) {
        Limits.checkLength((long) x.size() + y.size());
        List<Object> out = new ArrayList<>(x.size() + y.size());
        out.addAll(x);
        out.addAll(y);
        return out;
    }

    static Object sub(Object a, Object b) {
        requireNumbers("-", a, b);
        if (PyValues.isFloat(a) || PyValues.isFloat(b)) {
            return PyValues.doubleValue(a) - PyValues.doubleValue(b);
        }
        if (PyValues.fitsLong(a) && PyValues.fitsLong(b)) {
            long x = PyValues.longValue(a);
            long y = PyValues.longValue(b);
            long r = x - y;
            if (((x ^ y) & (x ^ r)) >= 0) {
                return r;
            }
        }
        return PyValues.normalize(PyValues.bigInt(a).subtract(PyValues.bigInt(b)));
    }

    static Object mul(Object a, Object b) {
        if (PyValues.isNumber(a) && PyValues.isNumber(b)) {
            if (PyValues.isFloat(a) || PyValues.isFloat(b)) {
                return PyValues.doubleValue(a) * PyValues.doubleValue(b);
            }
            if (PyValues.fitsLong(a) && PyValues.fitsLong(b)) {
                long x = PyValues.longValue(a);
                long y = PyValues.longValue(b);
                long hi = Math.multiplyHigh(x, y);
                long lo = x * y;
                if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
                    return lo;
                }
            }
            return PyValues.normalize(PyValues.bigInt(a).multiply(PyValues.bigInt(b)));
        }
        if (isSequence(a) && isIntLike(b)) {
            return repeat(a, b);
        }
        if (isSequence(b) && isIntLike(a)) {
            return repeat(b, a);
        }
        throw unsupported("*", a, b);
    }

    private static boolean isSequence(Object v) {
        return v instanceof String || v instanceof List || v instanceof PyTuple;
    }

    private static boolean isIntLike(Object v) {
        return PyValues.isInt(v) || v instanceof Boolean;
    }

    private static Object repeat(Object seq, Object times) {
        BigInteger t = PyValues.bigInt(times);
        long n = t.signum() <= 0 ? 0 : t.bitLength() > 31 ? Integer.MAX_VALUE : t.longValue();
        if (seq instanceof String s) {
            Limits.checkLength(n * s.length());
            return s.repeat((int) n);
        }
        List<?> items = seq instanceof PyTuple p ? p.items() : (List<?>) seq;
        Limits.checkLength(n * items.size());
        List<Object> out = new ArrayList<>((int) (n * items.size()));
        for (long i = 0; i < n; i++) {
            out.addAll(items);
        }
        return seq instanceof PyTuple ? new PyTuple(out) : out;
    }

    static Object truediv(Object a, Object b) {
        requireNumbers("/", a, b);
        double y = PyValues.doubleValue(b);
        if (y == 0) {
            throw new PyException("division by zero");
        }
        return PyValues.doubleValue(a) / y;
    }

    static Object floordiv(Object a, Object b) {
        requireNumbers("//", a, b);
        if (PyValues.isFloat(a) || PyValues.isFloat(b)) {
            double x = PyValues.doubleValue(a);
            double y = PyValues.doubleValue(b);
            if (y == 0) {
                throw new PyException("float floor division by zero");
            }
            return floatDivmod(x, y)[0];
        }
        if (PyValues.bigInt(b).signum() == 0) {
            throw new PyException("integer division or modulo by zero");
        }
        if (PyValues.fitsLong(a) && PyValues.fitsLong(b)
                && !(PyValues.longValue(a) == Long.MIN_VALUE && PyValues.longValue(b) == -1)) {
            return Math.floorDiv(PyValues.longValue(a), PyValues.longValue(b));
        }
        BigInteger[] qr = PyValues.bigInt(a).divideAndRemainder(PyValues.bigInt(b));
        BigInteger q = qr[0];
        if (qr[1].signum() != 0 && qr[1].signum() != PyValues.bigInt(b).signum()) {
            q = q.subtract(BigInteger.ONE);
        }
        return PyValues.normalize(q);
    }

    static Object mod(Object a, Object b) {
        if (a instanceof String format) {
            return PyFormat.percent(format, b);
        }
        requireNumbers("%", a, b);
        if (PyValues.isFloat(a) || PyValues.isFloat(b)) {
            double x = PyValues.doubleValue(a);
            double y = PyValues.doubleValue(b);
            if (y == 0) {
                throw new PyException("float modulo");
            }
            return floatDivmod(x, y)[1];
        }
        if (PyValues.bigInt(b).signum() == 0) {
            throw new PyException("integer division or modulo by zero");
        }
        if (PyValues.fitsLong(a) && PyValues.fitsLong(b)) {
            return Math.floorMod(PyValues.longValue(a), PyValues.longValue(b));
        }
        BigInteger m = PyValues.bigInt(b);
        BigInteger r = PyValues.bigInt(a).mod(m.abs());
        if (m.signum() < 0 && r.signum() != 0) {
            r = r.add(m);
        }
        return PyValues.normalize(r);
    }

    /** CPython's float_divmod: floor quotient and modulo with the sign of the divisor. */
    private static double[] floatDivmod(double vx, double wx) {
        double mod = vx % wx;
        double div = (vx - mod) / wx;
        if (mod != 0) {
            if ((wx < 0) != (mod < 0)) {
                mod += wx;
                div -= 1.0;
            }
        } else {
            mod = Math.copySign(0.0, wx);
        }
        double floordiv;
        if (div != 0) {
            floordiv = Math.floor(div);
            if (div - floordiv > 0.5) {
                floordiv += 1.0;
            }
        } else {
            floordiv = Math.copySign(0.0, vx / wx);
        }
        return new double[] {floordiv, mod};
    }

    static Object pow(Object a, Object b) {
        requireNumbers("**", a, b);
        if (!PyValues.isFloat(a) && !PyValues.isFloat(b)) {
            BigInteger base = PyValues.bigInt(a);
            BigInteger exp = PyValues.bigInt(b);
            if (exp.signum() >= 0) {
                if (base.abs().compareTo(BigInteger.ONE) <= 0) { // 0, 1 and -1 stay small for any exponent
                    if (base.signum() == 0) {
                        return exp.signum() == 0 ? 1L : 0L;
                    }
                    return base.signum() > 0 || !exp.testBit(0) ? 1L : -1L;
                }
                if (exp.bitLength() > 31 || (long) base.bitLength() * exp.intValue() > MAX_INT_BITS) {
                    throw new PyException("integer result of ** is too large");
                }
                return PyValues.normalize(base.pow(exp.intValue()));
            }
            if (base.signum() == 0) {
                throw new PyException("0.0 cannot be raised to a negative power");
            }
        }
        double x = PyValues.doubleValue(a);
        double y = PyValues.doubleValue(b);
        if (x == 0 && y < 0) {
            throw new PyException("0.0 cannot be raised to a negative power");
        }
        if (x < 0 && y != Math.rint(y) && !Double.isInfinite(y)) {
            throw new PyException("a negative number raised to a fractional power has a complex result");
        }
        double r = Math.pow(x, y);
        if (Double.isInfinite(r) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
            throw new PyException("(34, 'Numerical result out of range')");
        }
        return r;
    }

    static Object neg(Object a) {
        if (!PyValues.isNumber(a)) {
            throw badOperand("-", a);
        }
        if (PyValues.isFloat(a)) {
            return -PyValues.doubleValue(a);
        }
        if (PyValues.fitsLong(a) && PyValues.longValue(a) != Long.MIN_VALUE) {
            return -PyValues.longValue(a);
        }
        return PyValues.normalize(PyValues.bigInt(a).negate());
    }

    static Object pos(Object a) {
        if (!PyValues.isNumber(a)) {
            throw badOperand("+", a);
        }
        return a instanceof Boolean b ? (Object) (b ? 1L : 0L) : a;
    }

    /** Python {@code item in container}. */
    static boolean contains(Object container, Object item) {
        switch (container) {
            case String s -> {
                if (!(item instanceof String sub)) {
                    throw new PyException("'in <string>' requires string as left operand, not " + PyValues.typeName(item));
                }
                return s.contains(sub);
            }
            case Map<?, ?> m -> {
                return Members.dictGet(m, item, MISSING) != MISSING;
            }
            case Undefined u -> {
                return false;
            }
            case null, default -> {
                if (!PyValues.isIterable(container)) {
                    throw new PyException("argument of type '" + PyValues.typeName(container) + "' is not iterable");
                }
                var it = PyValues.iterate(container);
                while (it.hasNext()) {
                    if (PyValues.eq(it.next(), item)) {
                        return true;
                    }
                }
                return false;
            }
        }
    }

    private static final Object MISSING = new Object();

    /** Python's ordering operators; NaN compares false to everything. */
    static boolean compare(String op, Object a, Object b) {
        if (PyValues.isNumber(a) && PyValues.isNumber(b)
                && PyValues.compareNumbers(a, b) == PyValues.NAN_ORDER) {
            return false;
        }
        int c = PyValues.compare(a, b, op);
        return switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> throw new IllegalArgumentException(op);
        };
    }

    private static void requireNumbers(String op, Object a, Object b) {
        if (!PyValues.isNumber(a) || !PyValues.isNumber(b)) {
            throw unsupported(op, a, b);
        }
    }

    private static PyException unsupported(String op, Object a, Object b) {
        if (a instanceof Undefined u) {
            return u.error();
        }
        if (b instanceof Undefined u) {
            return u.error();
        }
        if (op.equals("+") && a instanceof String) {
            return new PyException("can only concatenate str (not \"" + PyValues.typeName(b) + "\") to str");
        }
        if (op.equals("+") && a instanceof List) {
            return new PyException("can only concatenate list (not \"" + PyValues.typeName(b) + "\") to list");
        }
        if (op.equals("*") && (isSequence(a) || isSequence(b))) {
            Object other = isSequence(a) ? b : a;
            return new PyException("can't multiply sequence by non-int of type '" + PyValues.typeName(other) + "'");
        }
        return new PyException("unsupported operand type(s) for " + op + ": '" + PyValues.typeName(a) + "' and '"
                + PyValues.typeName(b) + "'");
    }

    private static PyException badOperand(String op, Object a) {
        if (a instanceof Undefined u) {
            return u.error();
        }
        return new PyException("bad operand type for unary " + op + ": '" + PyValues.typeName(a) + "'");
    }
}
