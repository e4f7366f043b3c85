package dev.litebench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's JDK probe (scripts/find-jdk.sh): which feature release a JDK directory holds. */
class FindJdkScriptTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "find-jdk.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private String major(Path jdk) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", "source \"$0\" >/dev/null; litebench_java_major \"$1\"", SCRIPT.toString(), jdk.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void readsTheReleaseFileWithoutStartingJava() throws Exception {
        Path jdk = Files.createDirectories(dir.resolve("jdk25"));
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_RUNTIME_VERSION=\"17.0.1\"\nJAVA_VERSION=\"25.0.3\"\n");
        assertThat(major(jdk)).isEqualTo("25");
        Path old = Files.createDirectories(dir.resolve("jdk17"));
        Files.writeString(old.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        assertThat(major(old)).isEqualTo("17");
    }

    @Test
    void asksTheJavaBinaryWhenThereIsNoReleaseFile() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("jdk/bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'Property settings:' >&2\necho '    java.specification.version = 26' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(major(dir.resolve("jdk"))).isEqualTo("26");
    }
}
