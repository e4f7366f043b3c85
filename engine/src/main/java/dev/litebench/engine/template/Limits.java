package dev.litebench.engine.template;

/** Bounds that keep a hostile template from exhausting memory or the stack. */
final class Limits {
    /** Most characters in the output or in any string, and most items in any list, built while rendering. */
    static final int MAX_LENGTH = 16 << 20;
    /**
     * Most work units a whole render may spend: one per character of every string it builds, four per item of every
     * list (a reference costs about four characters of memory) and one per loop iteration. Real chat templates
     * spend three to five units per character of output, so this is eight times the most output.
     */
    static final long MAX_WORK = 8L * MAX_LENGTH;
    /** Work units charged per list item. */
    static final int LIST_ITEM_WORK = 4;
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
