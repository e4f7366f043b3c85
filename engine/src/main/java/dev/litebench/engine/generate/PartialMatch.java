package dev.litebench.engine.generate;

/** What streaming matchers (think tags, stop strings, tool-call tags) hold back: the start of a match not yet complete. */
public final class PartialMatch {
    private PartialMatch() {}

    /** Length of the longest suffix of {@code text} that is a proper prefix of {@code tag}. */
    public static int heldSuffix(CharSequence text, String tag) {
        int n = text.length();
        for (int k = Math.min(n, tag.length() - 1); k > 0; k--) {
            boolean match = true;
            for (int j = 0; j < k && match; j++) match = text.charAt(n - k + j) == tag.charAt(j);
            if (match) return k;
        }
        return 0;
    }
}
