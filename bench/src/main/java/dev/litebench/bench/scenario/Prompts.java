package dev.litebench.bench.scenario;

import java.util.Locale;

/**
 * Prompts made unique at their start, so that no request can reuse another's prefix cache beyond the chat
 * template. The tag's digits are written least significant first and padded to a fixed width, so consecutive
 * prompts differ from the first digit on and all tags tokenize to the same length. Four digits drawn once per
 * process follow, so that a second run against the same server does not meet the first run's prompts in its cache.
 */
public final class Prompts {
    private static final String RUN = String.format(Locale.ROOT, "%04d", new java.security.SecureRandom().nextInt(10_000));

    private Prompts() {}

    public static String unique(int index, String prompt) {
        return tag(index) + prompt;
    }

    public static String tag(int index) {
        return "[" + new StringBuilder(String.format(Locale.ROOT, "%06d", index % 1_000_000)).reverse() + RUN + "] ";
    }
}
