package dev.litebench.bench.report.input;

import dev.litebench.bench.report.ReportRuns;
import dev.litebench.bench.scenario.ScenarioName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultReaderTest {

    @TempDir
    Path dir;

    @Test
    void aRunDirectoryGivesOneTargetPerLabelWithEveryScenario() throws IOException {
        ReportInput in = ReportInput.of(ResultReader.read(List.of(ReportRuns.TWO_TARGETS)));
        assertThat(in.targets()).extracting(TargetResults::name).containsExactly("fast", "lean");
        assertThat(in.files()).isEqualTo(12);
        assertThat(in.scenarios()).isEqualTo(EnumSet.allOf(ScenarioName.class));
        TargetResults lean = in.targets().get(1);
        assertThat(lean.index()).isEqualTo(1);
        assertThat(lean.model()).isEqualTo("fake-lean");
        ResultDocument concurrency = lean.result(ScenarioName.CONCURRENCY);
        assertThat(concurrency.levels()).extracting(ResultDocument.LevelResult::concurrency).containsExactly(1, 2, 4, 8);
        assertThat(concurrency.requests()).hasSize(concurrency.summary().requestsOk() + concurrency.summary().requestsFailed());
        assertThat(lean.environment().machine().cores()).isEqualTo(2);
        assertThat(lean.result(ScenarioName.CAPACITY).capacity().value()).isEqualTo(13);
    }

    @Test
    void theSameLabelFromTwoRunsIsToldApartByItsRunDirectory() throws IOException {
        copy(ReportRuns.TWO_TARGETS.resolve("fast"), dir.resolve("monday/fast"));
        copy(ReportRuns.ONE_CORE_FAST, dir.resolve("tuesday/fast"));
        ReportInput in = ReportInput.of(ResultReader.read(List.of(dir.resolve("monday"), dir.resolve("tuesday"))));
        assertThat(in.targets()).extracting(TargetResults::name).containsExactly("fast (monday)", "fast (tuesday)");
    }

    @Test
    void fieldsAReaderDoesNotKnowAreIgnored() throws IOException {
        String json = Files.readString(ReportRuns.ONE_CORE_FAST.resolve("latency.json"));
        Path f = dir.resolve("latency.json");
        Files.writeString(f, json.replaceFirst("\\{", "{\"added_in_1_1\":{\"x\":[1,2]},").replace("\"schema_version\":\"1.0\"", "\"schema_version\":\"1.1\""));
        ResultDocument d = ResultReader.read(List.of(f)).getFirst().document();
        assertThat(d.schemaVersion()).isEqualTo("1.1");
        assertThat(d.summary().requestsOk()).isEqualTo(10);
    }

    @Test
    void badInputIsOneLineNamingTheFile() throws IOException {
        Path notJson = Files.writeString(dir.resolve("notes.json"), "hello");
        Path other = Files.writeString(dir.resolve("package.json"), "{\"name\":\"x\"}");
        Path future = Files.writeString(dir.resolve("future.json"),
                Files.readString(ReportRuns.ONE_CORE_FAST.resolve("latency.json")).replace("\"schema_version\":\"1.0\"", "\"schema_version\":\"2.0\""));
        Path unknownScenario = Files.writeString(dir.resolve("odd.json"),
                Files.readString(ReportRuns.ONE_CORE_FAST.resolve("latency.json")).replace("\"scenario\":\"latency\"", "\"scenario\":\"speed\""));
        assertOneLine(notJson, "notes.json: not JSON (line 1, column 6)");
        assertOneLine(Files.writeString(dir.resolve("list.json"), "[1]"), "list.json: not a LiteBench result file (not a JSON object)");
        assertOneLine(Files.writeString(dir.resolve("wrong.json"), "{\"schema_version\":\"1.0\",\"summary\":{\"requests_ok\":[]}}"),
                "wrong.json: not a LiteBench result file (unexpected value at summary.requests_ok)");
        assertOneLine(other, "package.json: no schema_version: not a LiteBench result file");
        assertOneLine(future, "future.json: schema_version 2.0 is not supported (this LiteBench reads 1.x)");
        assertOneLine(unknownScenario, "odd.json: unknown scenario 'speed'");
        assertThatThrownBy(() -> ResultReader.read(List.of(dir.resolve("missing")))).isInstanceOf(NoSuchFileException.class);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> ResultReader.read(List.of(empty))).hasMessageEndingWith("empty: no result files (*.json) in it");
    }

    @Test
    void theSameScenarioOfOneTargetAndRunTwiceIsBadInput() throws IOException {
        copy(ReportRuns.ONE_CORE_FAST, dir.resolve("a"));
        copy(ReportRuns.ONE_CORE_FAST, dir.resolve("b"));
        assertThatThrownBy(() -> ReportInput.of(ResultReader.read(List.of(dir.resolve("a"), dir.resolve("b")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two concurrency results of target fast from the same run");
    }

    private static void assertOneLine(Path file, String message) {
        assertThatThrownBy(() -> ResultReader.read(List.of(file))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
    }
}
