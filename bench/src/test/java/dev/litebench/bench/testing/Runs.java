package dev.litebench.bench.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.litebench.bench.BenchRun;
import dev.litebench.bench.api.ChatApi;
import dev.litebench.bench.http.Endpoint;
import dev.litebench.bench.measure.RequestRecord;
import dev.litebench.bench.scenario.BenchSettings;
import dev.litebench.bench.scenario.Profile;
import dev.litebench.bench.scenario.Progress;
import dev.litebench.bench.targets.TargetSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Helpers for runs against loopback servers: small fast settings, endpoint targets, reading result files. */
public final class Runs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Runs() {}

    /** Quick-profile settings with short outputs and one warm-up, for {@code scenarios}. */
    public static BenchSettings.Builder settings(String... scenarios) {
        return BenchSettings.builder(Profile.QUICK).scenarios(List.of(scenarios)).outputTokens(5).warmupRequests(1);
    }

    public static TargetSpec endpoint(String label, String url) {
        return new TargetSpec(label, TargetSpec.Kind.ENDPOINT, Endpoint.parse(url), null, null, new ChatApi(), null, null, null);
    }

    public static List<BenchRun.TargetOutcome> run(BenchSettings s, Path dir, TargetSpec... targets) throws InterruptedException {
        return new BenchRun(List.of(targets), s, dir, new Notes(), "test").run();
    }

    public static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    /** A {@link Progress} that keeps the notes and ignores the rest. */
    public static final class Notes implements Progress {
        public final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void begin(String target, String scenario, String phase, int requests) {}

        @Override
        public void request(RequestRecord r) {}

        @Override
        public void end() {}

        @Override
        public void note(String line) {
            lines.add(line);
        }
    }
}
