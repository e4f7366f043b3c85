package dev.litebench.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric definitions of docs/METRICS.md (copied into the jar at build time), by the name the document defines
 * them under: a table row's first cell ({@code `ttft_ms`}, or its first word when it has no code name, like ITL),
 * a bullet's {@code `name`:} or {@code **name**:}, or a heading's {@code (`name`)}. The text is kept as Markdown.
 */
final class MetricDefinitions {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern BULLET = Pattern.compile("^- (?:\\*\\*([^*]+)\\*\\*|((?:`[^`]+`(?:, )?)+)):?\\s*(.*)$");
    private static final Pattern HEADING = Pattern.compile("^#+ .*\\(`([a-z_]+)`\\)\\s*$");

    private final String markdown;
    private final Map<String, String> byName;

    private MetricDefinitions(String markdown, Map<String, String> byName) {
        this.markdown = markdown;
        this.byName = byName;
    }

    static MetricDefinitions load() {
        try (InputStream in = MetricDefinitions.class.getResourceAsStream("METRICS.md")) {
            if (in == null) throw new IllegalStateException("METRICS.md missing from the build (copied from docs/ by bench/pom.xml)");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MetricDefinitions parse(String markdown) {
        Map<String, String> defs = new HashMap<>();
        List<String> lines = markdown.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher bullet = BULLET.matcher(line);
            Matcher heading = HEADING.matcher(line);
            int cellEnd = line.indexOf('|', 1);
            if (line.startsWith("| ") && cellEnd > 0 && line.lastIndexOf('|') > cellEnd) {
                // the second cell runs to the last '|': formulas may contain '|' themselves
                putAll(defs, names(line.substring(1, cellEnd).strip()), line.substring(cellEnd + 1, line.lastIndexOf('|')).strip());
            } else if (bullet.matches()) {
                StringBuilder text = new StringBuilder(bullet.group(3));
                while (i + 1 < lines.size() && lines.get(i + 1).startsWith("  ")) text.append(' ').append(lines.get(++i).strip());
                putAll(defs, bullet.group(1) != null ? List.of(bullet.group(1)) : codeNames(bullet.group(2)), text.toString());
            } else if (heading.matches()) {
                int j = i + 1;
                while (j < lines.size() && lines.get(j).isBlank()) j++;
                StringBuilder text = new StringBuilder();
                while (j < lines.size() && !lines.get(j).isBlank()) text.append(text.isEmpty() ? "" : " ").append(lines.get(j++).strip());
                defs.put(heading.group(1), text.toString());
            }
        }
        return new MetricDefinitions(markdown, Map.copyOf(defs));
    }

    private static List<String> names(String firstCell) {
        List<String> code = codeNames(firstCell);
        return code.isEmpty() ? List.of(firstCell.split("\\s+")[0]) : code;
    }

    private static List<String> codeNames(String s) {
        return CODE.matcher(s).results().map(m -> m.group(1)).toList();
    }

    private static void putAll(Map<String, String> defs, List<String> names, String text) {
        for (String n : names) defs.putIfAbsent(n, text);
    }

    /** The whole document. */
    String markdown() {
        return markdown;
    }

    /** A definition: the name METRICS.md defines it under and its text as written there (Markdown). */
    record Definition(String name, String markdown) {
        /** As plain text, for a tooltip. */
        String plain() {
            return markdown.replace("`", "").replace("**", "").replaceAll("\\[([^]]+)]\\([^)]+\\)", "$1");
        }
    }

    /** The definition of {@code name}, or null when the document has none by that name. */
    Definition get(String name) {
        String md = byName.get(name);
        return md == null ? null : new Definition(name, md);
    }
}
