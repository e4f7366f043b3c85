package dev.litebench.bench.report;

import dev.litebench.bench.report.ReportDocument.Cell;
import dev.litebench.bench.report.ReportDocument.Emphasis;
import dev.litebench.bench.report.ReportDocument.Table;
import dev.litebench.bench.report.ReportDocument.Text;
import dev.litebench.bench.report.SummaryRow.Kind;
import dev.litebench.bench.report.input.ResultDocument.RequestResult;
import dev.litebench.bench.report.input.ResultDocument.SetSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Which target for which use, decided by one summary row each and worded from its numbers: a target is named
 * only when its {@link Verdict} is a clear win (threshold and intervals), otherwise "no clear winner" and why.
 */
final class Recommendations {

    /** A use and the summary rows that can decide it, the first one present deciding. */
    record UseCase(String name, List<Kind> deciding) {}

    static final List<UseCase> USE_CASES = List.of(
            new UseCase("Interactive chat", List.of(Kind.TTFT)),
            new UseCase("Long answers", List.of(Kind.TPOT)),
            new UseCase("Batch jobs", List.of(Kind.PEAK_THROUGHPUT)),
            new UseCase("Many users within the SLO", List.of(Kind.CAPACITY)),
            new UseCase("Long prompts", List.of(Kind.LONG_PROMPT_TTFT)),
            new UseCase("Memory-constrained", List.of(Kind.PEAK_GPU_MEMORY, Kind.PEAK_SERVER_RSS)),
            new UseCase("Scale to zero, frequent restarts", List.of(Kind.SPAWN_TO_READY)));

    private final List<SummaryRow> rows;
    private final List<TargetMetrics> targets;

    Recommendations(List<SummaryRow> rows, List<TargetMetrics> targets) {
        this.rows = rows;
        this.targets = targets;
    }

    /** A use case with its deciding row and that row's verdict. */
    record Decision(UseCase useCase, SummaryRow row, Verdict verdict) {}

    List<Decision> decisions() {
        List<Decision> out = new ArrayList<>();
        for (UseCase u : USE_CASES) {
            u.deciding().stream().map(this::row).filter(Objects::nonNull).findFirst()
                    .filter(r -> r.values().stream().filter(Objects::nonNull).count() > 1)
                    .ifPresent(r -> out.add(new Decision(u, r, r.verdict())));
        }
        return out;
    }

    /** The matrix: one row per use case, each target's deciding value, the clear winner's in bold. */
    Table matrix(MetricDefinitions defs) {
        List<Cell> header = new ArrayList<>(List.of(Cell.of("use"), Cell.of("deciding metric")));
        for (TargetMetrics t : targets) header.add(Cell.target(name(t.target().index()), t.target().index()));
        header.add(Cell.of("recommended"));
        List<List<Cell>> body = new ArrayList<>();
        for (Decision d : decisions()) {
            List<Cell> line = new ArrayList<>(List.of(Cell.of(d.useCase().name()),
                    Cell.metric(d.row().label() + " (" + d.row().rule() + ")", defs.get(d.row().definition()))));
            for (int i = 0; i < targets.size(); i++) {
                line.add(Cell.of(d.row().text(i), Objects.equals(d.verdict().winner(), i) ? Emphasis.BETTER : Emphasis.NONE));
            }
            line.add(d.verdict().winner() == null ? Cell.of("no clear winner") : Cell.target(name(d.verdict().winner()), d.verdict().winner()));
            body.add(line);
        }
        return new Table(header, body, List.of("A target is recommended when it is " + Verdict.clearWinRule() + "."));
    }

    /** One sentence per use case, from the numbers. */
    List<Text> sentences() {
        return decisions().stream().map(this::sentence).toList();
    }

    private Text sentence(Decision d) {
        SummaryRow row = d.row();
        Verdict v = d.verdict();
        Text t = Text.plain(d.useCase().name() + ": ");
        if (v.winner() == null) {
            String why = v.reason() == null || v.reason().isEmpty() ? "" : "; " + v.reason();
            return t.strong("no clear winner").then(" — " + row.label() + ": " + values(row) + why + ".");
        }
        t = t.strong(name(v.winner())).then(" — " + row.label() + " " + difference(row, v) + " (" + values(row) + ")");
        if (row.kind() == Kind.TTFT) t = t.then(underLoad(v.winner()));
        return t.then(".");
    }

    /** "21% lower"; for memory "230 MiB less (56% lower)". */
    private static String difference(SummaryRow row, Verdict v) {
        if (row.unit() == Unit.BYTES || row.unit() == Unit.MIB) {
            double abs = Math.abs(row.values().get(v.best()).estimate().value() - row.values().get(v.runnerUp()).estimate().value());
            return row.unit().format(abs) + " less (" + v.differenceText() + ")";
        }
        return v.differenceText();
    }

    private String values(SummaryRow row) {
        return IntStream.range(0, targets.size()).filter(i -> row.values().get(i) != null)
                .mapToObj(i -> row.text(i) + " for " + name(i)).collect(Collectors.joining(" vs "));
    }

    /** Whether the single-stream TTFT winner also wins at every concurrency all targets ran. */
    private String underLoad(int winner) {
        List<Integer> levels = TargetMetrics.commonConcurrencies(targets);
        if (levels.isEmpty()) return "";
        List<Integer> won = new ArrayList<>();
        List<String> not = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (int c : levels) {
            Verdict v = Verdict.of(targets.stream().map(m -> m.atConcurrency(c, SetSummary::ttftMs, RequestResult::ttftMs)).toList(),
                    Better.LOWER, Verdict.Difference.RELATIVE);
            if (Objects.equals(v.winner(), winner)) {
                won.add(c);
                min = Math.min(min, v.difference());
                max = Math.max(max, v.difference());
            } else {
                not.add("c=" + c + (v.winner() != null ? " (" + name(v.winner()) + " " + v.differenceText() + ")" : " (no clear difference)"));
            }
        }
        String range = won.isEmpty() ? "" : " (" + Verdict.amount(min, Verdict.Difference.RELATIVE)
                + (won.size() > 1 ? " to " + Verdict.amount(max, Verdict.Difference.RELATIVE) : "") + " lower)";
        if (not.isEmpty()) return "; TTFT p50 lower at every tested concurrency up to " + levels.getLast() + range;
        if (won.isEmpty()) return "; but not under load: " + String.join(", ", not);
        return "; lower at concurrency " + won.stream().map(String::valueOf).collect(Collectors.joining(", ")) + range
                + ", not at " + String.join(", ", not);
    }

    private String name(int index) {
        return targets.get(index).target().name();
    }

    private SummaryRow row(Kind k) {
        return rows.stream().filter(r -> r.kind() == k).findFirst().orElse(null);
    }
}
