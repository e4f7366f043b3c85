package dev.litebench.engine.tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2's {@code bytes_to_unicode} table: every byte maps to one printable character, so that byte-level BPE
 * vocabularies can be stored as strings. Printable Latin-1 bytes map to themselves; the other 68 bytes
 * (controls, space, DEL, NBSP, soft hyphen, ...) map to U+0100 upwards in byte order.
 */
final class ByteUnicode {
    private ByteUnicode() {}

    /** Byte value (0..255) to its character. */
    static final char[] BYTE_TO_CHAR = new char[256];
    /** Character (index, below {@link #CHAR_LIMIT}) to its byte value, or -1. */
    static final short[] CHAR_TO_BYTE;
    static final int CHAR_LIMIT = 256 + 68;
    /**
     * The bytes in GPT-2's order ({@code bs} in {@code bytes_to_unicode}): the printable ones first, then the
     * others. GPT-2 and Qwen number their first 256 tokens in this order.
     */
    static final int[] GPT2_ORDER = new int[256];
    private static final String[] BYTE_STRINGS = new String[256];

    static {
        int k = 0;
        boolean[] printable = new boolean[256];
        for (int b = 0; b < 256; b++) {
            printable[b] = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            if (printable[b]) GPT2_ORDER[k++] = b;
        }
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (printable[b]) {
                BYTE_TO_CHAR[b] = (char) b;
            } else {
                BYTE_TO_CHAR[b] = (char) (256 + n++);
                GPT2_ORDER[k++] = b;
            }
        }
        CHAR_TO_BYTE = new short[CHAR_LIMIT];
        java.util.Arrays.fill(CHAR_TO_BYTE, (short) -1);
        for (int b = 0; b < 256; b++) {
            CHAR_TO_BYTE[BYTE_TO_CHAR[b]] = (short) b;
            BYTE_STRINGS[b] = String.valueOf(BYTE_TO_CHAR[b]);
        }
    }

    /** The one-character string for byte {@code b}. */
    static String byteString(int b) {
        return BYTE_STRINGS[b & 0xFF];
    }

    /** The byte-level form of UTF-8 {@code bytes}. */
    static String encode(byte[] bytes, int from, int to) {
        char[] out = new char[to - from];
        for (int i = from; i < to; i++) out[i - from] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        return new String(out);
    }

    static String encode(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return encode(b, 0, b.length);
    }

    /**
     * The bytes a byte-level token string stands for. A character outside the table (not produced by
     * {@code bytes_to_unicode}) contributes its own UTF-8 encoding.
     */
    static byte[] decode(String token) {
        byte[] out = new byte[token.length()];
        int n = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            int b = c < CHAR_LIMIT ? CHAR_TO_BYTE[c] : -1;
            if (b >= 0) {
                out[n++] = (byte) b;
            } else {
                int cp = token.codePointAt(i);
                byte[] raw = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                if (Character.isSupplementaryCodePoint(cp)) i++;
                if (n + raw.length > out.length) out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, n + raw.length));
                System.arraycopy(raw, 0, out, n, raw.length);
                n += raw.length;
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }
}
