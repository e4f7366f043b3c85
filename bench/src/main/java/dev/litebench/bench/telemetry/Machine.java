package dev.litebench.bench.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The machine the bench ran on: CPU model, cores, memory, GPUs (name, driver, memory), OS and JVM. */
public record Machine(String cpu, int cores, Long memoryBytes, List<String> gpus, String os, String jvm) {

    public static Machine describe() {
        return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), memTotal(), listGpus(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")");
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && line.contains(":")) return line.substring(line.indexOf(':') + 1).strip();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static Long memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) return Long.parseLong(line.substring(9).strip().split("\\s+")[0]) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return null;
    }

    private static List<String> listGpus() {
        String smi = GpuMonitor.findNvidiaSmi();
        if (smi == null) return List.of();
        try {
            Process p = new ProcessBuilder(smi, "--query-gpu=name,driver_version,memory.total", "--format=csv,noheader")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) return List.of();
            return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
