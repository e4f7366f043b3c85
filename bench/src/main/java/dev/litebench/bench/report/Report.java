package dev.litebench.bench.report;

import dev.litebench.bench.report.input.ReportInput;
import dev.litebench.bench.report.input.ResultReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The report of bench result files: report.md, report.html and summary.csv, whichever are asked for. Bad input
 * (no such file, not a result file, an unsupported schema version) throws with a one-line message.
 */
public final class Report {
    private Report() {}

    /** Reads the result files and directories given, writes the formats into {@code outDir}, returns the files written. */
    public static List<Path> write(List<Path> inputs, Path outDir, Set<ReportFormat> formats) throws IOException {
        ReportInput input = ReportInput.of(ResultReader.read(inputs));
        ReportDocument doc = formats.contains(ReportFormat.MD) || formats.contains(ReportFormat.HTML)
                ? new ReportBuilder(input, MetricDefinitions.load()).build() : null;
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        for (ReportFormat f : formats) {
            String content = switch (f) {
                case MD -> MarkdownReport.render(doc);
                case HTML -> HtmlReport.render(doc);
                case CSV -> SummaryCsv.render(input.targets());
            };
            Path file = outDir.resolve(f.fileName);
            Files.writeString(file, content, StandardCharsets.UTF_8);
            written.add(file);
        }
        return written;
    }
}
