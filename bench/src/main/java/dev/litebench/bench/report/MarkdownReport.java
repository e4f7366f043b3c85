package dev.litebench.bench.report;

import dev.litebench.bench.report.ReportDocument.Block;
import dev.litebench.bench.report.ReportDocument.Bullets;
import dev.litebench.bench.report.ReportDocument.Cell;
import dev.litebench.bench.report.ReportDocument.Charts;
import dev.litebench.bench.report.ReportDocument.Details;
import dev.litebench.bench.report.ReportDocument.Markdown;
import dev.litebench.bench.report.ReportDocument.Paragraph;
import dev.litebench.bench.report.ReportDocument.Section;
import dev.litebench.bench.report.ReportDocument.Table;
import dev.litebench.bench.report.ReportDocument.Text;

import java.util.List;
import java.util.stream.Collectors;

/** report.md: the document as GitHub-flavoured Markdown; charts and folded details are HTML only. */
final class MarkdownReport {
    private MarkdownReport() {}

    static String render(ReportDocument doc) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(escape(doc.title())).append("\n\n");
        if (!doc.alerts().isEmpty()) {
            out.append(doc.alerts().stream().map(a -> "> **⚠ " + escape(a) + "**").collect(Collectors.joining("\n>\n"))).append("\n\n");
        }
        out.append(doc.facts().stream().map(MarkdownReport::escape).collect(Collectors.joining(" "))).append("\n");
        for (Section s : doc.sections()) {
            if (s.blocks().stream().allMatch(b -> b instanceof Charts || b instanceof Details)) continue;
            out.append("\n## ").append(escape(s.title())).append("\n");
            for (Block b : s.blocks()) block(out, b);
        }
        return out.toString();
    }

    private static void block(StringBuilder out, Block b) {
        switch (b) {
            case Paragraph p -> out.append('\n').append(text(p.text())).append('\n');
            case Bullets l -> {
                out.append('\n');
                for (Text t : l.items()) out.append("- ").append(text(t)).append('\n');
            }
            case Table t -> table(out, t);
            case Markdown m -> out.append('\n').append(m.markdown()).append('\n');
            case Charts c -> { }
            case Details d -> { }
        }
    }

    private static void table(StringBuilder out, Table t) {
        out.append('\n').append(row(t.header())).append('\n');
        out.append("|---".repeat(t.header().size())).append("|\n");
        for (List<Cell> r : t.rows()) out.append(row(r)).append('\n');
        for (String note : t.notes()) out.append('\n').append('_').append(escape(note)).append('_').append('\n');
    }

    private static String row(List<Cell> cells) {
        return "| " + cells.stream().map(c -> c.text().isEmpty() ? "" : c.strong() ? "**" + escape(c.text()) + "**" : escape(c.text()))
                .collect(Collectors.joining(" | ")) + " |";
    }

    private static String text(Text t) {
        return t.spans().stream().map(s -> s.text().isEmpty() ? "" : s.strong() ? "**" + escape(s.text()) + "**" : escape(s.text()))
                .collect(Collectors.joining());
    }

    /** Escapes what Markdown would read as formatting, and table pipes; newlines become spaces. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("\\`*_[]<>|#".indexOf(c) >= 0) b.append('\\');
            b.append(c == '\n' ? ' ' : c);
        }
        return b.toString();
    }
}
