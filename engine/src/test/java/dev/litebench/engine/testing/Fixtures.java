package dev.litebench.engine.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared fixtures folder (system property {@code litebench.fixtures}, default {@code ../shared/fixtures}). */
public final class Fixtures {
    private Fixtures() {}

    public static Path root() {
        return Path.of(System.getProperty("litebench.fixtures", "../shared/fixtures"));
    }

    /** The fixture file at {@code relative}; skips the calling test with a clear message when it is absent. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "fixture " + p.toAbsolutePath().normalize() + " not found: test skipped (set -Dlitebench.fixtures)");
        return p;
    }
}
