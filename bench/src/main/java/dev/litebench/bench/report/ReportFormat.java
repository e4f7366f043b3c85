package dev.litebench.bench.report;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The files a report can be written as. */
public enum ReportFormat {
    MD("report.md"), HTML("report.html"), CSV("summary.csv");

    public final String fileName;

    ReportFormat(String fileName) {
        this.fileName = fileName;
    }

    /** Parses "md,html,csv" (any subset, any order); an unknown name is bad input. */
    public static Set<ReportFormat> parse(String list) {
        Set<ReportFormat> out = EnumSet.noneOf(ReportFormat.class);
        for (String name : list.split(",")) {
            String n = name.strip().toUpperCase(Locale.ROOT);
            try {
                out.add(valueOf(n));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown report format '" + name.strip() + "' (use "
                        + EnumSet.allOf(ReportFormat.class).stream().map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ")");
            }
        }
        return out;
    }
}
