package dev.litebench.bench.targets;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds the process listening on a local TCP port from /proc (the socket's inode in /proc/net/tcp{,6}, then the
 * process holding that inode), so an endpoint on this machine gets server telemetry without {@code --pid}.
 * Processes of other users cannot be inspected; then no pid is found.
 */
public final class ListeningProcess {
    private static final String LISTEN = "0A";

    private ListeningProcess() {}

    public static Long find(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.strip().split("\\s+");
                    if (f.length < 10 || !f[3].equals(LISTEN)) continue;
                    String local = f[1];
                    int p = Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
                    if (p == port) inodes.add(f[9]);
                }
            } catch (IOException | RuntimeException e) {
                // table missing (no IPv6, not Linux)
            }
        }
        if (inodes.isEmpty()) return null;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path proc : procs) {
                if (holds(proc.resolve("fd"), inodes)) return Long.parseLong(proc.getFileName().toString());
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static boolean holds(Path fds, Set<String> inodes) {
        try (DirectoryStream<Path> links = Files.newDirectoryStream(fds)) {
            for (Path fd : links) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                        return true;
                    }
                } catch (IOException e) {
                    // fd closed meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // not ours to read
        }
        return false;
    }
}
