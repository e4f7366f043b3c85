package dev.litebench.bench.scenario;

import java.util.Locale;

/**
 * Prompts made unique at their start, so that no request can reuse another's prefix cache beyond the chat
 * template. The tag's digits are written least significant first and padded to a fixed width, so consecutive
 * prompts differ from the first digit on and all tags tokenize to the same length.
 */
public final class Prompts {
    private Prompts() {}

    public static String unique(int index, String prompt) {
        return tag(index) + prompt;
    }

    public static String tag(int index) {
        return "[" + new StringBuilder(String.format(Locale.ROOT, "%06d", index % 1_000_000)).reverse() + "] ";
    }
}
