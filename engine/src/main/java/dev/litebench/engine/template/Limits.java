package dev.litebench.engine.template;

/** Bounds that keep a hostile template from exhausting memory or the stack. */
final class Limits {
    /** Most characters in the output or in any string, and most items in any list, built while rendering. */
    static final int MAX_LENGTH = 16 << 20;
    /** Most characters plus list items plus loop iterations a whole render may produce. */
    static final long MAX_WORK = 1L << 28;
    /** Deepest nesting of macro calls. */
    static final int MAX_CALL_DEPTH = 100;
    /** Deepest nesting of blocks and parenthesised expressions in a template's source. */
    static final int MAX_PARSE_DEPTH = 200;

    private Limits() {
    }

    static void checkLength(long length) {
        if (length > MAX_LENGTH) {
            throw new PyException("result too large: more than " + MAX_LENGTH + " characters or items");
        }
    }
}
