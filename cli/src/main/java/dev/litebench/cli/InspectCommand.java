package dev.litebench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.engine.gguf.GGUFArray;
import dev.litebench.engine.gguf.FileType;
import dev.litebench.engine.gguf.GGUFFile;
import dev.litebench.engine.gguf.Metadata;
import dev.litebench.engine.gguf.MetadataValue;
import dev.litebench.engine.gguf.TensorInfo;
import dev.litebench.engine.model.ModelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show what a GGUF model file holds: architecture, hyperparameters, tokenizer, chat template, "
                + "every tensor (name, type, shape, bytes), total parameters and size.",
                "The file is validated first: a truncated or corrupt file gives one line naming the problem (exit 2)."})
final class InspectCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    ModelFileArg modelFile;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--metadata", description = "Also list every metadata key (arrays summarised).")
    boolean allMetadata;

    @Override
    public Integer call() throws Exception {
        Path model = modelFile.path();
        try (GGUFFile f = GGUFFile.open(model)) {
            Metadata m = f.meta();
            long params = 0;
            long tensorBytes = 0;
            Map<String, Long> bytesByType = new TreeMap<>();
            for (TensorInfo t : f.tensors().values()) {
                params += t.elementCount();
                tensorBytes += t.byteSize();
                bytesByType.merge(t.type().name(), t.byteSize(), Long::sum);
            }
            Map<String, Object> hyper = hyperparameters(f);
            if (json) {
                printJson(f, m, hyper, params, tensorBytes, bytesByType);
            } else {
                printText(f, m, hyper, params, tensorBytes, bytesByType, System.out);
            }
        }
        return Main.EXIT_OK;
    }

    private static Map<String, Object> hyperparameters(GGUFFile f) {
        Map<String, Object> h = new LinkedHashMap<>();
        String arch = f.meta().string("general.architecture", "?");
        String prefix = arch + ".";
        f.metadata().forEach((k, v) -> {
            if (k.startsWith(prefix) && !(v.value() instanceof GGUFArray)) h.put(k.substring(prefix.length()), v.value());
        });
        return h;
    }

    private void printText(GGUFFile f, Metadata m, Map<String, Object> hyper, long params, long tensorBytes,
                           Map<String, Long> bytesByType, PrintStream out) {
        out.printf("file:          %s (%s, GGUF v%d, %d tensors, %d metadata keys)%n", f.path(), Units.bytes(f.fileSize()),
                f.version(), f.tensors().size(), f.metadata().size());
        out.printf("name:          %s%n", m.string("general.name", "(none)"));
        out.printf("architecture:  %s%s%n", m.string("general.architecture", "(none)"),
                ModelConfig.SUPPORTED_ARCHITECTURES.contains(m.string("general.architecture", "")) ? "" : " (not supported by the engine)");
        out.printf("parameters:    %s (%,d)%n", Units.count(params), params);
        out.printf("tensor data:   %s  %s%n", Units.bytes(tensorBytes), typeSummary(bytesByType, tensorBytes));
        out.printf("file type:     %s%n", Objects.requireNonNullElse(FileType.of(m), "(not recorded)"));
        String scalar = ScalarTypes.note(f);
        out.printf("kernels:       %s%n", scalar == null ? "Vector API for every weight type" : scalar);
        out.println("hyperparameters:");
        hyper.forEach((k, v) -> out.printf("  %-36s %s%n", k, v));
        out.println("tokenizer:");
        if (m.has("tokenizer.ggml.model")) {
            out.printf("  %-36s %s%n", "model", m.string("tokenizer.ggml.model"));
            out.printf("  %-36s %s%n", "pre-tokenizer", m.string("tokenizer.ggml.pre", "(default)"));
            out.printf("  %-36s %s%n", "tokens", m.has("tokenizer.ggml.tokens") ? m.strings("tokenizer.ggml.tokens").length : 0);
            out.printf("  %-36s %s%n", "merges", m.has("tokenizer.ggml.merges") ? m.strings("tokenizer.ggml.merges").length : 0);
            for (String id : new String[] {"bos", "eos", "eot", "padding"}) {
                String key = "tokenizer.ggml." + id + "_token_id";
                if (m.has(key)) out.printf("  %-36s %d %s%n", id + " token", m.integer(key), tokenText(m, m.integer(key)));
            }
            out.printf("  %-36s %s%n", "add bos", m.bool("tokenizer.ggml.add_bos_token", false));
        } else {
            out.println("  (none)");
        }
        String template = m.string("tokenizer.chat_template", null);
        out.printf("chat template: %s%n", template == null ? "(none)" : template.length() + " characters");
        if (allMetadata) {
            out.println("metadata:");
            f.metadata().forEach((k, v) -> out.printf("  %-44s %-8s %s%n", k, v.type().name().toLowerCase(Locale.ROOT), v));
        }
        out.println("tensors:");
        out.printf("  %-36s %-6s %-20s %12s%n", "name", "type", "shape", "bytes");
        for (TensorInfo t : f.tensors().values()) {
            out.printf("  %-36s %-6s %-20s %12s%n", t.name(), t.type(), t.shapeString(), Units.bytes(t.byteSize()));
        }
    }

    private static String tokenText(Metadata m, long id) {
        if (!m.has("tokenizer.ggml.tokens")) return "";
        String[] tokens = m.strings("tokenizer.ggml.tokens");
        return id >= 0 && id < tokens.length ? "'" + tokens[(int) id] + "'" : "(out of range)";
    }

    private static String typeSummary(Map<String, Long> bytesByType, long total) {
        StringBuilder b = new StringBuilder("(");
        bytesByType.forEach((type, bytes) -> {
            if (b.length() > 1) b.append(", ");
            b.append(type).append(' ').append(String.format(Locale.ROOT, "%.1f%%", 100.0 * bytes / Math.max(1, total)));
        });
        return b.append(')').toString();
    }

    private void printJson(GGUFFile f, Metadata m, Map<String, Object> hyper, long params, long tensorBytes,
                           Map<String, Long> bytesByType) throws Exception {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("file", f.path().toString());
        root.put("file_size", f.fileSize());
        root.put("gguf_version", f.version());
        root.put("name", m.string("general.name", null));
        root.put("architecture", m.string("general.architecture", null));
        root.put("supported", ModelConfig.SUPPORTED_ARCHITECTURES.contains(m.string("general.architecture", "")));
        root.put("parameters", params);
        root.put("tensor_bytes", tensorBytes);
        root.put("file_type", FileType.of(m));
        root.set("scalar_types", Json.MAPPER.valueToTree(ScalarTypes.of(f).stream().map(Enum::name).toList()));
        root.set("bytes_by_type", Json.MAPPER.valueToTree(bytesByType));
        root.set("hyperparameters", Json.MAPPER.valueToTree(hyper));
        ObjectNode tok = root.putObject("tokenizer");
        if (m.has("tokenizer.ggml.model")) {
            tok.put("model", m.string("tokenizer.ggml.model"));
            tok.put("pre", m.string("tokenizer.ggml.pre", null));
            tok.put("tokens", m.has("tokenizer.ggml.tokens") ? m.strings("tokenizer.ggml.tokens").length : 0);
            tok.put("merges", m.has("tokenizer.ggml.merges") ? m.strings("tokenizer.ggml.merges").length : 0);
            for (String id : new String[] {"bos", "eos", "eot", "padding"}) {
                String key = "tokenizer.ggml." + id + "_token_id";
                if (m.has(key)) tok.put(id + "_token_id", m.integer(key));
            }
            tok.put("add_bos_token", m.bool("tokenizer.ggml.add_bos_token", false));
        }
        root.put("chat_template", m.string("tokenizer.chat_template", null) != null);
        ObjectNode meta = root.putObject("metadata");
        f.metadata().forEach((k, v) -> meta.set(k, metadataJson(v)));
        ArrayNode tensors = root.putArray("tensors");
        for (TensorInfo t : f.tensors().values()) {
            ObjectNode o = tensors.addObject();
            o.put("name", t.name());
            o.put("type", t.type().name());
            ArrayNode shape = o.putArray("shape");
            for (long d : t.shape()) shape.add(d);
            o.put("bytes", t.byteSize());
            o.put("offset", t.fileOffset());
        }
        Json.print(root);
    }

    /** Scalars as JSON values; arrays longer than 16 elements as a summary object, so huge vocabularies stay out. */
    private static com.fasterxml.jackson.databind.JsonNode metadataJson(MetadataValue v) {
        if (v.value() instanceof GGUFArray a) {
            if (a.length() > 16) {
                ObjectNode o = Json.MAPPER.createObjectNode();
                o.put("type", "array");
                o.put("element_type", a.elementType().name().toLowerCase(Locale.ROOT));
                o.put("length", a.length());
                return o;
            }
            ArrayNode arr = Json.MAPPER.createArrayNode();
            for (int i = 0; i < a.length(); i++) {
                Object e = Array.get(a.values(), i);
                arr.add(e instanceof GGUFArray nested ? Json.MAPPER.valueToTree(nested.toString()) : Json.MAPPER.valueToTree(e));
            }
            return arr;
        }
        return Json.MAPPER.valueToTree(v.value());
    }
}
