package dev.litebench.bench.report;

import java.util.List;

/** One colour per target, the same in every table swatch and chart: the Okabe-Ito palette (told apart with colour blindness). */
final class TargetColors {
    static final List<String> PALETTE = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000");

    private TargetColors() {}

    static String of(int target) {
        return PALETTE.get(target % PALETTE.size());
    }
}
