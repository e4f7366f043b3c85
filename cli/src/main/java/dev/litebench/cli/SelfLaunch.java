package dev.litebench.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that runs {@code litebench serve} in a new JVM like this one: same java binary, same JVM flags
 * (minus debugging agents), same class path. This is how {@code bench --serve} launches LiteBench's own server.
 */
final class SelfLaunch {
    private SelfLaunch() {}

    static List<String> serve(Path model, int port) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!flag.startsWith("-agentlib") && !flag.startsWith("-javaagent") && !flag.startsWith("-Xrunjdwp")) cmd.add(flag);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", model.toAbsolutePath().toString(), "--host", "127.0.0.1", "--port", Integer.toString(port)));
        return cmd;
    }
}
