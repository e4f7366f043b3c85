package dev.litebench.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that runs {@code litebench serve} (or another engine command) in a new JVM like this one: same java
 * binary, same JVM flags (minus debugging agents, and with the engine's collector instead of the bench's), same class
 * path. This is how {@code bench --serve} launches LiteBench's own server, and {@code engine-bench} one JVM per model.
 * It decodes up to {@link #PARALLEL} requests together, the largest concurrency level the bench's profiles use,
 * so that concurrency and capacity measure batching rather than a queue in front of four slots. Its KV pool,
 * allocated at load, is {@link #KV_CACHE} for every model (4,681 tokens of F16 keys and values for Qwen3-0.6B):
 * enough for the profiles' longest prompt (4,096 tokens plus output) and for 32 short requests at once on a
 * Qwen3-0.6B-sized model, and the same budget for every model compared, so that memory differences are the models',
 * not the pools'.
 */
final class SelfLaunch {
    static final int PARALLEL = 32;
    static final String KV_CACHE = "512M";

    /**
     * The collector, young-generation cap and huge pages {@code ./litebench serve} runs with (as the launcher gives
     * them), whatever the bench's own JVM uses (ZGC, for its timestamps).
     */
    static List<String> serverMemory() {
        List<String> flags = new ArrayList<>(List.of("-XX:+UseParallelGC", "-Xmn64m"));
        try {
            if (Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled")).contains("[madvise]")) {
                flags.add("-XX:+UseTransparentHugePages");
            }
        } catch (IOException | RuntimeException e) {
            // no such setting here: the JVM's default pages
        }
        return flags;
    }

    private SelfLaunch() {}

    private static boolean isCollectorChoice(String flag) {
        return flag.matches("-XX:[+-]Use[A-Za-z0-9]*GC");
    }

    static List<String> serve(Path model, int port) {
        return command(List.of("serve", model.toAbsolutePath().toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--parallel", Integer.toString(PARALLEL), "--kv-cache-size", KV_CACHE));
    }

    /** {@code litebench args...} in a new JVM with the engine's memory flags. */
    static List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("-agentlib") || flag.startsWith("-javaagent") || flag.startsWith("-Xrunjdwp") || isCollectorChoice(flag)
                    || flag.equals("-XX:+UseTransparentHugePages")) continue;
            cmd.add(flag);
        }
        cmd.addAll(serverMemory());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        return cmd;
    }
}
