package dev.litebench.bench.report.input;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.litebench.bench.scenario.ScenarioName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds and parses result files: files given by name, and every {@code *.json} under directories given. Anything
 * that is not a readable schema-1.x result is bad input, reported in one line naming the file.
 */
public final class ResultReader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultReader() {}

    /** A parsed result and the file it came from. */
    public record ResultSource(Path file, ResultDocument document) {}

    public static List<ResultSource> read(List<Path> inputs) throws IOException {
        List<ResultSource> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(p)) {
                    files = s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json")).sorted().toList();
                }
                if (files.isEmpty()) throw new IllegalArgumentException(p + ": no result files (*.json) in it");
                for (Path f : files) out.add(new ResultSource(f, parse(f)));
            } else if (Files.isRegularFile(p)) {
                out.add(new ResultSource(p, parse(p)));
            } else {
                throw new NoSuchFileException(p.toString());
            }
        }
        return out;
    }

    static ResultDocument parse(Path file) throws IOException {
        ResultDocument d;
        try {
            d = JSON.readValue(file.toFile(), ResultDocument.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(file + ": not JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (JsonMappingException e) {
            String where = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw new IllegalArgumentException(file + ": not a LiteBench result file ("
                    + (where.isEmpty() ? "not a JSON object" : "unexpected value at " + where) + ")");
        }
        String problem = problem(d);
        if (problem != null) throw new IllegalArgumentException(file + ": " + problem);
        return d;
    }

    private static String problem(ResultDocument d) {
        if (d == null || d.schemaVersion() == null) return "no schema_version: not a LiteBench result file";
        if (!d.schemaVersion().startsWith("1.")) {
            return "schema_version " + d.schemaVersion() + " is not supported (this LiteBench reads 1.x)";
        }
        if (d.scenario() == null) return "no scenario";
        try {
            ScenarioName.byId(d.scenario());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (d.target() == null || d.target().label() == null) return "no target label";
        if (d.summary() == null) return "no summary";
        return null;
    }
}
