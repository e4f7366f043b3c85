package dev.litebench.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.litebench.bench.report.ReportDocument.Block;
import dev.litebench.bench.report.ReportDocument.Bullets;
import dev.litebench.bench.report.ReportDocument.Cell;
import dev.litebench.bench.report.ReportDocument.Charts;
import dev.litebench.bench.report.ReportDocument.Details;
import dev.litebench.bench.report.ReportDocument.Emphasis;
import dev.litebench.bench.report.ReportDocument.Markdown;
import dev.litebench.bench.report.ReportDocument.Paragraph;
import dev.litebench.bench.report.ReportDocument.Section;
import dev.litebench.bench.report.ReportDocument.Table;
import dev.litebench.bench.report.ReportDocument.Text;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html: one self-contained page that works offline. Tables carry metric definitions as tooltips, targets
 * their colour; the charts' data is embedded as JSON and drawn by the inlined Chart.js. The page records in
 * {@code #report-status} how many charts it drew, the points of each chart on its canvas ({@code data-points}),
 * and every JavaScript error, so that a headless browser can check it.
 */
final class HtmlReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<org.commonmark.Extension> MARKDOWN_EXTENSIONS = List.of(TablesExtension.create());

    private HtmlReport() {}

    static String render(ReportDocument doc) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(doc.title())).append("</title>\n")
                .append("<style>\n").append(resource("report.css")).append("</style>\n")
                .append("<script>\n").append(resource("report-errors.js")).append("</script>\n")
                .append("</head>\n<body>\n");
        List<ChartSpec> charts = new ArrayList<>();
        doc.sections().forEach(s -> s.blocks().forEach(b -> {
            if (b instanceof Charts c) charts.addAll(c.charts());
        }));
        out.append("<div id=\"report-status\" hidden data-charts=\"").append(charts.size()).append("\" data-drawn=\"0\" data-errors=\"0\"></div>\n")
                .append("<div id=\"report-errors\" class=\"alert\" hidden></div>\n");
        out.append("<header>\n<h1>").append(escape(doc.title())).append("</h1>\n");
        for (String alert : doc.alerts()) out.append("<div class=\"alert\">⚠ ").append(escape(alert)).append("</div>\n");
        out.append("<p class=\"facts\">").append(escape(String.join(" ", doc.facts()))).append("</p>\n<nav>");
        for (Section s : doc.sections()) out.append("<a href=\"#").append(s.id()).append("\">").append(escape(s.title())).append("</a>");
        out.append("</nav>\n</header>\n<main>\n");
        for (Section s : doc.sections()) {
            out.append("<section id=\"").append(s.id()).append("\">\n<h2>").append(escape(s.title())).append("</h2>\n");
            for (Block b : s.blocks()) block(out, b);
            out.append("</section>\n");
        }
        out.append("</main>\n");
        out.append("<script type=\"application/json\" id=\"report-data\">").append(json(Map.of("colors", TargetColors.PALETTE, "charts", charts)))
                .append("</script>\n");
        out.append("<script>\n").append(inline(ChartJs.source())).append("\n</script>\n");
        out.append("<script>\n").append(resource("report.js")).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void block(StringBuilder out, Block b) {
        switch (b) {
            case Paragraph p -> out.append("<p>").append(text(p.text())).append("</p>\n");
            case Bullets l -> {
                out.append("<ul>\n");
                for (Text t : l.items()) out.append("<li>").append(text(t)).append("</li>\n");
                out.append("</ul>\n");
            }
            case Table t -> table(out, t);
            case Markdown m -> out.append("<div class=\"markdown\">").append(markdown(m.markdown())).append("</div>\n");
            case Charts c -> {
                out.append("<div class=\"charts\">\n");
                for (ChartSpec spec : c.charts()) {
                    out.append("<figure class=\"chart\"><canvas id=\"chart-").append(spec.id()).append("\" role=\"img\" aria-label=\"")
                            .append(escape(spec.title())).append("\"></canvas></figure>\n");
                }
                out.append("</div>\n");
            }
            case Details d -> out.append("<details><summary>").append(escape(d.summary())).append("</summary>\n<div class=\"markdown\">")
                    .append(markdown(d.markdown())).append("</div></details>\n");
        }
    }

    private static void table(StringBuilder out, Table t) {
        out.append("<div class=\"table\"><table>\n<thead><tr>");
        for (Cell c : t.header()) out.append("<th>").append(cell(c)).append("</th>");
        out.append("</tr></thead>\n<tbody>\n");
        for (List<Cell> r : t.rows()) {
            out.append("<tr>");
            for (int i = 0; i < r.size(); i++) {
                String tag = i == 0 ? "th" : "td";
                Emphasis e = r.get(i).emphasis();
                out.append('<').append(tag).append(e == Emphasis.NONE ? "" : " class=\"" + e.name().toLowerCase(Locale.ROOT) + "\"").append('>')
                        .append(cell(r.get(i))).append("</").append(tag).append('>');
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table></div>\n");
        for (String n : t.notes()) out.append("<p class=\"note\">").append(escape(n)).append("</p>\n");
    }

    private static String cell(Cell c) {
        String s = escape(c.text());
        if (c.target() != null) {
            s = "<span class=\"target\"><span class=\"swatch\" style=\"background:" + TargetColors.of(c.target()) + "\"></span>" + s + "</span>";
        }
        if (c.definition() != null) s = "<span class=\"metric\" title=\"" + escape(c.definition().plain()) + "\">" + s + "</span>";
        return c.strong() ? "<strong>" + s + "</strong>" : s;
    }

    private static String text(Text t) {
        StringBuilder b = new StringBuilder();
        for (Text.Span s : t.spans()) b.append(s.strong() ? "<strong>" + escape(s.text()) + "</strong>" : escape(s.text()));
        return b.toString();
    }

    /** Renders Markdown; links to other files of the docs (relative) keep only their text, as they lead nowhere from a report. */
    private static String markdown(String md) {
        Parser parser = Parser.builder().extensions(MARKDOWN_EXTENSIONS).build();
        String local = md.replaceAll("\\[([^]]+)]\\((?!https?:)[^)]+\\)", "$1");
        return HtmlRenderer.builder().extensions(MARKDOWN_EXTENSIONS).escapeHtml(true).build().render(parser.parse(local));
    }

    private static String json(Object o) {
        try {
            // inside JSON, '<' occurs only in strings, where "<\/" reads as "</"
            return JSON.writeValueAsString(o).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps a "</script" in the code (in a string or regular expression, where "<\/" means the same) from closing the element. */
    private static String inline(String script) {
        return script.replaceAll("(?i)</(script)", "<\\\\/$1");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " missing from the build");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
