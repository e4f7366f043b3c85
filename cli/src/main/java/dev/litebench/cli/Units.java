package dev.litebench.cli;

import java.util.Locale;

/** Human-readable sizes and counts. */
final class Units {
    private Units() {}

    static String bytes(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        if (n < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
        return String.format(Locale.ROOT, "%.2f GiB", n / (1024.0 * 1024 * 1024));
    }

    static String count(long n) {
        if (n < 1_000) return Long.toString(n);
        if (n < 1_000_000) return String.format(Locale.ROOT, "%.1fK", n / 1e3);
        if (n < 1_000_000_000) return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        return String.format(Locale.ROOT, "%.2fB", n / 1e9);
    }
}
