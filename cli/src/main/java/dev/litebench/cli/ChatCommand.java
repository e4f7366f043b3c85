package dev.litebench.cli;

import dev.litebench.engine.generate.SamplingParams;
import dev.litebench.engine.generate.ThinkingSplitter;
import dev.litebench.engine.runtime.Engine;
import dev.litebench.engine.runtime.GenerationRequest;
import dev.litebench.engine.runtime.GenerationResult;
import dev.litebench.engine.template.ChatFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Chat with a GGUF model in the terminal: each line you type is a user message; the answer streams "
                + "back (thinking shown dimmed) and the conversation is kept as history.",
                "Commands: /think and /no_think switch thinking on and off (enable_thinking in the chat template), "
                        + "/reset clears the history, /exit (or end of input) quits."})
final class ChatCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL.gguf", description = "The model file.")
    Path model;

    @Option(names = "--system", paramLabel = "TEXT", description = "System message at the start of the conversation.")
    String system;

    @Option(names = "--no-think", description = "Start with thinking off (same as typing /no_think).")
    boolean noThink;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    EngineFlags engine;

    @Override
    public Integer call() throws Exception {
        SamplingParams params = sampling.toParams(false, 0);
        boolean thinking = !noThink;
        try (Engine e = Engine.load(model, engine.options(1))) {
            ChatFormat format = ChatFormat.forModel(e.chatTemplate(), e.tokenizer());
            List<Map<String, Object>> history = new ArrayList<>();
            if (system != null) history.add(message("system", system));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            System.err.println("litebench chat: " + model.getFileName() + " (thinking " + (thinking ? "on" : "off")
                    + "; /think, /no_think, /reset, /exit)");
            while (true) {
                System.out.print("> ");
                System.out.flush();
                String line = in.readLine();
                if (line == null || line.strip().equals("/exit")) break;
                switch (line.strip()) {
                    case "" -> { continue; }
                    case "/think" -> { thinking = true; System.err.println("thinking on"); continue; }
                    case "/no_think" -> { thinking = false; System.err.println("thinking off"); continue; }
                    case "/reset" -> {
                        history.removeIf(m -> !"system".equals(m.get("role")));
                        System.err.println("history cleared");
                        continue;
                    }
                    default -> { }
                }
                history.add(message("user", line));
                String prompt = format.render(history, null, true, Map.of("enable_thinking", thinking));
                boolean opens = ThinkingSplitter.promptOpensReasoning(prompt);
                GenerateCommand.Run run = new GenerateCommand.Run(false);
                e.submit(new GenerationRequest(e.tokenizer().encode(prompt, true), params, true, opens), run);
                GenerationResult result = run.done.join();
                Map<String, Object> answer = message("assistant", run.content.toString().strip());
                if (!run.reasoning.isEmpty()) answer.put("reasoning_content", run.reasoning.toString().strip());
                history.add(answer);
                if (result.finishReason() != dev.litebench.engine.runtime.FinishReason.STOP) run.printSummary(result);
            }
            return Main.EXIT_OK;
        }
    }

    private static Map<String, Object> message(String role, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }
}
