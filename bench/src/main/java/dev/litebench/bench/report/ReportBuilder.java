package dev.litebench.bench.report;

import dev.litebench.bench.report.MetricDefinitions.Definition;
import dev.litebench.bench.report.ReportDocument.Block;
import dev.litebench.bench.report.ReportDocument.Bullets;
import dev.litebench.bench.report.ReportDocument.Cell;
import dev.litebench.bench.report.ReportDocument.Emphasis;
import dev.litebench.bench.report.ReportDocument.Charts;
import dev.litebench.bench.report.ReportDocument.Details;
import dev.litebench.bench.report.ReportDocument.Markdown;
import dev.litebench.bench.report.ReportDocument.Paragraph;
import dev.litebench.bench.report.ReportDocument.Section;
import dev.litebench.bench.report.ReportDocument.Table;
import dev.litebench.bench.report.ReportDocument.Text;
import dev.litebench.bench.report.input.ReportInput;
import dev.litebench.bench.report.input.TargetResults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Assembles the report's document from the targets' results: summary, recommendations, charts, tables, audit, environment. */
final class ReportBuilder {
    private final ReportInput input;
    private final MetricDefinitions defs;
    private final List<TargetMetrics> metrics;

    ReportBuilder(ReportInput input, MetricDefinitions defs) {
        this.input = input;
        this.defs = defs;
        this.metrics = TargetMetrics.of(input.targets());
    }

    ReportDocument build() {
        List<Section> sections = new ArrayList<>();
        List<SummaryRow> rows = SummaryRows.of(metrics);
        sections.add(new Section("summary", "Summary", List.of(summary(rows))));
        if (input.comparison()) {
            Recommendations r = new Recommendations(rows, metrics);
            if (!r.decisions().isEmpty()) {
                sections.add(new Section("recommendations", "Which target for which use", List.of(r.matrix(defs), new Bullets(r.sentences()))));
            }
        }
        List<ChartSpec> charts = ReportCharts.of(metrics);
        if (!charts.isEmpty()) sections.add(new Section("charts", "Charts", List.of(new Charts(charts))));
        DetailTables details = new DetailTables(metrics, defs);
        addTable(sections, "latency", "Latency, one request at a time", details.latency());
        addTable(sections, "concurrency", "Concurrency: throughput, latency and resources per level", details.concurrency());
        addTable(sections, "capacity", "Capacity under the SLO", details.capacity());
        addTable(sections, "context", "Latency vs input length", details.context());
        addTable(sections, "rate", "Open-loop request rates", details.rate());
        addTable(sections, "cold-start", "Cold start", details.coldStart());
        sections.add(new Section("audit", "Validity audit", List.of(audit())));
        sections.add(new Section("environment", "Environment", List.of(EnvironmentTable.of(input.targets()))));
        sections.add(new Section("definitions", "Metric definitions", List.of(new Markdown(usedDefinitions(sections)),
                new Details("docs/METRICS.md in full: every formula", defs.markdown()))));
        return new ReportDocument(title(), facts(), Comparability.alerts(input.targets()), sections);
    }

    private Table summary(List<SummaryRow> rows) {
        List<Cell> header = new ArrayList<>(List.of(Cell.of("metric")));
        for (TargetResults t : input.targets()) header.add(Cell.target(t.name(), t.index()));
        if (input.comparison()) header.addAll(List.of(Cell.of("better"), Cell.of("difference"), Cell.of("rule")));
        List<List<Cell>> body = new ArrayList<>();
        for (SummaryRow r : rows) {
            Verdict v = r.verdict();
            List<Cell> line = new ArrayList<>(List.of(Cell.metric(r.label(), defs.get(r.definition()))));
            for (int i = 0; i < input.targets().size(); i++) line.add(Cell.of(r.text(i), Objects.equals(v.winner(), i) ? Emphasis.BETTER : Emphasis.NONE));
            if (input.comparison()) {
                line.add(v.winner() != null ? Cell.target(name(v.winner()), v.winner()) : Cell.of(v.best() == null ? "-" : "no clear winner"));
                line.add(Cell.of(v.best() == null ? "-" : v.differenceText() + (v.reason() == null ? "" : " (" + v.reason() + ")")));
                line.add(Cell.of(r.rule()));
            }
            body.add(line);
        }
        List<String> notes = new ArrayList<>(List.of(DetailTables.INTERVAL_NOTE,
                "Capacity [low – high]: the bracket of its search (∞: no tested concurrency failed)."));
        if (input.comparison()) {
            notes.add("Better: by the rule of the row, named only when " + Verdict.clearWinRule() + "; its value in bold. "
                    + "Difference: the better value against the next best.");
        }
        return new Table(header, body, notes);
    }

    private Block audit() {
        List<Text> lines = new ArrayList<>();
        for (TargetResults t : input.targets()) {
            t.results().forEach((s, d) -> {
                if (d.audit() != null && !d.audit().warnings().isEmpty()) {
                    lines.add(Text.plain("").strong(t.name() + ", " + s.id).then(": " + String.join("; ", d.audit().warnings())));
                }
            });
        }
        if (lines.isEmpty()) return new Paragraph(Text.plain("No warnings in " + input.files() + " result files."));
        return new Bullets(lines);
    }

    /** The definitions the tables' headers point to, each once, in order of first use. */
    private String usedDefinitions(List<Section> sections) {
        Map<String, Definition> used = new LinkedHashMap<>();
        for (Section s : sections) {
            for (Block b : s.blocks()) {
                if (!(b instanceof Table t)) continue;
                t.rows().forEach(r -> r.forEach(c -> addDefinition(used, c)));
                t.header().forEach(c -> addDefinition(used, c));
            }
        }
        return used.values().stream().map(d -> "- **" + d.name() + "**: " + d.markdown()).collect(Collectors.joining("\n"));
    }

    private static void addDefinition(Map<String, Definition> used, Cell c) {
        if (c.definition() != null) used.putIfAbsent(c.definition().name(), c.definition());
    }

    private static void addTable(List<Section> sections, String id, String title, Table t) {
        if (t != null) sections.add(new Section(id, title, List.of(t)));
    }

    private String title() {
        return "LiteBench report: " + input.targets().stream().map(TargetResults::name).collect(Collectors.joining(" vs "));
    }

    private List<String> facts() {
        List<String> facts = new ArrayList<>();
        facts.add("Targets: " + input.targets().stream().map(t -> t.name() + (t.model() == null || t.model().equals(t.name()) ? "" : " (model " + t.model() + ")"))
                .collect(Collectors.joining(", ")) + ".");
        facts.add("Scenarios: " + input.scenarios().stream().map(s -> s.id).collect(Collectors.joining(", ")) + "; from "
                + input.files() + " result files.");
        List<String> origins = input.targets().stream().map(t -> t.first().origin()).distinct().toList();
        facts.add(origins.size() == 1 ? "One run, started " + origins.getFirst() + "."
                : origins.size() + " separate runs, started " + String.join(", ", origins) + ".");
        return facts;
    }

    private String name(int index) {
        return input.targets().get(index).name();
    }
}
