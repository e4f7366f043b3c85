package dev.litebench.bench.targets;

import dev.litebench.bench.http.Endpoint;
import dev.litebench.bench.http.HttpConnection;
import dev.litebench.bench.http.HttpTransport;
import dev.litebench.bench.scenario.BenchSettings;
import dev.litebench.bench.scenario.ScenarioName;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks everything that can be checked before the first measurement, so that a typo fails in a second rather
 * than after an hour: unique labels, endpoints that answer (and accept the API key), launch endpoints that are
 * still free, and scenarios that fit the targets.
 */
public final class Preflight {
    private Preflight() {}

    public static void check(List<TargetSpec> targets, BenchSettings s) {
        if (targets.isEmpty()) throw new IllegalArgumentException("no target to measure");
        Set<String> labels = new HashSet<>();
        for (TargetSpec t : targets) {
            if (!labels.add(t.label())) throw new IllegalArgumentException("two targets are labelled '" + t.label() + "'; give each a --label");
        }
        boolean anyLaunched = targets.stream().anyMatch(TargetSpec::launched);
        if (s.scenariosExplicit() && s.scenarios().contains(ScenarioName.COLD_START) && !anyLaunched) {
            throw new IllegalArgumentException("cold-start needs a server LiteBench starts: use --launch or --serve");
        }
        if (s.scenarios().contains(ScenarioName.RATE) && s.rates().isEmpty() && !s.scenarios().contains(ScenarioName.CONCURRENCY)) {
            throw new IllegalArgumentException("the rate scenario needs --rates, or the concurrency scenario to derive them from");
        }
        for (TargetSpec t : targets) {
            if (t.launched()) {
                if (listening(t.endpoint(), s.connectTimeoutS())) {
                    throw new IllegalArgumentException("target '" + t.label() + "': something already listens at " + t.endpoint()
                            + "; stop it or launch on another port");
                }
                continue;
            }
            try (HttpTransport http = new HttpTransport(t.endpoint(), t.apiKey(), s.connectTimeoutS() * 1000, s.connectTimeoutS() * 1000)) {
                int status = http.call("GET", t.endpoint().path("/v1/models"), null).status();
                if (status == 401 || status == 403) {
                    throw new IllegalArgumentException("target '" + t.label() + "': " + t.endpoint() + " rejected the request (HTTP "
                            + status + "); check --api-key");
                }
            } catch (HttpConnection.ConnectFailedException e) {
                throw new IllegalArgumentException("target '" + t.label() + "': " + e.getMessage());
            } catch (IOException e) {
                throw new IllegalArgumentException("target '" + t.label() + "': " + t.endpoint() + " does not answer HTTP: " + e.getMessage());
            }
        }
    }

    private static boolean listening(Endpoint e, int timeoutS) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(e.host(), e.port()), timeoutS * 1000);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }
}
