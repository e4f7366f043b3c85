package dev.litebench.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.litebench.engine.generate.SamplingParams;
import dev.litebench.engine.generate.ThinkingSplitter;
import dev.litebench.engine.generate.TokenLogprobs;
import dev.litebench.engine.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Greedy generation through the scheduler reproduces llama.cpp's greedy tokens, alone and batched. */
class EngineFixtureTest {

    record Output(List<Integer> tokens, String text, GenerationResult result) {}

    static final class Collector implements GenerationListener {
        final List<Integer> tokens = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        final CompletableFuture<Output> done = new CompletableFuture<>();

        @Override
        public void onToken(int token, ThinkingSplitter.Delta delta, TokenLogprobs logprobs) {
            tokens.add(token);
            text.append(delta.reasoning()).append(delta.content());
        }

        @Override
        public void onComplete(ThinkingSplitter.Delta tail, GenerationResult result) {
            text.append(tail.reasoning()).append(tail.content());
            done.complete(new Output(tokens, text.toString(), result));
        }

        @Override
        public void onError(RuntimeException error) {
            done.completeExceptionally(error);
        }
    }

    /** How many leading greedy steps are decided by a margin no rounding difference can flip. */
    static int safePrefix(JsonNode prompt) {
        int n = 0;
        for (JsonNode step : prompt.get("greedy")) {
            if (step.get("margin").asDouble() < 1e-3) break;
            n++;
        }
        return n;
    }

    @Test
    void greedyTokensMatchLlamaCppAloneAndBatched() throws Exception {
        Path model = Fixtures.require("models/tiny-qwen3-f32.gguf");
        JsonNode expected = new ObjectMapper().readTree(model.resolveSibling("expected-tiny-qwen3-f32.json").toFile());
        SamplingParams greedy = SamplingParams.builder().temperature(0).maxTokens(16).ignoreEos(true).build();
        try (Engine engine = Engine.load(model, new EngineOptions(2, 512, 4, 0, 64, 16))) {
            List<JsonNode> prompts = new ArrayList<>();
            expected.get("prompts").forEach(prompts::add);
            // one at a time
            for (JsonNode p : prompts) {
                Output out = run(engine, p, greedy);
                assertGreedy(p, out);
                assertThat(out.result().finishReason()).isEqualTo(FinishReason.LENGTH);
                assertThat(out.result().completionTokens()).isEqualTo(16);
                assertThat(out.result().promptTokens()).isEqualTo(p.get("prompt_tokens").size());
            }
            // all four at once: prompts prefilled and decoded in shared steps
            List<Collector> collectors = new ArrayList<>();
            for (JsonNode p : prompts) {
                Collector c = new Collector();
                engine.submit(new GenerationRequest(ids(p.get("prompt_tokens")), greedy, false, false), c);
                collectors.add(c);
            }
            for (int i = 0; i < prompts.size(); i++) assertGreedy(prompts.get(i), collectors.get(i).done.get(60, TimeUnit.SECONDS));
            assertThat(engine.cache().freeBlocks()).isEqualTo(engine.cache().blocks());
        }
    }

    static Output run(Engine engine, JsonNode prompt, SamplingParams params) throws Exception {
        Collector c = new Collector();
        engine.submit(new GenerationRequest(ids(prompt.get("prompt_tokens")), params, false, false), c);
        return c.done.get(60, TimeUnit.SECONDS);
    }

    static void assertGreedy(JsonNode prompt, Output out) {
        int safe = safePrefix(prompt);
        List<Integer> expected = new ArrayList<>();
        prompt.get("greedy_ids").forEach(n -> expected.add(n.asInt()));
        assertThat(safe).as("steps with a safe margin for %s", prompt.get("name")).isGreaterThan(0);
        assertThat(out.tokens().subList(0, safe)).as(prompt.get("name").asText()).isEqualTo(expected.subList(0, safe));
    }

    static int[] ids(JsonNode a) {
        int[] r = new int[a.size()];
        for (int i = 0; i < r.length; i++) r[i] = a.get(i).asInt();
        return r;
    }

}
