package dev.litebench.engine.tokenizer;

/**
 * UTF-8 decoding that never fails: each maximal subpart of an ill-formed sequence becomes one U+FFFD (the
 * Unicode "best practice" that Java's own decoder and most browsers follow), and an incomplete sequence at the
 * end of the input can be held back for more bytes.
 */
final class Utf8 {
    private Utf8() {}

    static final char REPLACEMENT = '\uFFFD';

    /**
     * Decodes {@code b[0, n)} into {@code out}. When {@code holdIncomplete} is set, a trailing sequence that is
     * valid so far but incomplete is left undecoded. Returns the number of bytes consumed.
     */
    static int decode(byte[] b, int n, StringBuilder out, boolean holdIncomplete) {
        int i = 0;
        while (i < n) {
            int b0 = b[i] & 0xFF;
            if (b0 < 0x80) {
                out.append((char) b0);
                i++;
                continue;
            }
            int need, lo = 0x80, hi = 0xBF, cp;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                need = 1;
                cp = b0 & 0x1F;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                need = 2;
                cp = b0 & 0x0F;
                if (b0 == 0xE0) lo = 0xA0;
                else if (b0 == 0xED) hi = 0x9F;
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                need = 3;
                cp = b0 & 0x07;
                if (b0 == 0xF0) lo = 0x90;
                else if (b0 == 0xF4) hi = 0x8F;
            } else {
                out.append(REPLACEMENT); // 80..C1, F5..FF can never start a character
                i++;
                continue;
            }
            int j = i + 1;
            boolean bad = false;
            for (int k = 0; k < need; k++, j++) {
                if (j >= n) {
                    if (holdIncomplete) return i;
                    bad = true;
                    break;
                }
                int c = b[j] & 0xFF;
                int l = k == 0 ? lo : 0x80, h = k == 0 ? hi : 0xBF;
                if (c < l || c > h) {
                    bad = true;
                    break;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            if (bad) {
                out.append(REPLACEMENT); // the maximal subpart b[i, j)
                i = j;
            } else {
                out.appendCodePoint(cp);
                i = j;
            }
        }
        return n;
    }

    static String decode(byte[] b, int n) {
        StringBuilder sb = new StringBuilder(n);
        decode(b, n, sb, false);
        return sb.toString();
    }

    /** UTF-8 of {@code s}; lone surrogates become U+FFFD (EF BF BD). */
    static byte[] encode(CharSequence s, int from, int to) {
        byte[] out = new byte[(to - from) * 3];
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xC0 | (c >> 6));
                out[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[n++] = (byte) (0xF0 | (cp >> 18));
                out[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[n++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                if (Character.isSurrogate(c)) c = REPLACEMENT;
                out[n++] = (byte) (0xE0 | (c >> 12));
                out[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }
}
