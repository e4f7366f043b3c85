package dev.litebench.bench.telemetry;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GPU utilisation and memory from a long-running {@code nvidia-smi ... -lms 100}. Utilisation is nvidia-smi's:
 * the share of time any kernel ran, not how busy the SMs were. Absent nvidia-smi is a state, not an error.
 */
final class GpuMonitor implements AutoCloseable {
    private final Process process;
    private final Map<Integer, double[]> latest = new ConcurrentHashMap<>();
    private volatile String status;

    private GpuMonitor(Process process, String status) {
        this.process = process;
        this.status = status;
    }

    static GpuMonitor start(long intervalMs) {
        return start(findNvidiaSmi(), intervalMs);
    }

    /** Samples through the nvidia-smi at {@code smi} (null: none found). */
    static GpuMonitor start(String smi, long intervalMs) {
        if (smi == null) return new GpuMonitor(null, "no GPU telemetry: nvidia-smi not found");
        try {
            Process p = new ProcessBuilder(smi, "--query-gpu=index,utilization.gpu,memory.used",
                    "--format=csv,noheader,nounits", "-lms", Long.toString(intervalMs)).redirectErrorStream(true).start();
            GpuMonitor m = new GpuMonitor(p, "nvidia-smi");
            Thread.ofVirtual().name("nvidia-smi-reader").start(m::read);
            return m;
        } catch (IOException e) {
            return new GpuMonitor(null, "no GPU telemetry: nvidia-smi failed to start: " + e.getMessage());
        }
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",");
                try {
                    latest.put(Integer.parseInt(f[0].strip()), new double[] {Double.parseDouble(f[1].strip()), Double.parseDouble(f[2].strip())});
                } catch (RuntimeException e) {
                    if (latest.isEmpty()) status = "no GPU telemetry: nvidia-smi said '" + line.strip() + "'";
                }
            }
        } catch (IOException e) {
            // nvidia-smi ended
        }
    }

    boolean available() {
        return !latest.isEmpty();
    }

    String status() {
        return status;
    }

    /** Mean utilisation over the GPUs (percent) and their summed used memory (MiB), or null before any reading. */
    double[] reading() {
        if (latest.isEmpty()) return null;
        double util = 0;
        double mem = 0;
        for (double[] v : latest.values()) {
            util += v[0];
            mem += v[1];
        }
        return new double[] {util / latest.size(), mem};
    }

    static String findNvidiaSmi() {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, "nvidia-smi");
            if (f.canExecute()) return f.getPath();
        }
        return null;
    }

    @Override
    public void close() {
        if (process != null) process.destroy();
    }
}
