package dev.litebench.bench.telemetry;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcessTreeSamplerTest {
    @Test
    void seesChildrenStartedLaterWithinARefreshAndStopsWhenTheRootIsGone() throws Exception {
        assumeTrue(ProcFs.AVAILABLE, "no /proc here");
        // one child at first (the short sleep), then two long-lived ones
        Process shell = new ProcessBuilder("sh", "-c", "sleep 0.3; sleep 30 & sleep 30 & wait").start();
        try {
            ProcessTreeSampler sampler = new ProcessTreeSampler(shell.pid(), true);
            assertThat(sampler.sample().processes()).isBetween(1, 2); // the shell, and its first sleep once started
            Thread.sleep(1000);
            int processes = 0;
            for (int i = 0; i < ProcessTreeSampler.TREE_REFRESH_SAMPLES && processes != 3; i++) processes = sampler.sample().processes();
            assertThat(processes).as("processes after at most one refresh").isEqualTo(3);

            shell.descendants().forEach(ProcessHandle::destroy);
            shell.destroy();
            assertThat(shell.waitFor(5, TimeUnit.SECONDS)).isTrue();
            assertThat(sampler.sample()).isNull();
        } finally {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
    }
}
