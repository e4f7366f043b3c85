package dev.litebench.bench.result;

import dev.litebench.bench.http.ArrivalStamps;
import dev.litebench.bench.telemetry.Machine;
import dev.litebench.bench.telemetry.TelemetryRecorder;

/**
 * Where and against what a result was measured.
 *
 * @param server version from {@code GET /version} (vLLM, LiteBench) or the {@code Server} header, where a
 *               LiteBench server placed its weights (mapped or copied, 2 MiB or 4 KiB pages: decode speed differs by
 *               5-20%), and the {@code system_fingerprint} of the responses
 * @param model  the model's name, and for a served file its path, size and SHA-256
 * @param arrivalStamps where the client's arrival timestamps came from (the kernel's receive time, or the
 *                      client's own read)
 */
public record Environment(Machine machine, String litebenchVersion, Server server, Model model,
                          TelemetryRecorder.Status telemetry, ArrivalStamps arrivalStamps) {

    public record Server(String version, String weights, String systemFingerprint, Long pid) {}

    public record Model(String name, String file, Long fileBytes, String sha256) {}
}
