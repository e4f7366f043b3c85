package dev.litebench.engine.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Python string formatting: {@code fmt % args} (printf style, also the {@code format} filter), {@code fmt.format()}
 * and the format-spec mini-language of {@code format(value, spec)}. Floats are rounded from their exact binary
 * value, half to even, as CPython does.
 */
final class PyFormat {
    private PyFormat() {
    }

    // ---- printf style

    /** {@code fmt % operand}; a tuple operand supplies several arguments, a dict supplies {@code %(name)s}. */
    static String percent(String fmt, Object operand) {
        List<Object> args = operand instanceof PyTuple t ? t.items() : List.of(operand == null ? NONE : operand);
        boolean single = !(operand instanceof PyTuple);
        // like CPython: any mapping-like right operand (dict, list) may leave arguments unconverted
        Object mapping = operand instanceof Map || operand instanceof List ? operand : null;
        int next = 0;
        boolean singleUsed = false;
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < fmt.length()) {
            char c = fmt.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i >= fmt.length()) {
                throw new PyException("incomplete format");
            }
            Object value = MISSING;
            if (fmt.charAt(i) == '(') {
                int depth = 1;
                int start = ++i;
                while (i < fmt.length() && depth > 0) {
                    char k = fmt.charAt(i++);
                    depth += k == '(' ? 1 : k == ')' ? -1 : 0;
                }
                if (depth > 0) {
                    throw new PyException("incomplete format key");
                }
                if (!(mapping instanceof Map<?, ?> m)) {
                    throw new PyException("format requires a mapping");
                }
                String key = fmt.substring(start, i - 1);
                value = Members.dictGet(m, key, MISSING);
                if (value == MISSING) {
                    throw new PyException(PyValues.repr(key));
                }
            }
            Spec spec = new Spec();
            while (i < fmt.length() && "-+ #0".indexOf(fmt.charAt(i)) >= 0) {
                switch (fmt.charAt(i++)) {
                    case '-' -> spec.align = '<';
                    case '+' -> spec.sign = '+';
                    case ' ' -> spec.sign = spec.sign == '+' ? '+' : ' ';
                    case '#' -> spec.alternate = true;
                    default -> spec.zero = true;
                }
            }
            if (i < fmt.length() && fmt.charAt(i) == '*') {
                i++;
                Object w = single ? singleArg(args, singleUsed) : nextArg(args, next++);
                singleUsed |= single;
                spec.width = (int) starInt(w);
                if (spec.width < 0) {
                    spec.align = '<';
                    spec.width = -spec.width;
                }
            } else {
                int start = i;
                while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                    i++;
                }
                spec.width = start == i ? -1 : parseCount(fmt.substring(start, i));
            }
            if (i < fmt.length() && fmt.charAt(i) == '.') {
                i++;
                if (i < fmt.length() && fmt.charAt(i) == '*') {
                    i++;
                    Object p = single ? singleArg(args, singleUsed) : nextArg(args, next++);
                    singleUsed |= single;
                    spec.precision = (int) Math.max(0, starInt(p));
                } else {
                    int start = i;
                    while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                        i++;
                    }
                    spec.precision = start == i ? 0 : parseCount(fmt.substring(start, i));
                }
            }
            while (i < fmt.length() && "hlL".indexOf(fmt.charAt(i)) >= 0) {
                i++;
            }
            if (i >= fmt.length()) {
                throw new PyException("incomplete format");
            }
            char type = fmt.charAt(i++);
            if (type == '%') {
                out.append('%');
                continue;
            }
            if (value == MISSING) {
                if (single) {
                    value = singleArg(args, singleUsed);
                    singleUsed = true;
                } else {
                    value = nextArg(args, next++);
                }
            }
            if (value == NONE) {
                value = null;
            }
            out.append(percentOne(value, type, spec, i - 1));
            Limits.checkLength(out.length());
        }
        boolean leftover = single ? !singleUsed : next < args.size();
        if (leftover && mapping == null) {
            throw new PyException("not all arguments converted during string formatting");
        }
        return out.toString();
    }

    private static final Object MISSING = new Object();
    /** Stands for a None operand in the immutable argument list. */
    private static final Object NONE = new Object();

    private static Object singleArg(List<Object> args, boolean used) {
        if (used) {
            throw new PyException("not enough arguments for format string");
        }
        return args.getFirst();
    }

    private static Object nextArg(List<Object> args, int index) {
        if (index >= args.size()) {
            throw new PyException("not enough arguments for format string");
        }
        return args.get(index);
    }

    private static long starInt(Object v) {
        if (!(PyValues.isInt(v) || v instanceof Boolean)) {
            throw new PyException("* wants int");
        }
        return PyValues.longValue(v);
    }

    private static int parseCount(String digits) {
        if (digits.length() > 9) {
            throw new PyException("width too big");
        }
        int n = Integer.parseInt(digits);
        Limits.checkLength(n);
        return n;
    }

    private static String percentOne(Object value, char type, Spec spec, int index) {
        switch (type) {
            case 's', 'r', 'a' -> {
                String s = type == 's' ? PyValues.str(value) : type == 'r' ? PyValues.repr(value) : PyValues.ascii(value);
                if (spec.precision >= 0 && spec.precision < PyStr.length(s)) {
                    s = PyStr.substring(s, 0, spec.precision);
                }
                return pad("", "", s, spec.width, spec.align == '<' ? '<' : '>', " ");
            }
            case 'c' -> {
                String s;
                if (value instanceof String str && PyStr.length(str) == 1) {
                    s = str;
                } else if (PyValues.isInt(value) || value instanceof Boolean) {
                    s = chr(PyValues.bigInt(value));
                } else {
                    throw new PyException("%c requires an int or a unicode character, not " + PyValues.typeName(value));
                }
                return pad("", "", s, spec.width, spec.align == '<' ? '<' : '>', " ");
            }
            case 'd', 'i', 'u', 'o', 'x', 'X' -> {
                BigInteger v;
                if (PyValues.isInt(value) || value instanceof Boolean) {
                    v = PyValues.bigInt(value);
                } else if (PyValues.isFloat(value) && (type == 'd' || type == 'i' || type == 'u')) {
                    double d = PyValues.doubleValue(value);
                    if (!Double.isFinite(d)) {
                        throw new PyException(Double.isNaN(d) ? "cannot convert float NaN to integer"
                                : "cannot convert float infinity to integer");
                    }
                    v = new BigDecimal(d).toBigInteger();
                } else if (type == 'd' || type == 'i' || type == 'u') {
                    throw new PyException("%" + type + " format: a real number is required, not "
                            + PyValues.typeName(value));
                } else {
                    throw new PyException("%" + type + " format: an integer is required, not "
                            + PyValues.typeName(value));
                }
                int radix = type == 'o' ? 8 : type == 'x' || type == 'X' ? 16 : 10;
                String digits = v.abs().toString(radix);
                if (type == 'X') {
                    digits = digits.toUpperCase(Locale.ROOT);
                }
                if (spec.precision > digits.length()) {
                    digits = "0".repeat(spec.precision - digits.length()) + digits;
                }
                String prefix = spec.alternate && radix != 10 ? "0" + type : "";
                return assemble(sign(v.signum() < 0, spec.sign), prefix, digits, spec);
            }
            case 'e', 'E', 'f', 'F', 'g', 'G' -> {
                if (!PyValues.isNumber(value)) {
                    throw new PyException("must be real number, not " + PyValues.typeName(value));
                }
                double d = floatOf(value);
                int precision = spec.precision < 0 ? 6 : spec.precision;
                String body = floatBody(Math.abs(d), Character.toLowerCase(type), precision, spec.alternate, false);
                if (Character.isUpperCase(type)) {
                    body = body.toUpperCase(Locale.ROOT);
                }
                return assemble(sign(isNegative(d), spec.sign), "", body, spec);
            }
            default -> throw new PyException("unsupported format character " + PyValues.repr(String.valueOf(type))
                    + " (0x" + Integer.toHexString(type) + ") at index " + index);
        }
    }

    /** printf padding: '-' left-aligns with spaces, '0' pads with zeros after the sign, else right-aligns. */
    private static String assemble(String sign, String prefix, String body, Spec spec) {
        if (spec.align == '<') {
            return pad(sign, prefix, body, spec.width, '<', " ");
        }
        return pad(sign, prefix, body, spec.width, spec.zero ? '=' : '>', spec.zero ? "0" : " ");
    }

    // ---- str.format

    static String format(String fmt, List<Object> args, Map<String, Object> kwargs) {
        return new Formatter(args, kwargs).format(fmt, 2);
    }

    private static final class Formatter {
        private final List<Object> args;
        private final Map<String, Object> kwargs;
        private int autoIndex;
        private boolean manual;

        Formatter(List<Object> args, Map<String, Object> kwargs) {
            this.args = args;
            this.kwargs = kwargs;
        }

        String format(String fmt, int recursionLeft) {
            if (recursionLeft < 0) {
                throw new PyException("Max string recursion exceeded");
            }
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < fmt.length()) {
                char c = fmt.charAt(i);
                if (c == '}') {
                    if (i + 1 < fmt.length() && fmt.charAt(i + 1) == '}') {
                        out.append('}');
                        i += 2;
                        continue;
                    }
                    throw new PyException("Single '}' encountered in format string");
                }
                if (c != '{') {
                    out.append(c);
                    i++;
                    continue;
                }
                if (i + 1 < fmt.length() && fmt.charAt(i + 1) == '{') {
                    out.append('{');
                    i += 2;
                    continue;
                }
                int depth = 1;
                int j = i + 1;
                while (j < fmt.length()) {
                    char k = fmt.charAt(j);
                    if (k == '{') {
                        depth++;
                    } else if (k == '}' && --depth == 0) {
                        break;
                    }
                    j++;
                }
                if (depth > 0) {
                    throw new PyException(j >= fmt.length() && fmt.indexOf('}', i) < 0
                            ? "expected '}' before end of string" : "unmatched '{' in format spec");
                }
                out.append(field(fmt.substring(i + 1, j), recursionLeft));
                Limits.checkLength(out.length());
                i = j + 1;
            }
            return out.toString();
        }

        private String field(String field, int recursionLeft) {
            int end = 0;
            int brackets = 0;
            while (end < field.length()) {
                char c = field.charAt(end);
                if (c == '[') {
                    brackets++;
                } else if (c == ']') {
                    brackets--;
                } else if (brackets == 0 && (c == '!' || c == ':')) {
                    break;
                }
                end++;
            }
            Object value = resolve(field.substring(0, end));
            String spec = "";
            if (end < field.length() && field.charAt(end) == '!') {
                if (end + 1 >= field.length()) {
                    throw new PyException("end of string while looking for conversion specifier");
                }
                char conversion = field.charAt(end + 1);
                value = switch (conversion) {
                    case 's' -> PyValues.str(value);
                    case 'r' -> PyValues.repr(value);
                    case 'a' -> PyValues.ascii(value);
                    default -> throw new PyException("Unknown conversion specifier " + conversion);
                };
                end += 2;
                if (end < field.length() && field.charAt(end) != ':') {
                    throw new PyException("expected ':' after conversion specifier");
                }
            }
            if (end < field.length()) {
                spec = format(field.substring(end + 1), recursionLeft - 1);
            }
            return formatValue(value, spec);
        }

        private Object resolve(String name) {
            int end = 0;
            while (end < name.length() && name.charAt(end) != '.' && name.charAt(end) != '[') {
                end++;
            }
            String first = name.substring(0, end);
            Object value;
            if (first.isEmpty()) {
                if (manual) {
                    throw new PyException("cannot switch from manual field specification to automatic field numbering");
                }
                value = positional(autoIndex++);
            } else if (first.chars().allMatch(Character::isDigit)) {
                if (autoIndex > 0) {
                    throw new PyException("cannot switch from automatic field numbering to manual field specification");
                }
                manual = true;
                value = positional(Integer.parseInt(first));
            } else {
                if (!kwargs.containsKey(first)) {
                    throw new PyException(PyValues.repr(first));
                }
                value = kwargs.get(first);
            }
            int i = end;
            while (i < name.length()) {
                if (name.charAt(i) == '.') {
                    int j = i + 1;
                    while (j < name.length() && name.charAt(j) != '.' && name.charAt(j) != '[') {
                        j++;
                    }
                    if (j == i + 1) {
                        throw new PyException("Empty attribute in format string");
                    }
                    value = Members.getAttr(value, name.substring(i + 1, j));
                    i = j;
                } else {
                    int j = name.indexOf(']', i);
                    if (j < 0) {
                        throw new PyException("Missing ']' in format string");
                    }
                    String key = name.substring(i + 1, j);
                    value = Members.getItem(value, !key.isEmpty() && key.chars().allMatch(Character::isDigit)
                            ? (Object) Long.parseLong(key) : key);
                    i = j + 1;
                    if (i < name.length() && name.charAt(i) != '.' && name.charAt(i) != '[') {
                        throw new PyException("Only '.' or '[' may follow ']' in format field specifier");
                    }
                }
            }
            return value;
        }

        private Object positional(int index) {
            if (index >= args.size()) {
                throw new PyException("Replacement index " + index + " out of range for positional args tuple");
            }
            return args.get(index);
        }
    }

    // ---- format(value, spec)

    /** Parsed format spec; -1 means absent for width and precision, 0 for absent characters. */
    private static final class Spec {
        String fill;
        char align;
        char sign;
        boolean alternate;
        boolean zero;
        boolean negativeZeroToPositive;
        int width = -1;
        char grouping;
        int precision = -1;
        char type;
    }

    private static Spec parseSpec(String spec) {
        Spec s = new Spec();
        int[] cps = spec.codePoints().toArray();
        int i = 0;
        if (cps.length >= 2 && "<>=^".indexOf(cps[1]) >= 0) {
            s.fill = Character.toString(cps[0]);
            s.align = (char) cps[1];
            i = 2;
        } else if (cps.length >= 1 && "<>=^".indexOf(cps[0]) >= 0) {
            s.align = (char) cps[0];
            i = 1;
        }
        if (i < cps.length && "+- ".indexOf(cps[i]) >= 0) {
            s.sign = (char) cps[i++];
        }
        if (i < cps.length && cps[i] == 'z') {
            s.negativeZeroToPositive = true;
            i++;
        }
        if (i < cps.length && cps[i] == '#') {
            s.alternate = true;
            i++;
        }
        if (s.fill == null && i < cps.length && cps[i] == '0') {
            s.zero = true;
            s.fill = "0";
            i++;
        }
        int start = i;
        while (i < cps.length && cps[i] >= '0' && cps[i] <= '9') {
            i++;
        }
        if (i > start) {
            s.width = parseCount(new String(cps, start, i - start));
        }
        if (i < cps.length && (cps[i] == ',' || cps[i] == '_')) {
            s.grouping = (char) cps[i++];
        }
        if (i < cps.length && cps[i] == '.') {
            start = ++i;
            while (i < cps.length && cps[i] >= '0' && cps[i] <= '9') {
                i++;
            }
            if (i == start) {
                throw new PyException("Format specifier missing precision");
            }
            s.precision = parseCount(new String(cps, start, i - start));
        }
        if (i < cps.length) {
            s.type = (char) cps[i++];
        }
        if (i < cps.length) {
            throw new PyException("Invalid format specifier '" + spec + "'");
        }
        return s;
    }

    /** Python's {@code format(value, spec)}. */
    static String formatValue(Object value, String specText) {
        if (specText.isEmpty()) {
            return PyValues.str(value);
        }
        if (!(value instanceof String) && !PyValues.isNumber(value)) {
            throw new PyException("unsupported format string passed to " + PyValues.typeName(value) + ".__format__");
        }
        Spec spec = parseSpec(specText);
        String fill = spec.fill == null ? " " : spec.fill;
        if (value instanceof String s) {
            if (spec.type != 0 && spec.type != 's') {
                throw unknownCode(spec.type, value);
            }
            if (spec.sign != 0) {
                throw new PyException("Sign not allowed in string format specifier");
            }
            if (spec.alternate) {
                throw new PyException("Alternate form (#) not allowed in string format specifier");
            }
            if (spec.grouping != 0) {
                throw new PyException("Cannot specify '" + spec.grouping + "' with 's'.");
            }
            if (spec.align == '=') {
                throw new PyException("'=' alignment not allowed in string format specifier");
            }
            if (spec.precision >= 0 && spec.precision < PyStr.length(s)) {
                s = PyStr.substring(s, 0, spec.precision);
            }
            return pad("", "", s, spec.width, spec.align == 0 ? '<' : spec.align, fill);
        }
        char align = spec.align != 0 ? spec.align : spec.zero ? '=' : '>';
        if (!PyValues.isFloat(value) && "bcdoxXn".indexOf(spec.type) >= 0) {
            return formatInt(PyValues.bigInt(value), spec, align, fill, value);
        }
        if (!PyValues.isFloat(value) && spec.type == 0) {
            return formatInt(PyValues.bigInt(value), spec, align, fill, value);
        }
        if ("eEfFgGn%".indexOf(spec.type) < 0 && spec.type != 0) {
            throw unknownCode(spec.type, value);
        }
        double d = floatOf(value);
        boolean percent = spec.type == '%';
        char type = switch (spec.type) {
            case 'n' -> 'g';
            case '%' -> 'f';
            default -> Character.toLowerCase(spec.type);
        };
        double abs = Math.abs(percent ? d * 100 : d);
        String body;
        if (spec.type == 0 && spec.precision < 0) {
            body = PyValues.floatRepr(abs);
        } else {
            int precision = spec.precision < 0 ? 6 : spec.precision;
            body = floatBody(abs, type == 0 ? 'g' : type, precision, spec.alternate, spec.type == 0);
        }
        if (Character.isUpperCase(spec.type)) {
            body = body.toUpperCase(Locale.ROOT);
        }
        if (percent) {
            body += "%";
        }
        boolean negative = isNegative(d);
        if (negative && spec.negativeZeroToPositive && body.chars().noneMatch(c -> c >= '1' && c <= '9')) {
            negative = false;
        }
        if (spec.grouping != 0 && Double.isFinite(d)) {
            int end = 0;
            while (end < body.length() && Character.isDigit(body.charAt(end))) {
                end++;
            }
            return padGrouped(sign(negative, spec.sign), "", body.substring(0, end), body.substring(end), 3,
                    spec, align, fill);
        }
        return pad(sign(negative, spec.sign), "", body, spec.width, align, fill);
    }

    private static String formatInt(BigInteger v, Spec spec, char align, String fill, Object original) {
        if (spec.precision >= 0) {
            throw new PyException("Precision not allowed in integer format specifier");
        }
        if (spec.type == 'c') {
            if (spec.sign != 0) {
                throw new PyException("Sign not allowed with integer format specifier 'c'");
            }
            return pad("", "", chr(v), spec.width, align, fill);
        }
        int radix = switch (spec.type) {
            case 'b' -> 2;
            case 'o' -> 8;
            case 'x', 'X' -> 16;
            default -> 10;
        };
        if (spec.grouping == ',' && radix != 10) {
            throw new PyException("Cannot specify ',' with '" + spec.type + "'.");
        }
        String digits = v.abs().toString(radix);
        if (spec.type == 'X') {
            digits = digits.toUpperCase(Locale.ROOT);
        }
        String prefix = spec.alternate && radix != 10 ? "0" + spec.type : "";
        String sign = sign(v.signum() < 0, spec.sign);
        if (spec.grouping != 0) {
            return padGrouped(sign, prefix, digits, "", radix == 10 ? 3 : 4, spec, align, fill);
        }
        return pad(sign, prefix, digits, spec.width, align, fill);
    }

    private static PyException unknownCode(char type, Object value) {
        return new PyException("Unknown format code '" + type + "' for object of type '" + PyValues.typeName(value)
                + "'");
    }

    /** Digits with a thousands (or, for binary/octal/hex, four-digit) separator; zero padding is grouped too. */
    private static String padGrouped(String sign, String prefix, String intDigits, String rest, int groupSize,
                                      Spec spec, char align, String fill) {
        String sep = String.valueOf(spec.grouping);
        if (align == '=' && fill.equals("0") && spec.width > 0) {
            String digits = intDigits;
            String grouped = group(digits, groupSize, sep);
            while (sign.length() + prefix.length() + grouped.length() + rest.length() < spec.width) {
                digits = "0" + digits;
                grouped = group(digits, groupSize, sep);
            }
            return sign + prefix + grouped + rest;
        }
        return pad(sign, prefix, group(intDigits, groupSize, sep) + rest, spec.width, align, fill);
    }

    private static String group(String digits, int size, String sep) {
        StringBuilder sb = new StringBuilder();
        int first = digits.length() % size == 0 ? size : digits.length() % size;
        sb.append(digits, 0, Math.min(first, digits.length()));
        for (int i = first; i < digits.length(); i += size) {
            sb.append(sep).append(digits, i, i + size);
        }
        return sb.toString();
    }

    private static String pad(String sign, String prefix, String body, int width, char align, String fill) {
        int length = sign.length() + prefix.length() + PyStr.length(body);
        if (width <= length) {
            return sign + prefix + body;
        }
        String padding = fill.repeat(width - length);
        return switch (align) {
            case '<' -> sign + prefix + body + padding;
            case '=' -> sign + prefix + padding + body;
            case '^' -> {
                int left = (width - length) / 2;
                yield fill.repeat(left) + sign + prefix + body + fill.repeat(width - length - left);
            }
            default -> padding + sign + prefix + body;
        };
    }

    private static String sign(boolean negative, char signFlag) {
        if (negative) {
            return "-";
        }
        return signFlag == '+' ? "+" : signFlag == ' ' ? " " : "";
    }

    private static boolean isNegative(double d) {
        return d < 0 || (d == 0 && 1 / d < 0);
    }

    private static double floatOf(Object value) {
        if (value instanceof BigInteger b && Double.isInfinite(b.doubleValue())) {
            throw new PyException("int too large to convert to float");
        }
        return PyValues.doubleValue(value);
    }

    private static String chr(BigInteger v) {
        if (v.signum() < 0 || v.compareTo(BigInteger.valueOf(Character.MAX_CODE_POINT)) > 0) {
            throw new PyException("%c arg not in range(0x110000)");
        }
        return Character.toString(v.intValue());
    }

    // ---- float digits

    /**
     * The digits of a non-negative float for type e, f or g. {@code addDot0} is the spec without a type: like g but
     * switching to exponent one digit earlier and always showing a decimal point in fixed notation.
     */
    static String floatBody(double v, char type, int precision, boolean alternate, boolean addDot0) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return "inf";
        }
        return switch (type) {
            case 'f' -> {
                String s = new BigDecimal(v).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
                yield alternate && precision == 0 ? s + "." : s;
            }
            case 'e' -> {
                String[] digitsExp = significant(v, precision + 1);
                String digits = digitsExp[0] + "0".repeat(precision + 1 - digitsExp[0].length());
                yield mantissa(digits, alternate) + exponent(Integer.parseInt(digitsExp[1]));
            }
            default -> general(v, precision == 0 ? 1 : precision, alternate, addDot0);
        };
    }

    private static String general(double v, int precision, boolean alternate, boolean addDot0) {
        String[] digitsExp = significant(v, precision);
        String digits = digitsExp[0].replaceAll("0+$", "");
        if (digits.isEmpty()) {
            digits = "0";
        }
        int exp = Integer.parseInt(digitsExp[1]);
        int decpt = exp + 1;
        if (alternate && digits.length() < precision) {
            digits += "0".repeat(precision - digits.length());
        }
        boolean useExp = decpt <= -4 || decpt > (addDot0 ? precision - 1 : precision);
        if (useExp) {
            return mantissa(digits, alternate) + exponent(exp);
        }
        String s;
        if (decpt <= 0) {
            s = "0." + "0".repeat(-decpt) + digits;
        } else if (decpt >= digits.length()) {
            s = digits + "0".repeat(decpt - digits.length()) + (alternate ? "." : addDot0 ? ".0" : "");
        } else {
            s = digits.substring(0, decpt) + "." + digits.substring(decpt);
        }
        return s;
    }

    /** The first n significant digits of v (rounded half-even from the exact value) and the decimal exponent. */
    private static String[] significant(double v, int n) {
        if (v == 0) {
            return new String[] {"0", "0"};
        }
        BigDecimal bd = new BigDecimal(v).round(new MathContext(n, RoundingMode.HALF_EVEN));
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - 1 - bd.scale();
        digits = digits.replaceAll("0+$", "");
        return new String[] {digits.isEmpty() ? "0" : digits, Integer.toString(exp)};
    }

    private static String mantissa(String digits, boolean alternate) {
        if (digits.length() == 1) {
            return alternate ? digits + "." : digits;
        }
        return digits.charAt(0) + "." + digits.substring(1);
    }

    private static String exponent(int exp) {
        int abs = Math.abs(exp);
        return (exp < 0 ? "e-" : "e+") + (abs < 10 ? "0" : "") + abs;
    }
}
