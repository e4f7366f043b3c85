package dev.litebench.engine.generate;

/**
 * Streaming separation of a reasoning model's output into reasoning text and answer text, for Qwen3 / DeepSeek-R1
 * style {@code <think>...</think>} blocks. Fed decoded text pieces in order (the tags may be split across pieces
 * in any way), it returns per piece a {@link Delta} of the new reasoning and new content; the concatenation of all
 * deltas plus {@link #finish()} depends only on the concatenated text, not on how it was split.
 *
 * <p>Modes:
 * <ul>
 *   <li>{@code startsInReasoning = true}: the prompt already opened {@code <think>} (Qwen3 thinking-2507,
 *       DeepSeek-R1 templates; see {@link #promptOpensReasoning(String)}). Everything up to the first
 *       {@code </think>} is reasoning. If the model nevertheless starts with {@code <think>} (after optional
 *       whitespace), that tag and the whitespace before it are dropped.</li>
 *   <li>{@code startsInReasoning = false}: if the output starts with {@code <think>} after optional whitespace
 *       (Qwen3 hybrid with thinking on), the whitespace and tag are dropped and reasoning runs to the first
 *       {@code </think>}. Otherwise the whole output is content: thinking disabled by the template (which appended
 *       an empty {@code <think>\n\n</think>\n\n}) or a model that never uses the tags.</li>
 * </ul>
 * After the first {@code </think>} everything is content, including any later think tags. Reasoning that never
 * closes (max_tokens hit while thinking) stays reasoning.
 *
 * <p>Whitespace: like vLLM's qwen3 and deepseek_r1 parsers, only the tags themselves are removed. The newline the
 * model writes after {@code <think>} stays at the start of the reasoning, and the newlines after {@code </think>}
 * stay at the start of the content (Qwen3 typically yields reasoning {@code "\n...\n"} and content
 * {@code "\n\nanswer"}); callers that want trimmed text trim it themselves. The only text dropped besides the tags is
 * whitespace before a leading {@code <think>}.
 *
 * <p>Held back at any time: a leading run of whitespace plus a partial {@code <think>}, or a partial
 * {@code </think>} (at most 7 chars) at the end of reasoning. Not thread-safe; one per sequence.
 */
public final class ThinkingSplitter {
    public static final String OPEN = "<think>";
    public static final String CLOSE = "</think>";

    /** New text for each channel; both non-null, "" when nothing new. */
    public record Delta(String reasoning, String content) {
        public static final Delta EMPTY = new Delta("", "");

        public Delta {
            if (reasoning == null) reasoning = "";
            if (content == null) content = "";
        }

        public boolean isEmpty() {
            return reasoning.isEmpty() && content.isEmpty();
        }
    }

    private enum State { LEADING, REASONING, CONTENT }

    private final boolean startsInReasoning;
    private final StringBuilder pending = new StringBuilder();
    private State state = State.LEADING;

    public ThinkingSplitter(boolean startsInReasoning) {
        this.startsInReasoning = startsInReasoning;
    }

    /** Splits a complete output at once; same result as feeding it in any pieces and calling finish. */
    public static Delta split(String text, boolean startsInReasoning) {
        ThinkingSplitter s = new ThinkingSplitter(startsInReasoning);
        Delta a = s.feed(text), b = s.finish();
        return new Delta(a.reasoning + b.reasoning, a.content + b.content);
    }

    /**
     * Whether a rendered prompt leaves a think block open, i.e. its last {@code <think>} has no {@code </think>}
     * after it: generation then starts inside reasoning. A template that disabled thinking by appending
     * {@code <think>\n\n</think>\n\n} gives false.
     */
    public static boolean promptOpensReasoning(String prompt) {
        int open = prompt.lastIndexOf(OPEN);
        return open >= 0 && prompt.indexOf(CLOSE, open) < 0;
    }

    /** Whether text fed now would count as reasoning (before the first tag decision this is the mode's default). */
    public boolean inReasoning() {
        return state == State.REASONING || (state == State.LEADING && startsInReasoning);
    }

    /** Adds the next piece of output text; returns what can be shown now. */
    public Delta feed(String piece) {
        if (state == State.CONTENT && pending.isEmpty()) return piece.isEmpty() ? Delta.EMPTY : new Delta("", piece);
        pending.append(piece);
        String reasoning = "";
        String content = "";
        while (true) {
            switch (state) {
                case LEADING -> {
                    int i = 0, n = pending.length();
                    while (i < n && isSpace(pending.charAt(i))) i++;
                    int rest = n - i;
                    boolean prefix = regionMatches(pending, i, OPEN, Math.min(rest, OPEN.length()));
                    if (prefix && rest >= OPEN.length()) {
                        pending.delete(0, i + OPEN.length());
                        state = State.REASONING;
                    } else if (prefix) {
                        return new Delta(reasoning, content); // could still become <think>: hold everything
                    } else {
                        state = startsInReasoning ? State.REASONING : State.CONTENT;
                    }
                }
                case REASONING -> {
                    int idx = pending.indexOf(CLOSE);
                    if (idx >= 0) {
                        reasoning = pending.substring(0, idx);
                        pending.delete(0, idx + CLOSE.length());
                        state = State.CONTENT;
                    } else {
                        int cut = pending.length() - PartialMatch.heldSuffix(pending, CLOSE);
                        reasoning = pending.substring(0, cut);
                        pending.delete(0, cut);
                        return new Delta(reasoning, content);
                    }
                }
                case CONTENT -> {
                    content = pending.toString();
                    pending.setLength(0);
                    return new Delta(reasoning, content);
                }
            }
        }
    }

    /** Releases held-back text at the end of generation, in the channel it would have gone to. */
    public Delta finish() {
        String rest = pending.toString();
        pending.setLength(0);
        if (rest.isEmpty()) return Delta.EMPTY;
        return inReasoning() ? new Delta(rest, "") : new Delta("", rest);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private static boolean regionMatches(CharSequence s, int from, String prefix, int len) {
        for (int j = 0; j < len; j++) if (s.charAt(from + j) != prefix.charAt(j)) return false;
        return true;
    }
}
