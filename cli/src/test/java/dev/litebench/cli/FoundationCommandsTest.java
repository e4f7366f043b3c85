package dev.litebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.litebench.engine.kernel.MatrixKernel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** inspect, tokenize, render, synth and generate on a model the test synthesizes itself. */
class FoundationCommandsTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void synthesize() {
        model = dir.resolve("tiny.gguf");
        CliRun r = CliRun.run("synth", "--preset", "tiny", "--quant", "q8_0", "-o", model.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("wrote");
    }

    @Test
    void versionAndHelp() {
        assertThat(CliRun.run("--version").out()).startsWith("litebench ");
        CliRun help = CliRun.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("inspect", "tokenize", "render", "synth", "generate");
        for (String cmd : new String[] {"inspect", "tokenize", "render", "synth", "generate"}) {
            CliRun h = CliRun.run(cmd, "--help");
            assertThat(h.exitCode()).as(cmd).isZero();
            assertThat(h.out()).as(cmd).contains("Usage: litebench " + cmd);
        }
    }

    @Test
    void inspectShowsShapesAndJson() throws Exception {
        CliRun text = CliRun.run("inspect", model.toString());
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("architecture:  qwen3", "file type:     Q8_0", "token_embd.weight", "block_count", "chat template:");
        if (MatrixKernel.VECTORIZE) assertThat(text.out()).contains("kernels:       Vector API for every weight type");
        CliRun json = CliRun.run("inspect", "--json", model.toString());
        JsonNode o = Json.MAPPER.readTree(json.out());
        assertThat(o.get("architecture").asText()).isEqualTo("qwen3");
        assertThat(o.get("file_type").asText()).isEqualTo("Q8_0");
        if (MatrixKernel.VECTORIZE) assertThat(o.get("scalar_types")).isEmpty();
        assertThat(o.get("hyperparameters").get("embedding_length").asInt()).isEqualTo(64);
        assertThat(o.get("tensors").size()).isEqualTo(24);
        assertThat(o.get("tokenizer").get("tokens").asInt()).isEqualTo(151936);
        assertThat(o.get("chat_template").asBoolean()).isTrue();
    }

    @Test
    void inspectTakesTheModelAsAParameterOrWithDashM() {
        CliRun positional = CliRun.run("inspect", model.toString());
        CliRun option = CliRun.run("inspect", "-m", model.toString());
        assertThat(option.exitCode()).isZero();
        assertThat(option.out()).isEqualTo(positional.out());
        assertThat(CliRun.run("inspect", "--model", model.toString(), model.toString()).exitCode()).isZero();
        CliRun none = CliRun.run("inspect");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err().strip()).isEqualTo("litebench: no model file given: name one, as MODEL.gguf or -m MODEL.gguf");
        CliRun two = CliRun.run("inspect", model.toString(), "-m", dir.resolve("other.gguf").toString());
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.err()).contains("two model files given");
    }

    @Test
    void badFilesAreOneLineErrorsWithExitCode2() throws Exception {
        Path junk = dir.resolve("junk.gguf");
        Files.writeString(junk, "GGUF but not really");
        CliRun r = CliRun.run("inspect", junk.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("litebench: ").doesNotContain("\n").doesNotContain("Exception");
        Path truncated = dir.resolve("truncated.gguf");
        byte[] all = Files.readAllBytes(model);
        Files.write(truncated, Arrays.copyOf(all, all.length / 2));
        CliRun t = CliRun.run("generate", "-m", truncated.toString(), "-p", "hi");
        assertThat(t.exitCode()).isEqualTo(2);
        assertThat(t.err()).contains("past end of file").doesNotContain("\tat ");
        assertThat(CliRun.run("inspect", dir.resolve("nope.gguf").toString()).err()).contains("no such file");
        assertThat(CliRun.run("synth", "--preset", "gpt5", "-o", "x.gguf").err()).contains("unknown preset 'gpt5' (available: qwen3-0.6b");
        assertThat(CliRun.run("frobnicate").exitCode()).isEqualTo(2);
    }

    @Test
    void tokenizeParsesSpecialTokensOnlyWhenAsked() throws Exception {
        CliRun plain = CliRun.run("tokenize", "-m", model.toString(), "<|im_start|>hi");
        CliRun special = CliRun.run("tokenize", "-m", model.toString(), "--special", "--json", "<|im_start|>hi");
        assertThat(plain.out().strip().split(" ").length).isGreaterThan(2);
        JsonNode ids = Json.MAPPER.readTree(special.out());
        assertThat(ids.get(0).asInt()).isEqualTo(151644);
        CliRun pieces = CliRun.run("tokenize", "-m", model.toString(), "--pieces", "<think>");
        assertThat(pieces.out()).contains("151667", "'<think>'");
    }

    @Test
    void renderUsesTheModelTemplateAndVars() throws Exception {
        Path messages = dir.resolve("messages.json");
        Files.writeString(messages, "[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"}]");
        CliRun r = CliRun.run("render", "-m", model.toString(), "--messages", messages.toString(), "--var", "enable_thinking=false");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"
                + "<|im_start|>assistant\n<think>\n\n</think>\n\n");
        CliRun noGen = CliRun.run("render", "-m", model.toString(), "--messages", messages.toString(), "--no-generation-prompt");
        assertThat(noGen.out()).endsWith("Hi<|im_end|>\n");
        Path template = dir.resolve("t.jinja");
        Files.writeString(template, "{{ bos_token }}{% for m in messages %}[{{ m.role }}]{{ m.content }}{% endfor %}{{ x }}");
        CliRun custom = CliRun.run("render", "--template", template.toString(), "--messages", messages.toString(),
                "--bos", "<s>", "--var", "x=[1, 2]");
        assertThat(custom.out()).isEqualTo("<s>[system]Be brief.[user]Hi[1, 2]");
        Files.writeString(template, "{% if %}");
        CliRun broken = CliRun.run("render", "--template", template.toString(), "--messages", messages.toString());
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).contains("line 1");
    }

    @Test
    void generateJsonIsDeterministicForASeed() throws Exception {
        String[] args = {"generate", "-m", model.toString(), "--chat", "Hello", "-n", "12", "--seed", "7", "--ignore-eos",
                "--json", "--top-logprobs", "3", "-t", "2"};
        CliRun a = CliRun.run(args);
        assertThat(a.exitCode()).as(a.err()).isZero();
        JsonNode o = Json.MAPPER.readTree(a.out());
        assertThat(o.get("tokens").size()).isEqualTo(12);
        assertThat(o.get("finish_reason").asText()).isEqualTo("length");
        assertThat(o.get("steps").get(0).get("top_logprobs").size()).isEqualTo(3);
        assertThat(o.get("steps").get(0).get("logprob").asDouble()).isLessThanOrEqualTo(0);
        assertThat(o.get("text").asText()).isNotBlank();
        assertThat(o.get("timings").get("decode_n").asInt()).isEqualTo(12);
        JsonNode b = Json.MAPPER.readTree(CliRun.run(args).out());
        assertThat(b.get("tokens")).isEqualTo(o.get("tokens"));
        JsonNode oneThread = Json.MAPPER.readTree(CliRun.run(withThreads(args, "1")).out());
        assertThat(oneThread.get("tokens")).isEqualTo(o.get("tokens"));
    }

    @Test
    void chatKeepsHistoryAndTogglesThinking() {
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("Hello\n/no_think\nAgain\n/exit\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            CliRun r = CliRun.run("chat", "-m", model.toString(), "-n", "5", "--seed", "1", "--ignore-eos");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.err()).contains("thinking off");
            String[] summaries = r.err().lines().filter(l -> l.startsWith("prompt ")).toArray(String[]::new);
            assertThat(summaries).hasSize(2);
            // the second turn's prompt holds the first exchange, so it is longer
            int first = Integer.parseInt(summaries[0].split(" ")[1]);
            int second = Integer.parseInt(summaries[1].split(" ")[1]);
            assertThat(second).isGreaterThan(first + 5);
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void engineBenchPrintsLlamaBenchStyleRowsWithTheHostSteal() throws Exception {
        CliRun table = CliRun.run("engine-bench", "-m", model.toString(), "-p", "16", "-n", "4", "-b", "1,2", "-r", "1", "-t", "1");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains(" test |", "t/s |", "streams |", "steal |").contains("pp16", "tg4", "tg4x2");
        CliRun json = CliRun.run("engine-bench", "-m", model.toString(), "-p", "0", "-n", "4", "-r", "2", "-t", "1", "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        var rows = Json.MAPPER.readTree(json.out());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("test").asText()).isEqualTo("tg4");
        assertThat(rows.get(0).path("model_type").asText()).endsWith(" Q8_0"); // general.file_type, as llama-bench names it
        assertThat(rows.get(0).path("avg_ts").asDouble()).isPositive();
        assertThat(rows.get(0).path("samples_ts")).hasSize(2);
        // the row order was measured before the test: one of the tuner's candidates
        assertThat(rows.get(0).path("row_streams").asInt()).isIn(1, 2, 4);
        if (java.nio.file.Files.isReadable(Path.of("/proc/stat"))) {
            assertThat(rows.get(0).path("host_steal_pct").asDouble(-1)).isBetween(0.0, 100.0);
        }
        assertThat(rows.get(0).path("use_mmap").asBoolean(false)).isTrue(); // a small file stays mapped
        assertThat(json.err()).contains(": weights mapped from the file");
    }

    @Test
    void engineBenchMeasuresEveryModelAtEveryThreadCountInOneTable() throws Exception {
        CliRun json = CliRun.run("engine-bench", "-m", model.toString(), "-m", model.toString(), "-p", "0", "-n", "2", "-r", "1", "-t", "1,2", "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        var rows = Json.MAPPER.readTree(json.out());
        assertThat(rows).extracting(r -> r.path("n_threads").asInt()).containsExactly(1, 2, 1, 2);
        assertThat(rows).allSatisfy(r -> assertThat(r.path("test").asText()).isEqualTo("tg2"));
        CliRun table = CliRun.run("engine-bench", "-m", model.toString(), "-p", "0", "-n", "2", "-r", "1", "-t", "1,2");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines().filter(l -> l.contains(" tg2 "))).hasSize(2);
        assertThat(table.out().lines().filter(l -> l.startsWith("| model"))).hasSize(1);
        CliRun bad = CliRun.run("engine-bench", "-m", model.toString(), "-t", "0");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("--threads must be at least 1").doesNotContain("\tat ");
        CliRun missing = CliRun.run("engine-bench", "-m", model.toString(), "-m", model + ".missing", "-p", "0", "-n", "2");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.out()).doesNotContain("tg2"); // refused before anything ran
        assertThat(missing.err()).contains(".missing").doesNotContain("\tat ");
    }

    @Test
    void engineBenchCopiesTheWeightsOnRequestAndRefusesAnUnknownPlacement() throws Exception {
        CliRun copied = CliRun.run("engine-bench", "-m", model.toString(), "-p", "0", "-n", "2", "-r", "1", "-t", "1", "--weight-memory", "copy", "--json");
        assertThat(copied.exitCode()).as(copied.err()).isZero();
        assertThat(Json.MAPPER.readTree(copied.out()).get(0).path("use_mmap").asBoolean(true)).isFalse();
        assertThat(copied.err()).contains(": weights copied into anonymous memory");
        CliRun bad = CliRun.run("engine-bench", "-m", model.toString(), "--weight-memory", "mlock");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("--weight-memory must be auto, map or copy, not 'mlock'").doesNotContain("\tat ");
        CliRun badGenerate = CliRun.run("generate", "-m", model.toString(), "-p", "hi", "--weight-memory", "x");
        assertThat(badGenerate.exitCode()).isNotZero();
        assertThat(badGenerate.err()).contains("--weight-memory must be auto, map or copy").doesNotContain("\tat ");
    }

    @Test
    void engineBenchAtADepthNamesTheTestsAndReportsTheDepth() throws Exception {
        CliRun json = CliRun.run("engine-bench", "-m", model.toString(), "-p", "8", "-n", "3", "-b", "1,2", "-d", "40", "-r", "1", "-t", "1", "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        var rows = Json.MAPPER.readTree(json.out());
        assertThat(rows).extracting(r -> r.path("test").asText()).containsExactly("pp8@d40", "tg3@d40", "tg3x2@d40");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.path("n_depth").asInt()).isEqualTo(40);
            assertThat(r.path("avg_ts").asDouble()).isPositive();
        });
        CliRun bad = CliRun.run("engine-bench", "-m", model.toString(), "-d", "-1");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("--n-depth").doesNotContain("\tat ");
    }

    private static String[] withThreads(String[] args, String threads) {
        String[] copy = args.clone();
        copy[copy.length - 1] = threads;
        return copy;
    }
}
