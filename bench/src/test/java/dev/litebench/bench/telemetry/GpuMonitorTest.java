package dev.litebench.bench.telemetry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GPU sampling against a stand-in nvidia-smi: a script that checks it was asked for the CSV query this monitor
 * parses, then prints what the real one prints in that mode (one line per GPU per interval) or fails the way it does
 * on a machine whose driver is not loaded.
 */
@DisabledOnOs(OS.WINDOWS)
class GpuMonitorTest {
    @TempDir
    Path dir;

    private String fakeSmi(String body) throws Exception {
        Path smi = dir.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        return smi.toString();
    }

    @Test
    void averagesUtilisationAndSumsMemoryOverTheGpus() throws Exception {
        String smi = fakeSmi("""
                [ "$1 $2 $3 $4" = "--query-gpu=index,utilization.gpu,memory.used --format=csv,noheader,nounits -lms 50" ] || { echo "bad args: $*"; exit 1; }
                while true; do printf '0, 37, 1024\\n1, 63, 2048\\n'; sleep 0.05; done
                """);
        try (GpuMonitor m = GpuMonitor.start(smi, 50)) {
            assertThat(m.status()).isEqualTo("nvidia-smi");
            double[] r = awaitReading(m);
            assertThat(r).containsExactly(50.0, 3072.0);
            assertThat(m.available()).isTrue();
        }
    }

    @Test
    void aFailingNvidiaSmiIsAStatusNotAnError() throws Exception {
        String smi = fakeSmi("echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.'; exit 9\n");
        try (GpuMonitor m = GpuMonitor.start(smi, 50)) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!m.status().startsWith("no GPU telemetry") && System.nanoTime() < deadline) Thread.sleep(10);
            assertThat(m.status()).isEqualTo("no GPU telemetry: nvidia-smi said 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.'");
            assertThat(m.available()).isFalse();
            assertThat(m.reading()).isNull();
        }
    }

    @Test
    void noNvidiaSmiIsAStatus() {
        try (GpuMonitor m = GpuMonitor.start(null, 50)) {
            assertThat(m.status()).isEqualTo("no GPU telemetry: nvidia-smi not found");
            assertThat(m.reading()).isNull();
        }
    }

    private static double[] awaitReading(GpuMonitor m) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        double[] r;
        // both GPUs' lines of one interval must have arrived
        while (((r = m.reading()) == null || r[1] < 3072) && System.nanoTime() < deadline) Thread.sleep(10);
        return r;
    }
}
