package dev.litebench.engine.tokenizer;

import dev.litebench.engine.BadInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The regex pre-tokenizers of byte-level BPE vocabularies, named as in GGUF {@code tokenizer.ggml.pre}. Each one
 * is a hand-written matcher with the exact semantics of its regex (leftmost-first alternation, greedy
 * quantifiers, {@code \s} = Unicode White_Space, {@code \p{L}}/{@code \p{N}} = Unicode categories, see
 * {@link CharClass}), which is what HF {@code tokenizers} runs and what llama.cpp reproduces.
 *
 * <ul>
 *   <li>{@link #QWEN2}: {@code (?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}|
 *       ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+} (digits one at a time).</li>
 *   <li>{@link #QWEN35}: as QWEN2 with marks grouped with letters: {@code [\p{L}\p{M}]+} and
 *       {@code [^\s\p{L}\p{M}\p{N}]+}.</li>
 *   <li>{@link #LLAMA3}: as QWEN2 with {@code \p{N}{1,3}}; also sets llama.cpp's {@code ignore_merges} (a
 *       pre-token that is itself in the vocabulary becomes that token without running BPE) and add-BOS by
 *       default.</li>
 *   <li>{@link #GPT2}: {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}.</li>
 *   <li>{@link #DEFAULT}: llama.cpp's fallback for a BPE vocabulary with no or a {@code default} pre-tokenizer:
 *       four regexes applied in turn, each splitting the pieces of the one before:
 *       {@code [\p{P}\$\+<=>\^~\|]+}, the GPT-2 regex, {@code \p{N}+}, {@code [0-9][0-9][0-9]}.</li>
 * </ul>
 * Text that no alternative matches cannot occur with these regexes (every character matches something).
 * A pre-tokenizer splits the text it is given as is; {@link Tokenizer} applies NFC first where
 * {@link #normalizesNfc()} says so.
 */
public enum PreTokenizer {
    QWEN2(true, false, false, "qwen2", "deepseek-r1-qwen"),
    QWEN35(true, false, false, "qwen35"),
    LLAMA3(false, true, true, "llama3", "llama-v3", "llama-bpe"),
    GPT2(false, false, false, "gpt-2"),
    DEFAULT(false, false, false, "default");

    private final boolean nfc;
    private final boolean ignoreMerges;
    private final boolean addBosDefault;
    private final List<String> names;

    PreTokenizer(boolean nfc, boolean ignoreMerges, boolean addBosDefault, String... names) {
        this.nfc = nfc;
        this.ignoreMerges = ignoreMerges;
        this.addBosDefault = addBosDefault;
        this.names = List.of(names);
    }

    /** Receives each pre-token as a [start, end) range of char indices. */
    @FunctionalInterface
    public interface Sink {
        void word(int start, int end);
    }

    /** The GGUF {@code tokenizer.ggml.pre} names this pre-tokenizer answers to; the first is its own. */
    public List<String> names() {
        return names;
    }

    /** Whether HF normalizes text to NFC before this pre-tokenizer (true for the Qwen tokenizers). */
    public boolean normalizesNfc() {
        return nfc;
    }

    /** llama.cpp's {@code ignore_merges}: a pre-token found whole in the vocabulary is emitted without BPE. */
    public boolean ignoresMerges() {
        return ignoreMerges;
    }

    /** llama.cpp's default for {@code add_bos} when the GGUF does not say. */
    public boolean addsBosByDefault() {
        return addBosDefault;
    }

    /** Every accepted name, for error messages. */
    public static List<String> supportedNames() {
        List<String> all = new ArrayList<>();
        for (PreTokenizer p : values()) all.addAll(p.names);
        return all;
    }

    /**
     * The pre-tokenizer for a GGUF {@code tokenizer.ggml.pre} value; null or empty means {@link #DEFAULT}, as in
     * llama.cpp. Unknown names fail with the list of supported ones.
     */
    public static PreTokenizer forName(String name) {
        if (name == null || name.isEmpty()) return DEFAULT;
        for (PreTokenizer p : values()) if (p.names.contains(name)) return p;
        throw new BadInputException("unsupported pre-tokenizer '" + name + "' (tokenizer.ggml.pre); supported: "
                + String.join(", ", supportedNames()));
    }

    /** Splits {@code text} into pre-tokens (no normalization). */
    public List<String> split(String text) {
        List<String> out = new ArrayList<>();
        split(text, 0, text.length(), (s, e) -> out.add(text.substring(s, e)));
        return out;
    }

    /** Splits {@code s[from, to)}; the ranges given to {@code sink} tile it in order. */
    public void split(CharSequence s, int from, int to, Sink sink) {
        switch (this) {
            case QWEN2 -> splitQwenLike(s, from, to, sink, 1, false);
            case QWEN35 -> splitQwenLike(s, from, to, sink, 1, true);
            case LLAMA3 -> splitQwenLike(s, from, to, sink, 3, false);
            case GPT2 -> splitGpt2(s, from, to, sink);
            case DEFAULT -> splitDefault(s, from, to, sink);
        }
    }

    // ---- helpers on code points -------------------------------------------------------------------------

    private static int cpAt(CharSequence s, int i, int to) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < to) {
            char d = s.charAt(i + 1);
            if (Character.isLowSurrogate(d)) return Character.toCodePoint(c, d);
        }
        return c;
    }

    private static int len(int cp) {
        return cp >= 0x10000 ? 2 : 1;
    }

    private static byte cls(int cp, boolean marksAreLetters) {
        byte k = CharClass.of(cp);
        return k == CharClass.MARK ? (marksAreLetters ? CharClass.LETTER : CharClass.OTHER) : k;
    }

    /** Skips code points of class {@code k} from {@code p}. */
    private static int skip(CharSequence s, int p, int to, byte k, boolean marks) {
        while (p < to) {
            int c = cpAt(s, p, to);
            if (cls(c, marks) != k) break;
            p += len(c);
        }
        return p;
    }

    private static int skipNewlines(CharSequence s, int p, int to) {
        while (p < to) {
            char c = s.charAt(p);
            if (c != '\r' && c != '\n') break;
            p++;
        }
        return p;
    }

    private static int lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /** End of the white-space run at {@code p} (white space is all in the BMP). */
    private static int skipSpace(CharSequence s, int p, int to) {
        while (p < to && CharClass.isWhiteSpace(s.charAt(p))) p++;
        return p;
    }

    // ---- qwen2 / qwen35 / llama3 ------------------------------------------------------------------------

    private static void splitQwenLike(CharSequence s, int from, int to, Sink sink, int maxDigits, boolean marks) {
        int pos = from;
        while (pos < to) {
            int end = matchQwenLike(s, pos, to, maxDigits, marks);
            sink.word(pos, end);
            pos = end;
        }
    }

    private static int matchQwenLike(CharSequence s, int pos, int to, int maxDigits, boolean marks) {
        int c0 = cpAt(s, pos, to);
        int n0 = pos + len(c0);
        // (?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])
        if (c0 == '\'' && n0 < to) {
            int c1 = lowerAscii(s.charAt(n0));
            if (c1 == 's' || c1 == 't' || c1 == 'm' || c1 == 'd') return n0 + 1;
            if (n0 + 1 < to) {
                int c2 = lowerAscii(s.charAt(n0 + 1));
                if ((c1 == 'r' && c2 == 'e') || (c1 == 'v' && c2 == 'e') || (c1 == 'l' && c2 == 'l')) return n0 + 2;
            }
        }
        byte k0 = cls(c0, marks);
        // [^\r\n\p{L}\p{N}]?\p{L}+
        if (k0 == CharClass.LETTER) return skip(s, n0, to, CharClass.LETTER, marks);
        if (k0 != CharClass.NUMBER && c0 != '\r' && c0 != '\n' && n0 < to) {
            int c1 = cpAt(s, n0, to);
            if (cls(c1, marks) == CharClass.LETTER) return skip(s, n0 + len(c1), to, CharClass.LETTER, marks);
        }
        // \p{N}{1,maxDigits}
        if (k0 == CharClass.NUMBER) {
            int p = n0;
            for (int k = 1; k < maxDigits && p < to; k++) {
                int c = cpAt(s, p, to);
                if (cls(c, marks) != CharClass.NUMBER) break;
                p += len(c);
            }
            return p;
        }
        //  ?[^\s\p{L}\p{N}]+[\r\n]*
        if (c0 == ' ' && n0 < to) {
            int c1 = cpAt(s, n0, to);
            if (cls(c1, marks) == CharClass.OTHER) {
                return skipNewlines(s, skip(s, n0 + len(c1), to, CharClass.OTHER, marks), to);
            }
        }
        if (k0 == CharClass.OTHER) return skipNewlines(s, skip(s, n0, to, CharClass.OTHER, marks), to);
        // c0 is white space: \s*[\r\n]+ | \s+(?!\S) | \s+
        int lastNewline = -1;
        int p = pos;
        while (p < to) {
            char c = s.charAt(p);
            if (!CharClass.isWhiteSpace(c)) break;
            if (c == '\r' || c == '\n') lastNewline = p + 1;
            p++;
        }
        if (lastNewline > 0) return lastNewline;
        if (p == to) return p;
        return p - pos > 1 ? p - 1 : p;
    }

    // ---- gpt-2 ------------------------------------------------------------------------------------------

    private static void splitGpt2(CharSequence s, int from, int to, Sink sink) {
        int pos = from;
        while (pos < to) {
            int end = matchGpt2(s, pos, to);
            sink.word(pos, end);
            pos = end;
        }
    }

    private static int matchGpt2(CharSequence s, int pos, int to) {
        int c0 = cpAt(s, pos, to);
        int n0 = pos + len(c0);
        // 's|'t|'re|'ve|'m|'ll|'d
        if (c0 == '\'' && n0 < to) {
            char c1 = s.charAt(n0);
            if (c1 == 's' || c1 == 't' || c1 == 'm' || c1 == 'd') return n0 + 1;
            if (n0 + 1 < to) {
                char c2 = s.charAt(n0 + 1);
                if ((c1 == 'r' && c2 == 'e') || (c1 == 'v' && c2 == 'e') || (c1 == 'l' && c2 == 'l')) return n0 + 2;
            }
        }
        //  ?\p{L}+ |  ?\p{N}+ |  ?[^\s\p{L}\p{N}]+
        if (c0 == ' ' && n0 < to) {
            int c1 = cpAt(s, n0, to);
            byte k1 = cls(c1, false);
            if (k1 != CharClass.SPACE) return skip(s, n0 + len(c1), to, k1, false);
        }
        byte k0 = cls(c0, false);
        if (k0 != CharClass.SPACE) return skip(s, n0, to, k0, false);
        // \s+(?!\S) | \s+
        int p = skipSpace(s, pos, to);
        if (p == to) return p;
        return p - pos > 1 ? p - 1 : p;
    }

    // ---- default (llama.cpp's four-regex fallback) ------------------------------------------------------

    private interface Finder {
        /** Length (chars) of a match starting at {@code p}, or 0. */
        int match(CharSequence s, int p, int to);
    }

    private static final Finder PUNCT_RUN = (s, p, to) -> {
        int q = p;
        while (q < to) {
            int c = cpAt(s, q, to);
            if (!isDefaultPunct(c)) break;
            q += len(c);
        }
        return q - p;
    };

    private static final Finder NUMBER_RUN = (s, p, to) -> skip(s, p, to, CharClass.NUMBER, false) - p;

    private static final Finder THREE_ASCII_DIGITS = (s, p, to) -> p + 3 <= to && isAsciiDigit(s.charAt(p))
            && isAsciiDigit(s.charAt(p + 1)) && isAsciiDigit(s.charAt(p + 2)) ? 3 : 0;

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isDefaultPunct(int cp) {
        if (CharClass.isWhiteSpace(cp)) return false;
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> cp == '$' || cp == '+' || cp == '<' || cp == '=' || cp == '>' || cp == '^' || cp == '~' || cp == '|';
        };
    }

    private static void splitDefault(CharSequence s, int from, int to, Sink sink) {
        int[] bounds = {from, to};
        bounds = refine(s, bounds, PUNCT_RUN);
        {
            IntList next = new IntList(bounds.length * 2);
            next.add(bounds[0]);
            for (int i = 0; i + 1 < bounds.length; i++) splitGpt2(s, bounds[i], bounds[i + 1], (a, b) -> next.add(b));
            bounds = next.toArray();
        }
        bounds = refine(s, bounds, NUMBER_RUN);
        bounds = refine(s, bounds, THREE_ASCII_DIGITS);
        for (int i = 0; i + 1 < bounds.length; i++) sink.word(bounds[i], bounds[i + 1]);
    }

    /** Splits every piece into the matches of {@code f} and the gaps between them (std::regex_iterator style). */
    private static int[] refine(CharSequence s, int[] bounds, Finder f) {
        IntList out = new IntList(bounds.length * 2);
        out.add(bounds[0]);
        for (int i = 0; i + 1 < bounds.length; i++) {
            int a = bounds[i], b = bounds[i + 1];
            int p = a;
            while (p < b) {
                int m = f.match(s, p, b);
                if (m > 0) {
                    if (p > out.last()) out.add(p);
                    out.add(p + m);
                    p += m;
                } else {
                    p += len(cpAt(s, p, b));
                }
            }
            if (b > out.last()) out.add(b);
        }
        return out.toArray();
    }

    /** A growable int array. */
    static final class IntList {
        private int[] a;
        private int n;

        IntList(int capacity) {
            a = new int[Math.max(4, capacity)];
        }

        void add(int v) {
            if (n == a.length) a = Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        int last() {
            return a[n - 1];
        }

        int size() {
            return n;
        }

        int get(int i) {
            return a[i];
        }

        void clear() {
            n = 0;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
