package dev.litebench.cli;

import dev.litebench.bench.api.ApiShape;
import dev.litebench.bench.http.Endpoint;
import dev.litebench.bench.targets.TargetSpec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the target options, in the order given, into targets. {@code --endpoint}, {@code --serve} and
 * {@code --launch} each start a new target, except that an {@code --endpoint} right after a {@code --launch} is
 * where the launched server will listen. {@code --model}, {@code --api-key}, {@code --api}, {@code --label} and
 * {@code --pid} apply to the target before them.
 */
final class TargetArgs {
    static final List<String> STARTERS = List.of("--endpoint", "--serve", "--launch");
    static final List<String> MODIFIERS = List.of("--model", "--api-key", "--api", "--label", "--pid");

    private final List<Draft> drafts = new ArrayList<>();

    private static final class Draft {
        final String kind;
        final String value;
        String endpoint;
        final Map<String, String> options = new HashMap<>();

        Draft(String kind, String value) {
            this.kind = kind;
            this.value = value;
        }
    }

    boolean isEmpty() {
        return drafts.isEmpty();
    }

    void add(String option, String value) {
        Draft current = drafts.isEmpty() ? null : drafts.getLast();
        switch (option) {
            case "--endpoint" -> {
                if (current != null && current.kind.equals("--launch") && current.endpoint == null) {
                    current.endpoint = value;
                } else {
                    Draft d = new Draft(option, value);
                    d.endpoint = value;
                    drafts.add(d);
                }
            }
            case "--serve", "--launch" -> drafts.add(new Draft(option, value));
            default -> {
                if (current == null) {
                    throw new IllegalArgumentException(option + " must follow the target it applies to (--endpoint, --serve or --launch)");
                }
                if (current.options.put(option, value) != null) {
                    throw new IllegalArgumentException(option + " given twice for the same target");
                }
            }
        }
    }

    /** The targets; {@code serveCommand} builds the command that serves a model file on a port. */
    List<TargetSpec> build(ServeCommand serveCommand) throws IOException {
        List<TargetSpec> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Draft d : drafts) {
            ApiShape api = ApiShape.byName(d.options.getOrDefault("--api", "chat"));
            Long pid = d.options.containsKey("--pid") ? parsePid(d.options.get("--pid")) : null;
            String model = d.options.get("--model");
            String key = d.options.get("--api-key");
            TargetSpec t = switch (d.kind) {
                case "--endpoint" -> {
                    Endpoint e = Endpoint.parse(d.endpoint);
                    yield new TargetSpec(label(d, e.host() + ":" + e.port(), seen), TargetSpec.Kind.ENDPOINT, e, model, key, api,
                            null, null, pid);
                }
                case "--launch" -> {
                    if (d.endpoint == null) {
                        throw new IllegalArgumentException("--launch \"" + d.value + "\" needs --endpoint URL right after it (where the server will listen)");
                    }
                    if (d.value.isBlank()) throw new IllegalArgumentException("--launch needs a command");
                    String first = d.value.strip().split("\\s+")[0];
                    yield new TargetSpec(label(d, Path.of(first).getFileName().toString(), seen), TargetSpec.Kind.LAUNCH,
                            Endpoint.parse(d.endpoint), model, key, api, List.of("/bin/sh", "-c", d.value), null, pid(d));
                }
                default -> {
                    Path file = Path.of(d.value);
                    if (!Files.isRegularFile(file)) throw new NoSuchFileException(d.value);
                    int port = freePort();
                    String stem = file.getFileName().toString().replaceFirst("(?i)\\.gguf$", "");
                    yield new TargetSpec(label(d, stem, seen), TargetSpec.Kind.SERVE, Endpoint.parse("http://127.0.0.1:" + port),
                            model, key, api, serveCommand.command(file, port), file.toAbsolutePath(), pid(d));
                }
            };
            out.add(t);
        }
        return out;
    }

    private static Long pid(Draft d) {
        if (d.options.containsKey("--pid")) throw new IllegalArgumentException("--pid is for --endpoint targets; a launched server's pid is known");
        return null;
    }

    private static long parsePid(String v) {
        try {
            long pid = Long.parseLong(v.strip());
            if (pid > 0) return pid;
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("--pid must be a process id, not '" + v + "'");
    }

    /** The given label, or a default made unique with a counter; either way safe as a directory name. */
    private static String label(Draft d, String fallback, Map<String, Integer> seen) {
        String given = d.options.get("--label");
        String base = (given != null ? given : fallback).replaceAll("[^A-Za-z0-9._-]", "_");
        if (given != null) return base;
        int n = seen.merge(base, 1, Integer::sum);
        return n == 1 ? base : base + "-" + n;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Builds the command line that serves a model file on a local port. */
    @FunctionalInterface
    interface ServeCommand {
        List<String> command(Path model, int port);
    }
}
