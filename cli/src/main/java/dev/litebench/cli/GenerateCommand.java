package dev.litebench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.engine.generate.SamplingParams;
import dev.litebench.engine.generate.ThinkingSplitter;
import dev.litebench.engine.generate.TokenLogprobs;
import dev.litebench.engine.runtime.Engine;
import dev.litebench.engine.runtime.GenerationListener;
import dev.litebench.engine.runtime.GenerationRequest;
import dev.litebench.engine.runtime.GenerationResult;
import dev.litebench.engine.template.ChatFormat;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate text from a prompt with a GGUF model.",
                "--prompt and --prompt-file text is tokenized with special tokens parsed, so a pre-rendered chat prompt works; "
                        + "--chat renders the model's chat template around one user message.",
                "Without --json the text streams to the terminal (reasoning dimmed) and a one-line speed summary goes to stderr."})
final class GenerateCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL.gguf", description = "The model file.")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = {"-p", "--prompt"}, paramLabel = "TEXT", description = "Raw prompt text.")
        String prompt;
        @Option(names = "--prompt-file", paramLabel = "FILE", description = "Read the raw prompt from a file (UTF-8).")
        Path promptFile;
        @Option(names = "--chat", paramLabel = "MESSAGE", description = "A user message, rendered with the model's chat template.")
        String chat;
    }

    @Option(names = "--system", paramLabel = "TEXT", description = "System message (with --chat).")
    String system;

    @Option(names = "--no-think", description = "Disable thinking (with --chat: enable_thinking=false in the template).")
    boolean noThink;

    @Mixin
    SamplingOptions sampling;

    @Option(names = "--top-logprobs", paramLabel = "K", defaultValue = "0",
            description = "With --json, list the K most likely alternatives of every generated token (0-20).")
    int topLogprobs;

    @Mixin
    EngineFlags engine;

    @Option(names = "--json", description = "Print one JSON object (ids, text, reasoning, per-token logprobs, timings) instead of streaming text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        SamplingParams params = sampling.toParams(json, topLogprobs);
        try (Engine e = Engine.load(model, engine.options(1))) {
            String text = promptText(e);
            boolean parseSpecial = true;
            int[] prompt = e.tokenizer().encode(text, parseSpecial);
            boolean startsInReasoning = ThinkingSplitter.promptOpensReasoning(text);
            Run run = new Run(json);
            e.submit(new GenerationRequest(prompt, params, true, startsInReasoning), run);
            GenerationResult result = run.done.join();
            if (json) printJson(prompt, run, result);
            else run.printSummary(result);
            return Main.EXIT_OK;
        }
    }

    private String promptText(Engine e) throws Exception {
        if (input.prompt != null) return input.prompt;
        if (input.promptFile != null) return Files.readString(input.promptFile, StandardCharsets.UTF_8);
        List<Map<String, Object>> messages = new ArrayList<>();
        if (system != null) messages.add(Map.of("role", "system", "content", system));
        messages.add(Map.of("role", "user", "content", input.chat));
        Map<String, Object> kwargs = noThink ? Map.of("enable_thinking", false) : Map.of();
        return ChatFormat.forModel(e.chatTemplate(), e.tokenizer()).render(messages, null, true, kwargs);
    }

    private void printJson(int[] prompt, Run run, GenerationResult r) throws Exception {
        ObjectNode o = Json.MAPPER.createObjectNode();
        ArrayNode p = o.putArray("prompt_tokens");
        for (int t : prompt) p.add(t);
        ArrayNode toks = o.putArray("tokens");
        run.tokens.forEach(toks::add);
        o.put("text", run.content.toString());
        if (!run.reasoning.isEmpty()) o.put("reasoning", run.reasoning.toString());
        o.put("finish_reason", r.finishReason().apiName());
        ArrayNode steps = o.putArray("steps");
        for (int i = 0; i < run.tokens.size(); i++) {
            ObjectNode s = steps.addObject();
            s.put("id", run.tokens.get(i));
            TokenLogprobs lp = run.logprobs.get(i);
            if (lp != null) {
                s.put("logprob", lp.logprob());
                if (topLogprobs > 0) {
                    ArrayNode top = s.putArray("top_logprobs");
                    for (TokenLogprobs.Alternative a : lp.top()) top.addObject().put("id", a.token()).put("logprob", a.logprob());
                }
            }
        }
        ObjectNode t = o.putObject("timings");
        t.put("prompt_n", r.timings().promptN());
        t.put("prompt_ms", r.timings().promptMs());
        t.put("prompt_per_second", r.timings().promptPerSecond());
        t.put("decode_n", r.timings().predictedN());
        t.put("decode_ms", r.timings().predictedMs());
        t.put("decode_per_second", r.timings().predictedPerSecond());
        Json.print(o);
    }

    /** Collects (and, without --json, prints) one generation. */
    static final class Run implements GenerationListener {
        private static final String DIM = "\u001b[2m";
        private static final String RESET = "\u001b[0m";
        final boolean quiet;
        final boolean color = System.console() != null && System.getenv("NO_COLOR") == null;
        final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        final List<Integer> tokens = new ArrayList<>();
        final List<TokenLogprobs> logprobs = new ArrayList<>();
        final StringBuilder content = new StringBuilder();
        final StringBuilder reasoning = new StringBuilder();
        final CompletableFuture<GenerationResult> done = new CompletableFuture<>();
        private boolean inReasoning;

        Run(boolean quiet) {
            this.quiet = quiet;
        }

        @Override
        public void onToken(int token, ThinkingSplitter.Delta text, TokenLogprobs lp) {
            tokens.add(token);
            logprobs.add(lp);
            show(text);
        }

        @Override
        public void onComplete(ThinkingSplitter.Delta tail, GenerationResult result) {
            show(tail);
            if (!quiet) {
                if (inReasoning && color) out.print(RESET);
                out.println();
            }
            done.complete(result);
        }

        @Override
        public void onError(RuntimeException error) {
            done.completeExceptionally(error);
        }

        private void show(ThinkingSplitter.Delta d) {
            reasoning.append(d.reasoning());
            content.append(d.content());
            if (quiet) return;
            if (!d.reasoning().isEmpty()) {
                if (!inReasoning && color) out.print(DIM);
                inReasoning = true;
                out.print(d.reasoning());
            }
            if (!d.content().isEmpty()) {
                if (inReasoning && color) out.print(RESET);
                inReasoning = false;
                out.print(d.content());
            }
            out.flush();
        }

        void printSummary(GenerationResult r) {
            System.err.printf(Locale.ROOT, "prompt %d tokens in %.0f ms (%.1f tok/s); generated %d tokens in %.0f ms (%.1f tok/s); finish: %s%n",
                    r.timings().promptN(), r.timings().promptMs(), r.timings().promptPerSecond(),
                    r.completionTokens(), r.timings().predictedMs(), r.timings().predictedPerSecond(), r.finishReason().apiName());
        }
    }
}
