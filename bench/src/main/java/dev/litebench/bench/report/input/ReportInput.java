package dev.litebench.bench.report.input;

import dev.litebench.bench.report.input.ResultReader.ResultSource;
import dev.litebench.bench.scenario.ScenarioName;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a report is made of: the targets (a label in one run, the run told apart by its time origin), each with its
 * results by scenario; runs in the order their files were given, the targets of a run in the order it measured them.
 */
public record ReportInput(List<TargetResults> targets, int files) {

    public static ReportInput of(List<ResultSource> sources) {
        if (sources.isEmpty()) throw new IllegalArgumentException("no result files given");
        record Key(String label, String origin) {}
        Map<Key, Map<ScenarioName, ResultSource>> groups = new LinkedHashMap<>();
        for (ResultSource s : sources) {
            var d = s.document();
            Map<ScenarioName, ResultSource> g = groups.computeIfAbsent(new Key(d.target().label(), d.origin()), k -> new EnumMap<>(ScenarioName.class));
            ResultSource before = g.putIfAbsent(ScenarioName.byId(d.scenario()), s);
            if (before != null) {
                throw new IllegalArgumentException("two " + d.scenario() + " results of target " + d.target().label()
                        + " from the same run: " + before.file() + " and " + s.file());
            }
        }
        List<Map.Entry<Key, Map<ScenarioName, ResultSource>>> ordered = new ArrayList<>(groups.entrySet());
        List<String> origins = ordered.stream().map(e -> e.getKey().origin()).distinct().toList();
        // runs in the order given; within a run, targets in the order they were measured
        ordered.sort(Comparator.comparingInt((Map.Entry<Key, Map<ScenarioName, ResultSource>> e) -> origins.indexOf(e.getKey().origin()))
                .thenComparingDouble(e -> e.getValue().values().stream().map(src -> src.document().startMs())
                        .filter(Objects::nonNull).mapToDouble(Double::doubleValue).min().orElse(0)));
        List<TargetResults> targets = new ArrayList<>();
        for (var e : ordered) {
            String label = e.getKey().label();
            long sameLabel = groups.keySet().stream().filter(k -> k.label().equals(label)).count();
            String name = sameLabel == 1 ? label : label + " (" + runName(e.getValue(), groups, label) + ")";
            Map<ScenarioName, ResultDocument> results = new EnumMap<>(ScenarioName.class);
            e.getValue().forEach((s, src) -> results.put(s, src.document()));
            targets.add(new TargetResults(name, targets.size(), results));
        }
        return new ReportInput(List.copyOf(targets), sources.size());
    }

    /** The run directory's name (DIR of DIR/label/scenario.json) when it tells the runs apart, else the time origin. */
    private static String runName(Map<ScenarioName, ResultSource> group, Map<?, Map<ScenarioName, ResultSource>> groups, String label) {
        String dir = runDir(group);
        long sameDir = groups.values().stream()
                .filter(g -> g.values().iterator().next().document().target().label().equals(label))
                .filter(g -> Objects.equals(runDir(g), dir)).count();
        return dir != null && sameDir == 1 ? dir : String.valueOf(group.values().iterator().next().document().origin());
    }

    private static String runDir(Map<ScenarioName, ResultSource> group) {
        Path parent = group.values().iterator().next().file().toAbsolutePath().getParent().getParent();
        return parent == null || parent.getFileName() == null ? null : parent.getFileName().toString();
    }

    /** The scenarios at least one target ran, in run order. */
    public Set<ScenarioName> scenarios() {
        Set<ScenarioName> s = EnumSet.noneOf(ScenarioName.class);
        for (TargetResults t : targets) s.addAll(t.results().keySet());
        return s;
    }

    public boolean comparison() {
        return targets.size() > 1;
    }
}
