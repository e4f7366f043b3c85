package dev.litebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.bench.telemetry.HostCpu;
import dev.litebench.engine.gguf.FileType;
import dev.litebench.engine.gguf.GGUFFile;
import dev.litebench.engine.gguf.TensorInfo;
import dev.litebench.engine.gguf.WeightMemory;
import dev.litebench.engine.kernel.WorkerPool;
import dev.litebench.engine.model.ModelConfig;
import dev.litebench.engine.perf.EngineBenchmark;
import jdk.incubator.vector.FloatVector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;

@Command(name = "engine-bench", mixinStandardHelpOptions = true,
        description = {"Measure the engine itself, like llama-bench: prompt processing (ppN: N tokens in one batch) and "
                + "decode (tgN: N steps of one token; tgNxB: B sequences decoded together, B x N tokens) on random tokens, "
                + "with no sampling, tokenizer or HTTP in the timing.",
                "Each test runs once to warm up, then -r times; rates are avg +- stddev over the runs. "
                        + "--json prints llama-bench's field names (test, n_prompt, n_gen, n_batch, n_threads, avg_ts, stddev_ts, "
                        + "model_type, model_size ...) so the results line up with llama-bench -o json.",
                "streams (row_streams): how many interleaved sequential streams each thread reads its weight rows in "
                        + "during decode; the engine measures 1, 2 and 4 on its first decode steps and keeps the fastest "
                        + "for this CPU (before the first test here, outside the timing).",
                "steal (host_steal_pct): the share of the machine's CPU time the hypervisor gave to other guests during "
                        + "the test (/proc/stat); on a virtual machine, rates measured under steal are lower and noisier."})
final class EngineBenchCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL.gguf",
            description = "The model file; repeat it (-m a.gguf -m b.gguf) to measure several models one after the other in one table, "
                    + "as llama-bench does, each in a JVM of its own (the JIT compiles the kernels for the weight types it has seen).")
    List<Path> models;

    @Option(names = {"-p", "--n-prompt"}, paramLabel = "N[,N...]", split = ",", defaultValue = "512",
            description = "Prompt lengths to test (default ${DEFAULT-VALUE}; 0 skips).")
    int[] prompts;

    @Option(names = {"-n", "--n-gen"}, paramLabel = "N", defaultValue = "128", description = "Decode steps (default ${DEFAULT-VALUE}; 0 skips).")
    int gen;

    @Option(names = {"-b", "--batch"}, paramLabel = "B[,B...]", split = ",", defaultValue = "1",
            description = "Sequences decoded together (default ${DEFAULT-VALUE}; e.g. 1,8 also runs tgNx8).")
    int[] batches;

    @Option(names = {"-d", "--n-depth"}, paramLabel = "D", defaultValue = "0",
            description = "Tokens of context every sequence holds before each test, computed outside the timing, as "
                    + "llama-bench -d (default ${DEFAULT-VALUE}); tests are then named ppN@dD, tgN@dD. Decode at depth "
                    + "shows what attention over a long context costs.")
    int depth;

    @Option(names = {"-r", "--repetitions"}, paramLabel = "R", defaultValue = "5", description = "Timed runs per test (default ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = {"-t", "--threads"}, paramLabel = "N[,N...]", split = ",",
            description = "Compute threads (default: all cores); several (1,2) measure every test at each, for thread scaling.")
    int[] threads;

    @Option(names = "--weight-memory", paramLabel = "auto|map|copy", defaultValue = "auto", description = EngineFlags.WEIGHT_MEMORY_HELP
            + " Printed on stderr, and in --json as use_mmap (llama-bench's field) and huge_page_share (0-1, of the pages probed at load).")
    String weightMemory;

    @Option(names = "--json", description = "Print a JSON array, one object per test.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (repetitions < 1) throw new IllegalArgumentException("--repetitions must be at least 1");
        if (gen < 0 || depth < 0 || Arrays.stream(prompts).anyMatch(p -> p < 0) || Arrays.stream(batches).anyMatch(b -> b < 1)) {
            throw new IllegalArgumentException("prompt lengths, --n-gen and --n-depth must be >= 0 and batches >= 1");
        }
        int[] threadCounts = threads != null ? threads : new int[] {WorkerPool.defaultThreads()};
        if (Arrays.stream(threadCounts).anyMatch(t -> t < 1)) throw new IllegalArgumentException("--threads must be at least 1");
        WeightMemory memory = WeightMemory.byId(weightMemory);
        for (Path model : models) {
            if (!Files.isRegularFile(model)) throw new NoSuchFileException(model.toString());
        }
        ArrayNode rows = Json.MAPPER.createArrayNode();
        if (!json) {
            System.out.printf("| %-24s | %10s | %8s | %7s | %4s | %7s | %14s | %20s | %5s |%n", "model", "size", "params", "threads", "vec", "streams", "test", "t/s", "steal");
            System.out.printf("| %-24s | %10s | %8s | %7s | %4s | %7s | %10s | %20s | %5s |%n", "-".repeat(24), "-".repeat(10), "-".repeat(8),
                    "-".repeat(7), "-".repeat(4), "-".repeat(7), "-".repeat(14), "-".repeat(20), "-".repeat(5));
        }
        Consumer<ObjectNode> emit = json ? rows::add : EngineBenchCommand::printRow;
        if (models.size() == 1) {
            measure(models.getFirst(), memory, threadCounts, emit);
        } else {
            // one JVM per model, as the engine runs one model per process: in a JVM that has run other weight types
            // the kernels' shared call sites see more types, and C2 compiles them differently (a Q8_0 pp128 read
            // 5-10% lower after Q4_K_M and Q4_0 files in the same JVM)
            for (Path model : models) {
                for (JsonNode row : runInOwnJvm(model, threadCounts)) emit.accept((ObjectNode) row);
            }
        }
        if (json) Json.print(rows);
        return Main.EXIT_OK;
    }

    private JsonNode runInOwnJvm(Path model, int[] threadCounts) throws IOException, InterruptedException {
        List<String> args = List.of("engine-bench", "-m", model.toString(), "-p", join(prompts), "-n", Integer.toString(gen),
                "-b", join(batches), "-d", Integer.toString(depth), "-r", Integer.toString(repetitions), "-t", join(threadCounts),
                "--weight-memory", weightMemory, "--json");
        Process child = new ProcessBuilder(SelfLaunch.command(args)).start();
        // its notes and errors, less the JVM's incubator warning, which this JVM has printed already
        Thread notes = Thread.ofVirtual().start(() -> child.errorReader().lines()
                .filter(line -> !line.startsWith("WARNING: Using incubator modules")).forEach(System.err::println));
        byte[] out;
        try {
            out = child.getInputStream().readAllBytes();
            notes.join();
            int exit = child.waitFor();
            if (exit != 0) throw new IllegalStateException("engine-bench on " + model + " failed (exit " + exit + "; its error is above)");
        } finally {
            child.destroy();
        }
        return Json.MAPPER.readTree(out);
    }

    private static String join(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    private static void printRow(ObjectNode r) {
        JsonNode steal = r.get("host_steal_pct");
        System.out.printf(Locale.ROOT, "| %-24s | %10s | %8s | %7d | %4d | %7d | %14s | %20s | %5s |%n", r.path("model_type").asText(),
                Units.bytes(r.path("model_size").asLong()), Units.count(r.path("model_n_params").asLong()), r.path("n_threads").asInt(),
                r.path("vector_bits").asInt(), r.path("row_streams").asInt(), r.path("test").asText(),
                String.format(Locale.ROOT, "%.2f ± %.2f", r.path("avg_ts").asDouble(), r.path("stddev_ts").asDouble()),
                steal == null ? "-" : String.format(Locale.ROOT, "%.1f%%", steal.asDouble()));
    }

    /** Runs every test on {@code model} at each thread count, in this JVM, handing each result to {@code emit} as it finishes. */
    private void measure(Path model, WeightMemory memory, int[] threadCounts, Consumer<ObjectNode> emit) {
        try (GGUFFile file = GGUFFile.open(model, memory)) {
            String scalar = ScalarTypes.note(file);
            if (scalar != null) System.err.println("litebench: note: " + scalar);
            WeightMemory.Placement placement = file.placement();
            System.err.println("litebench: " + model.getFileName() + ": weights " + placement.describe());
            long size = file.tensors().values().stream().mapToLong(TensorInfo::byteSize).sum();
            long params = file.tensors().values().stream().mapToLong(TensorInfo::elementCount).sum();
            int vectorBits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
            for (int t : threadCounts) {
                try (EngineBenchmark bench = new EngineBenchmark(file, t)) {
                    ModelConfig c = bench.model().config();
                    String type = c.architecture() + " " + Units.count(params) + " " + Objects.requireNonNullElseGet(FileType.of(file.meta()), () -> dominantType(file));
                    // host steal over each test (warm-up and runs): on a virtual machine it explains noisy rates
                    long[][] hostCpu = {HostCpu.read()};
                    bench.run(prompts, gen, batches, depth, repetitions, r -> {
                        long[] now = HostCpu.read();
                        Double steal = HostCpu.stealPct(hostCpu[0], now);
                        hostCpu[0] = now;
                        ObjectNode o = Json.MAPPER.createObjectNode();
                        o.put("build", new Main.Version().getVersion()[0]);
                        o.put("model_filename", model.toString());
                        o.put("model_type", type);
                        o.put("model_size", size);
                        o.put("model_n_params", params);
                        o.put("n_batch", Math.max(r.nPrompt(), r.batch()));
                        o.put("n_threads", t);
                        o.put("vector_bits", vectorBits);
                        o.put("row_streams", bench.rowStreams());
                        o.put("use_mmap", !placement.copied());
                        if (placement.hugeShare() != null) o.put("huge_page_share", placement.hugeShare());
                        o.put("test", r.test());
                        o.put("n_prompt", r.nPrompt());
                        o.put("n_gen", r.nGen());
                        o.put("n_depth", r.depth());
                        o.put("n_seqs", r.batch());
                        o.put("avg_ns", Math.round(r.avgNs()));
                        o.put("stddev_ns", Math.round(r.stddevNs()));
                        o.put("avg_ts", r.avgTs());
                        o.put("stddev_ts", r.stddevTs());
                        if (steal != null) o.put("host_steal_pct", steal);
                        ArrayNode samples = o.putArray("samples_ts");
                        for (double v : r.tokensPerSecond()) samples.add(v);
                        emit.accept(o);
                    });
                }
            }
        }
    }

    /** The tensor type holding most matrix bytes, for files that record no file type. */
    private static String dominantType(GGUFFile file) {
        Map<String, Long> bytes = new TreeMap<>();
        for (TensorInfo t : file.tensors().values()) {
            if (t.shape().length == 2) bytes.merge(t.type().name(), t.byteSize(), Long::sum);
        }
        return bytes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("?");
    }
}
