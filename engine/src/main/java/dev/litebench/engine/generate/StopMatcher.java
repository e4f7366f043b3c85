package dev.litebench.engine.generate;

import java.util.List;

/**
 * Streaming stop-string matcher. Fed the decoded text of each token in turn, it returns the part that is safe to
 * show now and holds back any tail that could still grow into a stop string, so a stop split across tokens is never
 * partly emitted.
 *
 * <p>Semantics: generation stops at the <em>first stop occurrence to complete</em> while reading the text left to
 * right (smallest end index); if several complete at the same character, the longest (earliest-starting) one wins.
 * Everything before it is emitted; the stop string and anything after it never are. This depends only on the
 * concatenated text, not on how it was split into pieces. Held-back text is at most (longest stop length - 1)
 * characters; {@link #finish()} releases it when generation ends for another reason.
 *
 * <p>Works on UTF-16 chars; pieces holding whole code points (as a detokenizer produces) never get a surrogate pair
 * split by the matcher. Not thread-safe; one per sequence.
 */
public final class StopMatcher {
    private final String[] stops;
    private final StringBuilder pending = new StringBuilder();
    private String matched;

    /** @param stops stop strings, none empty; an empty list makes the matcher pass everything through */
    public StopMatcher(List<String> stops) {
        this.stops = stops.toArray(new String[0]);
        for (String s : this.stops) {
            if (s == null || s.isEmpty()) throw new IllegalArgumentException("stop strings must not be empty");
        }
    }

    /**
     * Adds the next piece of decoded text and returns the text to emit now (possibly empty). Once a stop has matched
     * it returns the text before the stop, and then "" for every later call.
     */
    public String feed(String piece) {
        if (matched != null || piece.isEmpty()) return "";
        if (stops.length == 0) return piece;
        int oldLength = pending.length();
        String text = oldLength == 0 ? piece : pending.append(piece).toString();

        // Earliest-ending occurrence; the held-back text holds no complete stop, so only occurrences ending in the
        // new piece are possible.
        int bestStart = -1, bestEnd = Integer.MAX_VALUE;
        String best = null;
        for (String s : stops) {
            int idx = text.indexOf(s, Math.max(0, oldLength - s.length() + 1));
            if (idx < 0) continue;
            int end = idx + s.length();
            if (end < bestEnd || (end == bestEnd && idx < bestStart)) {
                bestEnd = end;
                bestStart = idx;
                best = s;
            }
        }
        pending.setLength(0);
        if (best != null) {
            matched = best;
            return text.substring(0, bestStart);
        }
        int hold = heldSuffix(text);
        if (hold == 0) return text;
        int cut = text.length() - hold;
        pending.append(text, cut, text.length());
        return text.substring(0, cut);
    }

    /** Releases the held-back text at the end of generation ("" if a stop matched). */
    public String finish() {
        if (matched != null) return "";
        String rest = pending.toString();
        pending.setLength(0);
        return rest;
    }

    /** Whether a stop string has matched. */
    public boolean stopped() {
        return matched != null;
    }

    /** The stop string that matched, or null. */
    public String matchedStop() {
        return matched;
    }

    /** Length of the longest suffix of text that is a proper prefix of some stop string. */
    private int heldSuffix(String text) {
        int held = 0;
        for (String s : stops) held = Math.max(held, PartialMatch.heldSuffix(text, s));
        return held;
    }
}
