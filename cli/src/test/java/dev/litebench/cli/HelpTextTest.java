package dev.litebench.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * picocli formats every description with {@code String.format}: a bare {@code %} ("10% faster") makes it print a
 * warning and the raw text, with {@code %n} left in, above the usage of the command.
 */
class HelpTextTest {

    @Test
    void everyCommandPrintsItsUsageWithoutWarnings() {
        for (String name : Main.newCommandLine().getSubcommands().keySet()) {
            CliRun help = CliRun.run(name, "--help");
            assertThat(help.exitCode()).as(name).isZero();
            assertThat(help.out()).as(name).contains("Usage: litebench " + name).doesNotContain("%n");
            assertThat(help.err()).as(name).doesNotContain("WARN");
        }
    }
}
