package dev.litebench.cli;

import dev.litebench.bench.BenchRun;
import dev.litebench.bench.calibrate.Calibration;
import dev.litebench.bench.report.CalibrationReport;
import dev.litebench.bench.report.ComparisonTable;
import dev.litebench.bench.report.TerminalProgress;
import dev.litebench.bench.scenario.BenchSettings;
import dev.litebench.bench.scenario.Profile;
import dev.litebench.bench.targets.TargetSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Stack;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Measure OpenAI-compatible servers: latency, concurrency, capacity under an SLO, input-length growth, "
                        + "open-loop rates and cold start, with a validity audit, telemetry and one JSON file per target and scenario.",
                "",
                "Targets (several are measured one after another under the same load and compared):",
                "  --endpoint URL [--model M] [--api-key K] [--api chat|completions] [--label L] [--pid PID]",
                "  --serve MODEL.gguf [--label L]                      LiteBench serves the file itself",
                "  --launch \"COMMAND\" --endpoint URL [--label L]        start any server, measure it, stop it",
                "With no target: the embedded default (two synthetic Qwen-shaped Q8_0 models served in turn).",
                "",
                "Scenarios: latency, concurrency, capacity, context, rate, cold-start (default: the profile's set; "
                        + "quick has no rate). Every metric's formula: docs/METRICS.md; the file format: docs/RESULTS.md.",
                ""},
        footer = {"", "Examples:",
                "  litebench bench --endpoint http://127.0.0.1:8000 --scenario latency",
                "  litebench bench --serve model.gguf --launch \"llama-server -m model.gguf --port 8080\" --endpoint http://127.0.0.1:8080",
                "  litebench bench --endpoint http://h:8000 --scenario capacity --slo-ms 1500 --capacity-percentile 99",
                "  litebench bench --calibrate",
                "Exit codes: 0 ok, 1 a target or scenario failed, 2 bad input."})
final class BenchCommand implements Callable<Integer> {

    private final TargetArgs targets = new TargetArgs();

    // Target options: declared for parsing and --help; TargetOption records them in order into `targets`.
    @Option(names = "--endpoint", paramLabel = "URL", parameterConsumer = TargetOption.class,
            description = "An OpenAI-compatible server (or, after --launch, where the launched one listens). https:// URLs"
                    + " are verified against the JVM's trust store; for a private CA set"
                    + " LITEBENCH_JAVA_OPTS=-Djavax.net.ssl.trustStore=STORE.p12.")
    String endpoint;

    @Option(names = "--serve", paramLabel = "MODEL.gguf", parameterConsumer = TargetOption.class,
            description = "LiteBench serves this model file itself for the run.")
    String serve;

    @Option(names = "--launch", paramLabel = "COMMAND", parameterConsumer = TargetOption.class,
            description = "Start this server command (through /bin/sh), wait until it answers, measure it, stop it.")
    String launch;

    @Option(names = "--model", paramLabel = "NAME", parameterConsumer = TargetOption.class,
            description = "Model to request (default: the first of /v1/models).")
    String model;

    @Option(names = "--api-key", paramLabel = "KEY", parameterConsumer = TargetOption.class, description = "Sent as a Bearer token.")
    String apiKey;

    @Option(names = "--api", paramLabel = "chat|completions", parameterConsumer = TargetOption.class,
            description = "/v1/chat/completions (default) or /v1/completions.")
    String api;

    @Option(names = "--label", paramLabel = "L", parameterConsumer = TargetOption.class,
            description = "Name of the target in tables and file names (default: host:port, file or command name).")
    String label;

    @Option(names = "--pid", paramLabel = "PID", parameterConsumer = TargetOption.class,
            description = "Server process to watch (CPU, memory) for an --endpoint; found automatically for local ports.")
    String pid;

    @Option(names = "--scenario", split = ",", paramLabel = "NAME", description = "Scenarios to run (repeat or comma-separate).")
    List<String> scenarios;

    @Option(names = "--profile", paramLabel = "quick|full", defaultValue = "quick",
            description = "Default numbers: quick (a few minutes on 2 cores) or full (the evaluation's protocol). Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Result directory (default: litebench-results/<date-time>).")
    Path output;

    @Option(names = "--prompt", description = "Prompt of latency, concurrency, capacity, rate and cold-start (default: \"" + BenchSettings.DEFAULT_PROMPT + "\").")
    String prompt;

    @Option(names = "--output-tokens", paramLabel = "N", description = "Tokens every request generates, forced with ignore_eos/min_tokens (default 50).")
    Integer outputTokens;

    @Option(names = "--warmup", paramLabel = "N", description = "Warm-up requests before each scenario (quick 1, full 2), discarded. Concurrency, capacity and rate "
            + "first also send one round of simultaneous requests at the highest --levels (once per target); 0 turns both off.")
    Integer warmup;

    @Option(names = "--requests", paramLabel = "N", description = "latency: sequential requests (default 10).")
    Integer requests;

    @Option(names = "--levels", split = ",", paramLabel = "C", description = "concurrency: levels (quick 1,2,4,8; full 1,2,4,8,16,32).")
    List<Integer> levels;

    @Option(names = "--rounds", paramLabel = "N", description = "concurrency: requests per worker at each level (quick 2, full 4).")
    Integer rounds;

    @Option(names = "--slo-ms", paramLabel = "MS", description = "E2E SLO for capacity and goodput (default 2000).")
    Double sloMs;

    @Option(names = "--slo-ttft-ms", paramLabel = "MS", description = "Also require TTFT <= MS for goodput (and for capacity on ttft/ttfo).")
    Double sloTtftMs;

    @Option(names = "--slo-tpot-ms", paramLabel = "MS", description = "Also require TPOT <= MS for goodput (and for capacity on tpot).")
    Double sloTpotMs;

    @Option(names = "--capacity-metric", paramLabel = "M", description = "capacity: metric held to the SLO: e2e (default), ttft, ttfo, tpot.")
    String capacityMetric;

    @Option(names = "--capacity-percentile", paramLabel = "P", description = "capacity: 50, 90 (default), 95 or 99.")
    Integer capacityPercentile;

    @Option(names = "--capacity-trials", paramLabel = "N", description = "capacity: trials per tested concurrency (quick 1, full 3).")
    Integer capacityTrials;

    @Option(names = "--capacity-max", paramLabel = "C", description = "capacity: highest concurrency tried (quick 16, full 64).")
    Integer capacityMax;

    @Option(names = "--capacity-steps", paramLabel = "N", description = "capacity: most bisection steps after doubling (quick 3, full 5).")
    Integer capacitySteps;

    @Option(names = "--capacity-rounds", paramLabel = "N", description = "capacity: requests per worker in a trial (quick 1, full 2).")
    Integer capacityRounds;

    @Option(names = "--input-lengths", split = ",", paramLabel = "T", description = "context: prompt lengths in tokens (quick 512,1024; full 512,1024,2048,4096).")
    List<Integer> inputLengths;

    @Option(names = "--context-requests", paramLabel = "N", description = "context: requests per length (quick 2, full 5).")
    Integer contextRequests;

    @Option(names = "--rates", split = ",", paramLabel = "R", description = "rate: request rates per second (default: 25/50/75/100%% of concurrency's best).")
    List<Double> rates;

    @Option(names = "--rate-requests", paramLabel = "N", description = "rate: requests per rate (quick 20, full 50).")
    Integer rateRequests;

    @Option(names = "--seed", paramLabel = "N", description = "rate: seed of the Poisson arrivals (default 42).")
    Long seed;

    @Option(names = "--cold-start-requests", paramLabel = "N", description = "cold-start: steady requests after the first (quick 3, full 5).")
    Integer coldStartRequests;

    @Option(names = "--timeout", paramLabel = "S", description = "Read timeout per request: seconds without a byte (default 300).")
    Integer timeout;

    @Option(names = "--connect-timeout", paramLabel = "S", description = "Connect timeout in seconds (default 10).")
    Integer connectTimeout;

    @Option(names = "--ready-timeout", paramLabel = "S", description = "How long a launched server may take to become ready (default 600).")
    Integer readyTimeout;

    @Option(names = "--calibrate", description = "Measure LiteBench's own measurement error against its loopback server, then exit.")
    boolean calibrate;

    @Option(names = "--calibrate-streams", split = ",", paramLabel = "N", defaultValue = "1,100,1000",
            description = "Concurrent streams per calibration point (default ${DEFAULT-VALUE}).")
    List<Integer> calibrateStreams;

    @Option(names = "--calibrate-tokens", paramLabel = "N", defaultValue = "20", description = "Tokens per calibration stream (default ${DEFAULT-VALUE}).")
    int calibrateTokens;

    @Option(names = "--calibrate-itl-ms", paramLabel = "MS", defaultValue = "50", description = "Loopback inter-token time (default ${DEFAULT-VALUE}).")
    double calibrateItlMs;

    @Option(names = "--calibrate-ttft-ms", paramLabel = "MS", defaultValue = "100", description = "Loopback time to first token (default ${DEFAULT-VALUE}).")
    double calibrateTtftMs;

    /** Records target options in the order given, which picocli's per-option lists would lose. */
    static final class TargetOption implements CommandLine.IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec spec) {
            String name = ((CommandLine.Model.OptionSpec) argSpec).longestName();
            if (args.isEmpty()) throw new CommandLine.ParameterException(spec.commandLine(), "Missing value for option '" + name + "'");
            String value = args.pop();
            try {
                ((BenchCommand) spec.userObject()).targets.add(name, value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        boolean tty = System.console() != null && System.console().isTerminal();
        TerminalProgress progress = new TerminalProgress(System.err, tty);
        if (calibrate) {
            var result = Calibration.run(new Calibration.Settings(calibrateStreams, calibrateTokens, calibrateTtftMs, calibrateItlMs), progress::note);
            CalibrationReport.print(result, System.out);
            return Main.EXIT_OK;
        }
        BenchSettings settings = settings();
        List<TargetSpec> specs = (targets.isEmpty()
                ? DefaultTargets.serveTargets(DefaultTargets.ensureModels(DefaultTargets.cacheDir(), DefaultTargets.BUILT_IN, progress::note))
                : targets).build(SelfLaunch::serve);
        Path dir = output != null ? output
                : Path.of("litebench-results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<BenchRun.TargetOutcome> outcomes = new BenchRun(specs, settings, dir, progress, version()).run();
        ComparisonTable.print(outcomes, System.out);
        System.out.println();
        System.out.println("results: " + dir.toAbsolutePath());
        boolean reported = ReportCommand.afterBench(dir, System.out, System.err);
        boolean failed = !reported || outcomes.stream().anyMatch(o -> o.failure() != null
                || o.results().values().stream().anyMatch(r -> !r.status().equals("complete")));
        return failed ? Main.EXIT_FAILURE : Main.EXIT_OK;
    }

    BenchSettings settings() {
        return BenchSettings.builder(Profile.byId(profile)).scenarios(scenarios).prompt(prompt).outputTokens(outputTokens)
                .warmupRequests(warmup).latencyRequests(requests).concurrencyLevels(levels).rounds(rounds).sloE2eMs(sloMs)
                .sloTtftMs(sloTtftMs).sloTpotMs(sloTpotMs).capacityMetric(capacityMetric).capacityPercentile(capacityPercentile)
                .capacityTrials(capacityTrials).capacityMaxConcurrency(capacityMax).capacityMaxSteps(capacitySteps)
                .capacityRounds(capacityRounds).contextLengths(inputLengths).contextRequests(contextRequests).rates(rates)
                .rateRequests(rateRequests).seed(seed).coldStartRequests(coldStartRequests).readTimeoutS(timeout)
                .connectTimeoutS(connectTimeout).readyTimeoutS(readyTimeout).build();
    }

    private static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
