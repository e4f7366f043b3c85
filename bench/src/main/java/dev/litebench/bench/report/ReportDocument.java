package dev.litebench.bench.report;

import dev.litebench.bench.report.MetricDefinitions.Definition;

import java.util.ArrayList;
import java.util.List;

/**
 * The report before it is written: a title, facts about the input, alerts that must be read first (results not
 * comparable as they stand), and sections of blocks. {@link MarkdownReport} and {@link HtmlReport} render it.
 */
record ReportDocument(String title, List<String> facts, List<String> alerts, List<Section> sections) {

    record Section(String id, String title, List<Block> blocks) {}

    sealed interface Block permits Paragraph, Bullets, Table, Markdown, Charts, Details {}

    record Paragraph(Text text) implements Block {}

    record Bullets(List<Text> items) implements Block {}

    /** Notes are printed under the table (what brackets mean, the rule of a bold value). */
    record Table(List<Cell> header, List<List<Cell>> rows, List<String> notes) implements Block {}

    /** Text that is Markdown already (taken from docs/METRICS.md). */
    record Markdown(String markdown) implements Block {}

    /** Charts exist in HTML only; Markdown leaves them out. */
    record Charts(List<ChartSpec> charts) implements Block {}

    /** A long Markdown text folded under a summary line, in HTML only (docs/METRICS.md in full). */
    record Details(String summary, String markdown) implements Block {}

    /** Why a cell stands out: the better value of its row, or a value not the same for every target. Both bold. */
    enum Emphasis { NONE, BETTER, DIFFERS }

    /**
     * A table cell: {@code definition} is the metric's definition (a tooltip in HTML), {@code target} the index of
     * the target it names (its colour in HTML).
     */
    record Cell(String text, Emphasis emphasis, Definition definition, Integer target) {
        static Cell of(String text) {
            return new Cell(text, Emphasis.NONE, null, null);
        }

        static Cell of(String text, Emphasis emphasis) {
            return new Cell(text, emphasis, null, null);
        }

        static Cell metric(String text, Definition definition) {
            return new Cell(text, Emphasis.NONE, definition, null);
        }

        static Cell target(String name, int index) {
            return new Cell(name, Emphasis.NONE, null, index);
        }

        boolean strong() {
            return emphasis != Emphasis.NONE;
        }
    }

    /** Inline text: plain and strong spans, escaped by each renderer. */
    record Text(List<Span> spans) {
        record Span(String text, boolean strong) {}

        static Text plain(String s) {
            return new Text(List.of(new Span(s, false)));
        }

        Text then(String s) {
            return append(new Span(s, false));
        }

        Text strong(String s) {
            return append(new Span(s, true));
        }

        private Text append(Span s) {
            List<Span> l = new ArrayList<>(spans);
            l.add(s);
            return new Text(List.copyOf(l));
        }
    }
}
