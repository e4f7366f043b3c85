package dev.litebench.engine.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Python's {@code str} methods, callable from templates as {@code s.split(',')}; indices count code points. */
final class StrMethods {
    @FunctionalInterface
    private interface Method {
        Object call(String self, Object[] args);
    }

    private record Entry(Signature signature, Method method) {
    }

    private static final Map<String, Entry> METHODS = new HashMap<>();
    private static final Object REQUIRED = Signature.REQUIRED;

    static {
        define("capitalize", (s, a) -> capitalize(s));
        define("casefold", (s, a) -> lower(s));
        define("center", (s, a) -> center(s, a[0], a[1]), "width", REQUIRED, "fillchar", " ");
        define("ljust", (s, a) -> justify(s, a[0], a[1], 0), "width", REQUIRED, "fillchar", " ");
        define("rjust", (s, a) -> justify(s, a[0], a[1], 1), "width", REQUIRED, "fillchar", " ");
        define("zfill", (s, a) -> zfill(s, Filters.intArg(a[0])), "width", REQUIRED);
        define("count", StrMethods::count, "sub", REQUIRED, "start", null, "end", null);
        define("find", (s, a) -> find(s, a, false, false), "sub", REQUIRED, "start", null, "end", null);
        define("rfind", (s, a) -> find(s, a, true, false), "sub", REQUIRED, "start", null, "end", null);
        define("index", (s, a) -> find(s, a, false, true), "sub", REQUIRED, "start", null, "end", null);
        define("rindex", (s, a) -> find(s, a, true, true), "sub", REQUIRED, "start", null, "end", null);
        define("startswith", (s, a) -> affix(s, a, true), "prefix", REQUIRED, "start", null, "end", null);
        define("endswith", (s, a) -> affix(s, a, false), "suffix", REQUIRED, "start", null, "end", null);
        define("isalnum", (s, a) -> all(s, cp -> Character.isLetter(cp) || isNumeric(cp)));
        define("isalpha", (s, a) -> all(s, Character::isLetter));
        define("isascii", (s, a) -> s.chars().allMatch(c -> c < 128));
        define("isdecimal", (s, a) -> all(s, Character::isDigit));
        define("isdigit", (s, a) -> all(s, StrMethods::isDigit));
        define("isnumeric", (s, a) -> all(s, StrMethods::isNumeric));
        define("isspace", (s, a) -> all(s, PyStr::isSpace));
        define("isidentifier", (s, a) -> isIdentifier(s));
        define("islower", (s, a) -> isLower(s));
        define("isupper", (s, a) -> isUpper(s));
        define("istitle", (s, a) -> isTitle(s));
        define("join", (s, a) -> join(s, a[0]), "iterable", REQUIRED);
        define("lower", (s, a) -> lower(s));
        define("upper", (s, a) -> upper(s));
        define("swapcase", (s, a) -> swapcase(s));
        define("title", (s, a) -> title(s));
        define("strip", (s, a) -> strip(s, a[0], true, true), "chars", null);
        define("lstrip", (s, a) -> strip(s, a[0], true, false), "chars", null);
        define("rstrip", (s, a) -> strip(s, a[0], false, true), "chars", null);
        define("split", (s, a) -> splitMethod(s, a, false), "sep", null, "maxsplit", -1L);
        define("rsplit", (s, a) -> splitMethod(s, a, true), "sep", null, "maxsplit", -1L);
        define("splitlines", (s, a) -> new ArrayList<Object>(splitLines(s, PyValues.truthy(a[0]))),
                "keepends", false);
        define("partition", (s, a) -> partition(s, strArg(a[0]), false), "sep", REQUIRED);
        define("rpartition", (s, a) -> partition(s, strArg(a[0]), true), "sep", REQUIRED);
        define("removeprefix", (s, a) -> {
            String p = strArg(a[0]);
            return s.startsWith(p) ? s.substring(p.length()) : s;
        }, "prefix", REQUIRED);
        define("removesuffix", (s, a) -> {
            String p = strArg(a[0]);
            return s.endsWith(p) && !p.isEmpty() ? s.substring(0, s.length() - p.length()) : s;
        }, "suffix", REQUIRED);
        define("replace", (s, a) -> replace(s, strArg(a[0]), strArg(a[1]),
                Filters.intArg(a[2])), "old", REQUIRED, "new", REQUIRED, "count", -1L);
        define("expandtabs", (s, a) -> expandTabs(s, Filters.intArg(a[0])), "tabsize", 8L);
    }

    private StrMethods() {
    }

    private static void define(String name, Method m, Object... params) {
        METHODS.put(name, new Entry(Signature.of(name + "()", params), m));
    }

    static boolean has(String name) {
        return METHODS.containsKey(name) || name.equals("format");
    }

    static Object call(String self, String name, List<Object> args, Map<String, Object> kwargs) {
        if (name.equals("format")) {
            return PyFormat.format(self, args, kwargs);
        }
        Entry e = METHODS.get(name);
        return e.method().call(self, e.signature().bind(args, kwargs));
    }

    private static String strArg(Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw new PyException("must be str, not " + PyValues.typeName(v));
    }

    // ---- case

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = s.codePointAt(0);
        int title = Character.toTitleCase(first);
        String head = title != first ? Character.toString(title) : upper(Character.toString(first));
        return head + lower(s.substring(Character.charCount(first)));
    }

    private static String swapcase(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            String c = Character.toString(cp);
            sb.append(Character.isUpperCase(cp) ? lower(c) : Character.isLowerCase(cp) ? upper(c) : c);
        });
        return sb.toString();
    }

    /** Python's str.title: a cased character after an uncased one is title-cased, others lower-cased. */
    private static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean previousCased = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (previousCased) {
                sb.append(lower(Character.toString(cp)));
            } else {
                sb.appendCodePoint(Character.toTitleCase(cp));
            }
            previousCased = isCased(cp);
        }
        return sb.toString();
    }

    private static boolean isCased(int cp) {
        return Character.isUpperCase(cp) || Character.isLowerCase(cp) || Character.isTitleCase(cp);
    }

    static boolean isLower(String s) {
        boolean cased = false;
        for (int cp : s.codePoints().toArray()) {
            if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
                return false;
            }
            cased |= Character.isLowerCase(cp);
        }
        return cased;
    }

    static boolean isUpper(String s) {
        boolean cased = false;
        for (int cp : s.codePoints().toArray()) {
            if (Character.isLowerCase(cp) || Character.isTitleCase(cp)) {
                return false;
            }
            cased |= Character.isUpperCase(cp);
        }
        return cased;
    }

    private static boolean isTitle(String s) {
        boolean cased = false;
        boolean previousCased = false;
        for (int cp : s.codePoints().toArray()) {
            if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
                if (previousCased) {
                    return false;
                }
                previousCased = true;
                cased = true;
            } else if (Character.isLowerCase(cp)) {
                if (!previousCased) {
                    return false;
                }
                previousCased = true;
                cased = true;
            } else {
                previousCased = false;
            }
        }
        return cased;
    }

    // ---- character classes

    private static boolean all(String s, java.util.function.IntPredicate p) {
        return !s.isEmpty() && s.codePoints().allMatch(p);
    }

    private static boolean isDigit(int cp) {
        return Character.isDigit(cp)
                || (Character.getType(cp) == Character.OTHER_NUMBER && Character.digit(cp, 10) < 0
                && Character.getNumericValue(cp) >= 0 && Character.getNumericValue(cp) <= 9);
    }

    private static boolean isNumeric(int cp) {
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    private static boolean isIdentifier(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int first = s.codePointAt(0);
        return (first == '_' || Character.isUnicodeIdentifierStart(first))
                && s.codePoints().allMatch(Character::isUnicodeIdentifierPart);
    }

    // ---- padding

    /** Python's str.center, including its choice of side for the odd padding character. */
    static String center(String s, Object width, Object fill) {
        String f = fillChar(fill);
        long w = Filters.intArg(width);
        long margin = w - PyStr.length(s);
        if (margin <= 0) {
            return s;
        }
        Limits.checkLength(w);
        long left = margin / 2 + (margin & w & 1);
        return f.repeat((int) left) + s + f.repeat((int) (margin - left));
    }

    private static String justify(String s, Object width, Object fill, int side) {
        String f = fillChar(fill);
        long w = Filters.intArg(width);
        long margin = w - PyStr.length(s);
        if (margin <= 0) {
            return s;
        }
        Limits.checkLength(w);
        return side == 0 ? s + f.repeat((int) margin) : f.repeat((int) margin) + s;
    }

    private static String fillChar(Object fill) {
        if (!(fill instanceof String f) || PyStr.length(f) != 1) {
            throw new PyException("The fill character must be exactly one character long");
        }
        return f;
    }

    private static String zfill(String s, long width) {
        long margin = width - PyStr.length(s);
        if (margin <= 0) {
            return s;
        }
        Limits.checkLength(width);
        String zeros = "0".repeat((int) margin);
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            return s.charAt(0) + zeros + s.substring(1);
        }
        return zeros + s;
    }

    private static String expandTabs(String s, long tabSize) {
        StringBuilder sb = new StringBuilder();
        int column = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\t') {
                if (tabSize > 0) {
                    long spaces = tabSize - column % tabSize;
                    Limits.checkLength(sb.length() + spaces);
                    sb.repeat(' ', (int) spaces);
                    column += (int) spaces;
                }
            } else {
                sb.appendCodePoint(cp);
                column = cp == '\n' || cp == '\r' ? 0 : column + 1;
            }
        }
        return sb.toString();
    }

    // ---- searching

    /**
     * The code point range [start, end) searched by find, count, startswith...: like CPython, a start beyond the
     * end is kept (so nothing matches there, not even the empty string).
     */
    private static int[] range(String s, Object start, Object end) {
        int len = PyStr.length(s);
        long from = start == null ? 0 : Filters.intArg(start);
        if (from < 0) {
            from = Math.max(0, from + len);
        }
        int to = end == null ? len : PyStr.clampIndex(Filters.intArg(end), len);
        return new int[] {(int) Math.min(from, len + 1L), to};
    }

    private static Object count(String s, Object[] a) {
        String sub = strArg(a[0]);
        int[] r = range(s, a[1], a[2]);
        if (r[0] > r[1]) {
            return 0L;
        }
        String window = PyStr.substring(s, r[0], r[1]);
        if (sub.isEmpty()) {
            return (long) PyStr.length(window) + 1;
        }
        long n = 0;
        for (int i = window.indexOf(sub); i >= 0; i = window.indexOf(sub, i + sub.length())) {
            n++;
        }
        return n;
    }

    private static Object find(String s, Object[] a, boolean fromRight, boolean raise) {
        String sub = strArg(a[0]);
        int[] r = range(s, a[1], a[2]);
        long found = -1;
        if (r[0] <= r[1]) {
            String window = PyStr.substring(s, r[0], r[1]);
            int i = fromRight ? window.lastIndexOf(sub) : window.indexOf(sub);
            if (i >= 0) {
                found = r[0] + PyStr.index(window, i);
            }
        }
        if (found < 0 && raise) {
            throw new PyException("substring not found");
        }
        return found;
    }

    private static Object affix(String s, Object[] a, boolean prefix) {
        int[] r = range(s, a[1], a[2]);
        List<Object> candidates;
        if (a[0] instanceof String one) {
            candidates = List.of(one);
        } else if (a[0] instanceof PyTuple t) {
            candidates = t.items();
        } else {
            throw new PyException((prefix ? "startswith" : "endswith") + " first arg must be str or a tuple of str, "
                    + "not " + PyValues.typeName(a[0]));
        }
        for (Object c : candidates) {
            if (!(c instanceof String str)) {
                throw new PyException("tuple for " + (prefix ? "startswith" : "endswith")
                        + " must only contain str, not " + PyValues.typeName(c));
            }
            int n = PyStr.length(str);
            if (r[1] - n < r[0]) {
                continue;
            }
            int at = prefix ? r[0] : r[1] - n;
            if (PyStr.substring(s, at, at + n).equals(str)) {
                return true;
            }
        }
        return false;
    }

    // ---- transforming

    static String strip(String s, Object chars, boolean left, boolean right) {
        if (chars != null && !(chars instanceof String)) {
            throw new PyException("strip arg must be None or str");
        }
        String set = (String) chars;
        int start = 0;
        int end = s.length();
        while (left && start < end) {
            int cp = s.codePointAt(start);
            if (!stripped(cp, set)) {
                break;
            }
            start += Character.charCount(cp);
        }
        while (right && end > start) {
            int cp = s.codePointBefore(end);
            if (!stripped(cp, set)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(start, end);
    }

    private static boolean stripped(int cp, String set) {
        return set == null ? PyStr.isSpace(cp) : set.indexOf(cp) >= 0;
    }

    static String replace(String s, String old, String replacement, long count) {
        if (count < 0) {
            count = Long.MAX_VALUE;
        }
        StringBuilder sb = new StringBuilder();
        if (old.isEmpty()) {
            int[] cps = s.codePoints().toArray();
            long n = 0;
            for (int cp : cps) {
                if (n++ < count) {
                    sb.append(replacement);
                }
                sb.appendCodePoint(cp);
                Limits.checkLength(sb.length());
            }
            if (n < count) {
                sb.append(replacement);
            }
            return sb.toString();
        }
        int from = 0;
        long done = 0;
        for (int i = s.indexOf(old); i >= 0 && done < count; i = s.indexOf(old, from)) {
            sb.append(s, from, i).append(replacement);
            Limits.checkLength(sb.length());
            from = i + old.length();
            done++;
        }
        return sb.append(s, from, s.length()).toString();
    }

    private static String join(String sep, Object iterable) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (var it = PyValues.iterate(iterable); it.hasNext(); i++) {
            Object item = it.next();
            if (!(item instanceof String str)) {
                throw new PyException("sequence item " + i + ": expected str instance, " + PyValues.typeName(item)
                        + " found");
            }
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(str);
            Limits.checkLength(sb.length());
        }
        return sb.toString();
    }

    private static Object partition(String s, String sep, boolean fromRight) {
        if (sep.isEmpty()) {
            throw new PyException("empty separator");
        }
        int i = fromRight ? s.lastIndexOf(sep) : s.indexOf(sep);
        if (i < 0) {
            return fromRight ? PyTuple.of("", "", s) : PyTuple.of(s, "", "");
        }
        return PyTuple.of(s.substring(0, i), sep, s.substring(i + sep.length()));
    }

    // ---- splitting

    private static Object splitMethod(String s, Object[] a, boolean fromRight) {
        if (a[0] != null && !(a[0] instanceof String)) {
            throw new PyException("must be str or None, not " + PyValues.typeName(a[0]));
        }
        String sep = (String) a[0];
        if (sep != null && sep.isEmpty()) {
            throw new PyException("empty separator");
        }
        long max = Filters.intArg(a[1]);
        List<String> parts = fromRight ? rsplit(s, sep, max) : split(s, sep, max);
        return new ArrayList<Object>(parts);
    }

    /** Python's str.split; a null sep splits on runs of whitespace and drops empty parts. */
    static List<String> split(String s, String sep, long maxsplit) {
        if (maxsplit < 0) {
            maxsplit = Long.MAX_VALUE;
        }
        List<String> out = new ArrayList<>();
        if (sep != null) {
            int from = 0;
            for (int i = s.indexOf(sep); i >= 0 && out.size() < maxsplit; i = s.indexOf(sep, from)) {
                out.add(s.substring(from, i));
                from = i + sep.length();
            }
            out.add(s.substring(from));
            return out;
        }
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && PyStr.isSpace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            if (out.size() >= maxsplit) {
                out.add(s.substring(i));
                return out;
            }
            int j = i;
            while (j < n && !PyStr.isSpace(s.charAt(j))) {
                j++;
            }
            out.add(s.substring(i, j));
            i = j;
        }
    }

    static List<String> rsplit(String s, String sep, long maxsplit) {
        if (maxsplit < 0) {
            maxsplit = Long.MAX_VALUE;
        }
        List<String> out = new ArrayList<>();
        if (sep != null) {
            int end = s.length();
            for (int i = s.lastIndexOf(sep, end - sep.length()); i >= 0 && out.size() < maxsplit;
                 i = s.lastIndexOf(sep, end - sep.length())) {
                out.add(s.substring(i + sep.length(), end));
                end = i;
            }
            out.add(s.substring(0, end));
            return out.reversed();
        }
        int j = s.length();
        while (true) {
            while (j > 0 && PyStr.isSpace(s.charAt(j - 1))) {
                j--;
            }
            if (j <= 0) {
                return out.reversed();
            }
            if (out.size() >= maxsplit) {
                out.add(s.substring(0, j));
                return out.reversed();
            }
            int i = j;
            while (i > 0 && !PyStr.isSpace(s.charAt(i - 1))) {
                i--;
            }
            out.add(s.substring(i, j));
            j = i;
        }
    }

    /** Python's str.splitlines: CR, LF, CRLF, VT, FF, the separators 0x1c-0x1e, NEL and U+2028/U+2029 end lines. */
    static List<String> splitLines(String s, boolean keepEnds) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int breakLength = switch (c) {
                case '\r' -> i + 1 < s.length() && s.charAt(i + 1) == '\n' ? 2 : 1;
                case '\n', 0x0b, 0x0c, 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029 -> 1;
                default -> 0;
            };
            if (breakLength == 0) {
                i++;
                continue;
            }
            out.add(s.substring(start, keepEnds ? i + breakLength : i));
            i += breakLength;
            start = i;
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }
}
