package dev.litebench.engine.tokenizer;

/**
 * The character classes the pre-tokenizer regexes use, as llama.cpp's {@code unicode.cpp} and HF's regexes see
 * them: {@code \s} is the Unicode White_Space property (not Java's ASCII {@code \s}), {@code \p{L}} the five letter
 * categories, {@code \p{N}} the three number categories, {@code \p{M}} the three mark categories. Everything else
 * (punctuation, symbols, controls that are not white space, format characters such as ZWJ, unassigned code points,
 * lone surrogates) is {@link #OTHER}. Categories come from the running JDK's Unicode tables.
 */
final class CharClass {
    private CharClass() {}

    static final byte OTHER = 0;
    static final byte LETTER = 1;
    static final byte NUMBER = 2;
    static final byte SPACE = 3;
    /** A mark (Mn, Mc, Me); counts as OTHER except for pre-tokenizers that group marks with letters. */
    static final byte MARK = 4;

    private static final byte[] BMP = new byte[65536];

    static {
        for (int c = 0; c < 65536; c++) BMP[c] = compute(c);
    }

    private static byte compute(int cp) {
        if (isWhiteSpace(cp)) return SPACE;
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER -> LETTER;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> NUMBER;
            case Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK -> MARK;
            default -> OTHER;
        };
    }

    /** Unicode White_Space: the set llama.cpp's {@code unicode_set_whitespace} holds. */
    static boolean isWhiteSpace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    static byte of(int cp) {
        return cp < 65536 ? BMP[cp] : compute(cp);
    }
}
