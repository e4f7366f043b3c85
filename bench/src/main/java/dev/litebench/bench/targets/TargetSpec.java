package dev.litebench.bench.targets;

import dev.litebench.bench.api.ApiShape;
import dev.litebench.bench.http.Endpoint;

import java.nio.file.Path;
import java.util.List;

/**
 * A server to measure, as given on the command line: an existing {@code endpoint}, a server command LiteBench
 * {@code launch}es (and stops), or a model file LiteBench {@code serve}s itself (a launch of its own server).
 *
 * @param model         model name to request; null: the first one {@code /v1/models} lists
 * @param launchCommand command and arguments for {@code launch} and {@code serve}; null for {@code endpoint}
 * @param modelFile     the model file of a {@code serve} target (for its digest); else null
 * @param pid           server process to watch for an {@code endpoint} target; null: found from the listening
 *                      port when the endpoint is on this machine
 */
public record TargetSpec(String label, Kind kind, Endpoint endpoint, String model, String apiKey, ApiShape api,
                         List<String> launchCommand, Path modelFile, Long pid) {

    public enum Kind {
        ENDPOINT, LAUNCH, SERVE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public TargetSpec {
        if (label == null || label.isBlank()) throw new IllegalArgumentException("a target needs a non-empty label");
        if (kind != Kind.ENDPOINT && (launchCommand == null || launchCommand.isEmpty())) {
            throw new IllegalArgumentException("target '" + label + "' has no command to launch");
        }
        launchCommand = launchCommand == null ? null : List.copyOf(launchCommand);
    }

    public boolean launched() {
        return kind != Kind.ENDPOINT;
    }
}
