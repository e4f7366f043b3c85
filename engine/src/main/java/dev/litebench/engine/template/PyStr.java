package dev.litebench.engine.template;

/**
 * Python string indexing: Python counts code points where Java counts UTF-16 units. These helpers take the fast
 * path when a string has no surrogate pairs.
 */
final class PyStr {
    private PyStr() {
    }

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** The code point index of UTF-16 offset {@code off}. */
    static int index(String s, int off) {
        return hasSurrogates(s) ? s.codePointCount(0, off) : off;
    }

    static String substring(String s, int fromCp, int toCp) {
        if (!hasSurrogates(s)) {
            return s.substring(fromCp, toCp);
        }
        int from = s.offsetByCodePoints(0, fromCp);
        return s.substring(from, s.offsetByCodePoints(from, toCp - fromCp));
    }

    static String charAt(String s, int cp) {
        return substring(s, cp, cp + 1);
    }

    private static boolean hasSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Python's {@code str.isspace()} for one code point (Unicode whitespace plus the separators 0x1c-0x1f). */
    static boolean isSpace(int c) {
        return switch (c) {
            case ' ', '\t', '\n', 0x0b, '\f', '\r', 0x1c, 0x1d, 0x1e, 0x1f, 0x85, 0xa0, 0x1680, 0x2028, 0x2029,
                 0x202f, 0x205f, 0x3000 -> true;
            default -> c >= 0x2000 && c <= 0x200a;
        };
    }

    /** The Python-style clamp of a possibly negative index into [0, len]. */
    static int clampIndex(long index, int len) {
        if (index < 0) {
            index += len;
            return index < 0 ? 0 : (int) index;
        }
        return index > len ? len : (int) index;
    }
}
