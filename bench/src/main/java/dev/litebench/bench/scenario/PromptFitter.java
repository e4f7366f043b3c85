package dev.litebench.bench.scenario;

import dev.litebench.bench.api.GenerationRequest;
import dev.litebench.bench.api.ServerTokenizer;
import dev.litebench.bench.measure.RequestRecord;
import dev.litebench.bench.measure.StreamAnalyzer;
import dev.litebench.bench.targets.LiveTarget;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds unique prompts of an exact length in prompt tokens as the server counts them ({@code usage.prompt_tokens}):
 * a unique tag, then filler words (common English words, one token each in the usual BPE vocabularies). The
 * count comes from the server's /tokenize plus the chat template's tokens when there is one, otherwise from
 * one-token probe requests; the word count is corrected until the count is exact.
 */
final class PromptFitter {
    private static final String[] WORDS = ("the of and to in is that it was for on are as with his they at be this from have or "
            + "by one had not but what all were when we there can an your which their said if do will each about how up out "
            + "them then she many some so these would other into has more her two like him see time could no make than first "
            + "been its who now people my made over did down only way find use may water long little very after words called "
            + "just where most know").split(" ");
    private static final int MAX_ATTEMPTS = 6;

    /** Prompt tokens as the server would count them, or null when it cannot say. */
    interface Counter {
        Integer promptTokens(String prompt) throws IOException;
    }

    private final LiveTarget target;
    private final Counter counter;
    private final boolean perPromptCheck;
    private final List<String> warnings = new ArrayList<>();

    PromptFitter(LiveTarget target, Counter counter, boolean perPromptCheck) {
        this.target = target;
        this.counter = counter;
        this.perPromptCheck = perPromptCheck;
    }

    static PromptFitter forTarget(ScenarioContext ctx) {
        LiveTarget t = ctx.target();
        ServerTokenizer tokenizer = t.tokenizer();
        if (tokenizer != null) {
            int template = t.templateTokens() == null ? 0 : t.templateTokens();
            PromptFitter f = new PromptFitter(t, p -> tokenizer.count(p) + template, true);
            if (t.templateTokens() == null) f.warnings.add("chat template tokens unknown (no usage): input lengths count the prompt text only");
            return f;
        }
        StreamAnalyzer analyzer = new StreamAnalyzer(t.spec().api(), ctx.clock());
        return new PromptFitter(t, p -> {
            var x = t.client().send("fit", new GenerationRequest(p, 1), System.nanoTime());
            RequestRecord r = analyzer.analyze(x, new StreamAnalyzer.Asked(null, 1, null));
            return r.ok() ? r.inputTokens() : null;
        }, false);
    }

    /** Warnings about lengths that could not be made exact. */
    List<String> warnings() {
        return warnings;
    }

    /**
     * {@code count} unique prompts of {@code length} prompt tokens each. The first fit uses a tag no measured
     * prompt has, since probe requests may leave that prompt in the server's prefix cache.
     */
    List<String> prompts(int length, int count) throws IOException {
        int words = fit(target.uniquePrompt(""), length, null);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String tag = target.uniquePrompt("");
            if (perPromptCheck) words = fit(tag, length, words);
            out.add(text(tag, words));
        }
        return out;
    }

    private int fit(String tag, int length, Integer guess) throws IOException {
        int words = guess != null ? guess : Math.max(1, length - target.uniquePromptSharedTokens());
        int best = words;
        int bestCount = -1;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Integer c = counter.promptTokens(text(tag, words));
            if (c == null) {
                warnings.add("the server reports no prompt token count: input lengths are estimates");
                return words;
            }
            if (c == length) return words;
            if (c < length && c > bestCount) {
                best = words;
                bestCount = c;
            }
            words = Math.max(1, words + length - c);
        }
        warnings.add("could not build a prompt of exactly " + length + " tokens (closest below: " + bestCount + ")");
        return best;
    }

    static String text(String tag, int words) {
        StringBuilder b = new StringBuilder(tag.length() + words * 6);
        b.append(tag.strip());
        for (int j = 0; j < words; j++) b.append(' ').append(WORDS[(j * 37 + 11) % WORDS.length]);
        return b.toString();
    }
}
