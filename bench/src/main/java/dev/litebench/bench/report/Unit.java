package dev.litebench.bench.report;

/** How a metric's values are written (see {@link Format}); TEXT cells hold words, not numbers. */
enum Unit {
    MS, NUMBER, PERCENT, BYTES, MIB, REQ_PER_S, TOK_PER_S, TEXT;

    String format(double v) {
        return switch (this) {
            case MS -> Format.ms(v);
            case PERCENT -> Format.number(v) + " %";
            case BYTES -> Format.bytes(v);
            case MIB -> Format.number(v) + " MiB";
            case REQ_PER_S -> Format.number(v) + " req/s";
            case TOK_PER_S -> Format.number(v) + " tok/s";
            case NUMBER, TEXT -> Format.number(v);
        };
    }
}
