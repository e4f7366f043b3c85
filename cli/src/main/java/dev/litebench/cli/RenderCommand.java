package dev.litebench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.litebench.engine.gguf.GGUFFile;
import dev.litebench.engine.template.ChatFormat;
import dev.litebench.engine.template.ChatTemplate;
import dev.litebench.engine.tokenizer.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render a conversation with a chat template exactly as Hugging Face transformers' apply_chat_template does, "
                + "and print the prompt (no newline is added).",
                "The template comes from the model (tokenizer.chat_template) or from --template, which overrides it. "
                        + "bos_token and eos_token are the model's unless --bos/--eos give them."})
final class RenderCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL.gguf", description = "Take the template and special tokens from this model.")
    Path model;

    @Option(names = "--template", paramLabel = "FILE.jinja", description = "Jinja chat template file; overrides the model's.")
    Path templateFile;

    @Option(names = "--messages", required = true, paramLabel = "MESSAGES.json",
            description = "A JSON array of messages: {\"role\", \"content\" (string or content parts), optional \"reasoning_content\", \"tool_calls\"}.")
    Path messagesFile;

    @Option(names = "--tools", paramLabel = "TOOLS.json", description = "A JSON array of tool (function) definitions.")
    Path toolsFile;

    @Option(names = "--var", paramLabel = "NAME=VALUE",
            description = "An extra template variable, e.g. enable_thinking=false (repeatable). VALUE is read as JSON when it parses as JSON (false, 3, \"x\", [...]), else as a string.")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--bos", paramLabel = "TEXT", description = "bos_token value.")
    String bos;

    @Option(names = "--eos", paramLabel = "TEXT", description = "eos_token value.")
    String eos;

    @Option(names = "--no-generation-prompt", description = "Do not end with the assistant turn opener (add_generation_prompt=false).")
    boolean noGenerationPrompt;

    @Override
    public Integer call() throws Exception {
        if (model == null && templateFile == null) throw new IllegalArgumentException("give --model or --template (or both)");
        String source = null;
        String modelBos = null;
        String modelEos = null;
        if (model != null) {
            try (GGUFFile f = GGUFFile.open(model)) {
                source = f.meta().string("tokenizer.chat_template", null);
                Tokenizer t = Tokenizer.fromGguf(f.meta());
                int b = t.vocabulary().bos();
                int e = t.vocabulary().eos();
                modelBos = b < 0 ? null : t.vocabulary().token(b);
                modelEos = e < 0 ? null : t.vocabulary().token(e);
            }
        }
        if (templateFile != null) source = Files.readString(templateFile, StandardCharsets.UTF_8);
        if (source == null) throw new IllegalArgumentException(model + ": the model has no chat template; give one with --template");
        ChatFormat format = new ChatFormat(ChatTemplate.parse(source), bos != null ? bos : modelBos, eos != null ? eos : modelEos);
        List<?> messages = readJsonArray(messagesFile, "--messages");
        List<?> tools = toolsFile == null ? null : readJsonArray(toolsFile, "--tools");
        Map<String, Object> extra = new LinkedHashMap<>();
        vars.forEach((k, v) -> extra.put(k, jsonOrString(v)));
        String prompt = format.render(messages, tools, !noGenerationPrompt, extra);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.print(prompt);
        out.flush();
        return Main.EXIT_OK;
    }

    private static List<?> readJsonArray(Path file, String flag) throws Exception {
        Object v;
        try {
            v = Json.MAPPER.readValue(file.toFile(), Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (java.io.FileNotFoundException e) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        if (!(v instanceof List<?> list)) throw new IllegalArgumentException(file + ": " + flag + " must hold a JSON array");
        return list;
    }

    static Object jsonOrString(String v) {
        try {
            return Json.MAPPER.readValue(v, Object.class);
        } catch (JsonProcessingException e) {
            return v;
        }
    }
}
