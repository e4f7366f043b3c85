package dev.litebench.cli;

import dev.litebench.bench.targets.TargetSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TargetArgsTest {

    @TempDir
    Path dir;

    private static List<String> serve(Path model, int port) {
        return List.of("serve-cmd", model.toString(), Integer.toString(port));
    }

    @Test
    void optionsApplyToTheTargetBeforeThemAndLaunchTakesTheNextEndpoint() throws Exception {
        Path gguf = Files.writeString(dir.resolve("qwen.gguf"), "x");
        TargetArgs a = new TargetArgs();
        a.add("--endpoint", "http://h:8000/v1");
        a.add("--model", "m1");
        a.add("--api", "completions");
        a.add("--launch", "llama-server -m x.gguf --port 8081");
        a.add("--label", "llama");
        a.add("--endpoint", "http://127.0.0.1:8081");
        a.add("--endpoint", "http://h:8000");
        a.add("--serve", gguf.toString());
        List<TargetSpec> t = a.build(TargetArgsTest::serve);
        assertThat(t).extracting(TargetSpec::label).containsExactly("h_8000", "llama", "h_8000-2", "qwen");
        assertThat(t).extracting(TargetSpec::kind).containsExactly(TargetSpec.Kind.ENDPOINT, TargetSpec.Kind.LAUNCH,
                TargetSpec.Kind.ENDPOINT, TargetSpec.Kind.SERVE);
        assertThat(t.get(0).model()).isEqualTo("m1");
        assertThat(t.get(0).api().name()).isEqualTo("completions");
        assertThat(t.get(1).endpoint().port()).isEqualTo(8081);
        assertThat(t.get(1).launchCommand()).containsExactly("/bin/sh", "-c", "llama-server -m x.gguf --port 8081");
        assertThat(t.get(2).model()).isNull();
        assertThat(t.get(3).endpoint().host()).isEqualTo("127.0.0.1");
        assertThat(t.get(3).launchCommand()).containsExactly("serve-cmd", gguf.toString(), Integer.toString(t.get(3).endpoint().port()));
        assertThat(t.get(3).modelFile()).isEqualTo(gguf.toAbsolutePath());
    }

    @Test
    void selfLaunchRunsThisClassPathsMainWithServe() {
        List<String> cmd = SelfLaunch.serve(Path.of("/m/x.gguf"), 8123);
        assertThat(cmd.getFirst()).endsWith("java");
        assertThat(cmd).containsSubsequence("-cp", System.getProperty("java.class.path"), "dev.litebench.cli.Main", "serve",
                "/m/x.gguf", "--host", "127.0.0.1", "--port", "8123");
        assertThat(cmd).noneMatch(f -> f.startsWith("-agentlib"));
        // the server runs with its own collector and young generation, whichever the bench's JVM was started with
        assertThat(cmd.stream().filter(f -> f.matches("-XX:[+-]Use[A-Za-z0-9]*GC")).toList()).containsExactly("-XX:+UseParallelGC");
        List<String> memory = SelfLaunch.serverMemory();
        assertThat(memory).startsWith("-XX:+UseParallelGC", "-Xmn64m");
        assertThat(cmd).containsSubsequence(memory).containsSubsequence(memory.getLast(), "-cp");
        assertThat(cmd.stream().filter(f -> f.equals("-XX:+UseTransparentHugePages")).count()).isLessThanOrEqualTo(1);
    }
}
