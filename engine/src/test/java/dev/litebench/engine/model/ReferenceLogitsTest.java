package dev.litebench.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.litebench.engine.gguf.GGUFFile;
import dev.litebench.engine.kernel.Compute;
import dev.litebench.engine.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forward pass against llama.cpp's outputs for the tiny fixture models: final-position logits of each prompt
 * (full vector for F32 models), and teacher-forced top-5 logits along the greedy continuation.
 */
class ReferenceLogitsTest {

    @ParameterizedTest(name = "{0}, {2} threads")
    // The tolerances (1e-3 for F32 weights, 2e-2 for Q8_0) or tighter. Activations are rounded as ggml rounds
    // them; what remains is the KV cache, F16 here (llama.cpp's default) against the reference's F32 (its generator
    // ran with -ctk f32 -ctv f32): K and V rounded to 11 significant bits move these logits (~0.6) by up to 5e-4 with
    // F32 weights, and by up to 1.01e-2 with Q8_0 ones, where the changed activations also quantize differently.
    @CsvSource({
            "tiny-qwen3-f32, 1e-3, 1", "tiny-qwen3-f32, 1e-3, 2",
            "tiny-qwen2-f32, 1e-3, 1", "tiny-qwen2-f32, 1e-3, 2",
            "tiny-qwen3-q8_0, 2e-2, 1", "tiny-qwen3-q8_0, 2e-2, 2",
            "tiny-qwen2-q8_0, 2e-2, 1", "tiny-qwen2-q8_0, 2e-2, 2"})
    void matchesLlamaCpp(String model, double tolerance, int threads) throws IOException {
        Path gguf = Fixtures.require("models/" + model + ".gguf");
        Path dir = gguf.getParent();
        JsonNode expected = new ObjectMapper().readTree(dir.resolve("expected-" + model + ".json").toFile());
        try (GGUFFile file = GGUFFile.open(gguf); Compute compute = new Compute(threads, 4096)) {
            Transformer t = Transformer.load(file);
            int vocab = t.config().vocabSize();
            for (JsonNode prompt : expected.get("prompts")) {
                String name = prompt.get("name").asText();
                int[] promptTokens = ints(prompt.get("prompt_tokens"));
                int[] greedy = ints(prompt.get("greedy_ids"));
                KVCache cache = new KVCache(t.config(), promptTokens.length + greedy.length);
                ForwardPass pass = new ForwardPass(t.config(), t.weights(), compute, 64);
                Sequence seq = new Sequence();
                assertThat(seq.reserve(cache, promptTokens.length + greedy.length)).isTrue();
                float[] logits = new float[vocab];
                pass.forwardSequence(cache, seq, promptTokens, 0, logits);

                if (prompt.has("final_logits_file") || Files.exists(dir.resolve("expected-" + model + "." + name + ".logits.f32"))) {
                    float[] ref = readFloats(dir.resolve("expected-" + model + "." + name + ".logits.f32"));
                    double maxDiff = 0;
                    for (int i = 0; i < vocab; i++) maxDiff = Math.max(maxDiff, Math.abs(ref[i] - logits[i]));
                    assertThat(maxDiff).as("%s %s full logits max diff", model, name).isLessThan(tolerance);
                }
                for (JsonNode top : prompt.get("final_top20")) {
                    assertThat((double) logits[top.get("id").asInt()]).as("%s %s final logit of %s", model, name, top.get("id"))
                            .isCloseTo(top.get("logit").asDouble(), org.assertj.core.data.Offset.offset(tolerance));
                }
                // teacher forcing along the reference greedy path
                int pos = promptTokens.length;
                for (JsonNode step : prompt.get("greedy")) {
                    int s = step.get("step").asInt();
                    if (s > 0) pass.forwardSequence(cache, seq, new int[] {greedy[s - 1]}, pos++, logits);
                    for (JsonNode top : step.get("top5")) {
                        assertThat((double) logits[top.get("id").asInt()]).as("%s %s step %d logit of %s", model, name, s, top.get("id"))
                                .isCloseTo(top.get("logit").asDouble(), org.assertj.core.data.Offset.offset(tolerance));
                    }
                    if (step.get("margin").asDouble() > 2 * tolerance) {
                        assertThat(argmax(logits)).as("%s %s step %d argmax", model, name, s).isEqualTo(step.get("id").asInt());
                    }
                }
                seq.release(cache);
            }
        }
    }

    static int argmax(float[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) if (a[i] > a[best]) best = i;
        return best;
    }

    static int[] ints(JsonNode array) {
        int[] r = new int[array.size()];
        for (int i = 0; i < r.length; i++) r[i] = array.get(i).asInt();
        return r;
    }

    static float[] readFloats(Path p) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        float[] r = new float[b.remaining() / 4];
        b.asFloatBuffer().get(r);
        return r;
    }
}
