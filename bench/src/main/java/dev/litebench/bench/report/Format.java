package dev.litebench.bench.report;

import java.util.Locale;

/** Numbers for people: milliseconds with sensible precision, bytes in binary units. */
final class Format {
    private Format() {}

    static String ms(double v) {
        if (Math.abs(v) >= 10_000) return String.format(Locale.ROOT, "%.2f s", v / 1000);
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%.0f ms", v);
        if (Math.abs(v) >= 10) return String.format(Locale.ROOT, "%.1f ms", v);
        return String.format(Locale.ROOT, "%.2f ms", v);
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        if (Math.abs(v) >= 1000) return String.format(Locale.ROOT, "%.0f", v);
        if (Math.abs(v) >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    static String bytes(double v) {
        if (v >= 1L << 30) return String.format(Locale.ROOT, "%.2f GiB", v / (1L << 30));
        return String.format(Locale.ROOT, "%.0f MiB", v / (1L << 20));
    }
}
