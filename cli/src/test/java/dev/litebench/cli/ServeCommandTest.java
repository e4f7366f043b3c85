package dev.litebench.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** litebench serve: help, and the ways it refuses to start (the server itself is tested in the server module). */
class ServeCommandTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void synthesize() {
        model = dir.resolve("tiny.gguf");
        assertThat(CliRun.run("synth", "--preset", "tiny", "--quant", "f32", "-o", model.toString()).exitCode()).isZero();
    }

    @Test
    void helpListsEveryFlag() {
        CliRun help = CliRun.run("serve", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("MODEL.gguf", "--host", "--port", "--served-model-name", "--ctx-size", "--parallel",
                "--kv-cache-size", "--threads", "--api-key", "--max-queue", "--batch-size", "--max-body-size", "/v1/chat/completions");
        assertThat(CliRun.run("--help").out()).contains("serve");
    }

    @Test
    void missingModelIsBadInput() {
        CliRun r = CliRun.run("serve", dir.resolve("nope.gguf").toString(), "--port", "0");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err().strip()).endsWith("nope.gguf: no such file").doesNotContain("\n");
    }

    @Test
    void theModelMayComeWithDashMAsInLlamaServer() {
        CliRun r = CliRun.run("serve", "-m", dir.resolve("nope.gguf").toString(), "--port", "0");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err().strip()).endsWith("nope.gguf: no such file");
        assertThat(CliRun.run("serve", "--port", "0").err().strip()).isEqualTo("litebench: no model file given: name one, as MODEL.gguf or -m MODEL.gguf");
    }

    @Test
    void badFlagsAreBadInput() {
        assertThat(CliRun.run("serve", model.toString(), "--kv-cache-size", "lots").err()).contains("--kv-cache-size must be a positive number of bytes");
        assertThat(CliRun.run("serve", model.toString(), "--port", "70000").exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(CliRun.run("serve", model.toString(), "--parallel", "0").err()).contains("parallel must be at least 1");
        assertThat(CliRun.run("serve", model.toString(), "--max-body-size", "0").exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
    }

    @Test
    void aKvCacheSmallerThanABlockIsBadInput() {
        CliRun r = CliRun.run("serve", model.toString(), "--port", "0", "--kv-cache-size", "100");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).contains("smaller than one block");
    }

    @Test
    void aPortInUseIsARuntimeFailure() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun r = CliRun.run("serve", model.toString(), "--port", Integer.toString(taken.getLocalPort()));
            assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.EXIT_FAILURE);
            assertThat(r.err()).startsWith("litebench: cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void byteSizesTakeBinarySuffixes() {
        assertThat(ServeCommand.parseBytes("--x", "1048576")).isEqualTo(1L << 20);
        assertThat(ServeCommand.parseBytes("--x", "512K")).isEqualTo(512L << 10);
        assertThat(ServeCommand.parseBytes("--x", "16M")).isEqualTo(16L << 20);
        assertThat(ServeCommand.parseBytes("--x", "2g")).isEqualTo(2L << 30);
        assertThat(ServeCommand.parseBytes("--x", "2GiB")).isEqualTo(2L << 30);
        for (String bad : new String[] {"", "x", "0", "-5", "1.5G", "99999999999T"}) {
            assertThatThrownBy(() -> ServeCommand.parseBytes("--x", bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
