package dev.litebench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.engine.generate.ThinkingSplitter;
import dev.litebench.engine.runtime.FinishReason;
import dev.litebench.engine.runtime.GenerationResult;
import dev.litebench.engine.runtime.Timings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tool calls in chat responses, streamed and whole, in the shapes OpenAI clients read. */
class ChatShapeToolCallsTest {
    static final List<String> ANSWER = List.of("I will look.", "\n<tool", "_call>\n{\"name\": \"get_weather\", ",
            "\"arguments\": {\"city\": \"Paris\"}}\n</tool_call>", "\n<tool_call>\n{\"name\": \"get_time\", \"arguments\": {}}",
            "\n</tool_call>");

    static GenerationResult result(FinishReason reason) {
        return new GenerationResult(reason, 10, 30, 0, null, new Timings(0, 10, 0, 0, 1, 30, 1));
    }

    static List<JsonNode> streamed(ChatShape shape, List<String> pieces, FinishReason reason) {
        List<JsonNode> deltas = new ArrayList<>();
        for (String piece : pieces) {
            ObjectNode chunk = shape.tokenChunk(new ThinkingSplitter.Delta("", piece), null);
            if (chunk != null) deltas.add(chunk.get("choices").get(0));
        }
        deltas.add(shape.finishChunk(result(reason)).get("choices").get(0));
        return deltas;
    }

    @Test
    void streamedCallsArriveWholeWithRunningIndicesAndTheChoiceFinishesWithToolCalls() {
        List<JsonNode> choices = streamed(new ChatShape("m", null, new ToolChoice(true, "", null)), ANSWER, FinishReason.STOP);
        StringBuilder content = new StringBuilder();
        List<JsonNode> calls = new ArrayList<>();
        for (JsonNode c : choices) {
            content.append(c.get("delta").path("content").asText(""));
            c.get("delta").path("tool_calls").forEach(calls::add);
        }
        assertThat(content.toString()).isEqualTo("I will look.\n");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).get("index").asInt()).isZero();
        assertThat(calls.get(1).get("index").asInt()).isEqualTo(1);
        assertThat(calls.get(0).get("type").asText()).isEqualTo("function");
        assertThat(calls.get(0).get("id").asText()).startsWith("call_");
        assertThat(calls.get(0).get("function").get("name").asText()).isEqualTo("get_weather");
        assertThat(calls.get(0).get("function").get("arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(calls.get(1).get("function").get("name").asText()).isEqualTo("get_time");
        assertThat(choices.getLast().get("finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void wholeResponseCarriesToolCallsAndNullContentWhenOnlyWhitespaceSurrounds() {
        ChatShape shape = new ChatShape("m", null, new ToolChoice(true, "", null));
        String text = "\n\n<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": [1, 2]}}\n</tool_call>";
        JsonNode choice = shape.response(new ResponseShape.Output("", text, List.of(), result(FinishReason.STOP)))
                .get("choices").get(0);
        assertThat(choice.get("message").get("content").isNull()).isTrue();
        JsonNode call = choice.get("message").get("tool_calls").get(0);
        assertThat(call.has("index")).isFalse();
        assertThat(call.get("function").get("arguments").asText()).isEqualTo("{\"a\":[1,2]}");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void cutOffAnswerStillSaysLengthAndWithoutToolsTheTagsAreContent() {
        List<JsonNode> cut = streamed(new ChatShape("m", null, new ToolChoice(true, "", null)), ANSWER.subList(0, 4), FinishReason.LENGTH);
        assertThat(cut.getLast().get("finish_reason").asText()).isEqualTo("length");

        List<JsonNode> plain = streamed(new ChatShape("m", null, ToolChoice.NONE), ANSWER, FinishReason.STOP);
        StringBuilder content = new StringBuilder();
        for (JsonNode c : plain) {
            assertThat(c.get("delta").has("tool_calls")).isFalse();
            content.append(c.get("delta").path("content").asText(""));
        }
        assertThat(content.toString()).isEqualTo(String.join("", ANSWER));
        assertThat(plain.getLast().get("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void aForcedCallIsCompletedByTheModelsTextStreamedAndWhole() {
        ToolChoice named = new ToolChoice(true, "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": ", null);
        List<String> model = List.of("{\"city\": ", "\"Paris\"}}\n</tool", "_call>");
        List<JsonNode> choices = streamed(new ChatShape("m", null, named), model, FinishReason.STOP);
        List<JsonNode> calls = new ArrayList<>();
        for (JsonNode c : choices) {
            assertThat(c.get("delta").path("content").asText("")).isEmpty();
            c.get("delta").path("tool_calls").forEach(calls::add);
        }
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().get("function").get("name").asText()).isEqualTo("get_weather");
        assertThat(calls.getFirst().get("function").get("arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(choices.getLast().get("finish_reason").asText()).isEqualTo("tool_calls");

        JsonNode whole = new ChatShape("m", null, named).response(new ResponseShape.Output("", String.join("", model), List.of(),
                result(FinishReason.STOP))).get("choices").get(0);
        assertThat(whole.get("message").get("tool_calls").get(0).get("function").get("name").asText()).isEqualTo("get_weather");
        assertThat(whole.get("finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void aForcedCallTheModelDoesNotCompleteComesBackAsContentFromTheForcedText() {
        ToolChoice required = new ToolChoice(true, "<tool_call>\n", null);
        List<JsonNode> choices = streamed(new ChatShape("m", null, required), List.of("no json here"), FinishReason.LENGTH);
        StringBuilder content = new StringBuilder();
        for (JsonNode c : choices) content.append(c.get("delta").path("content").asText(""));
        assertThat(content.toString()).isEqualTo("<tool_call>\nno json here");
        assertThat(choices.getLast().get("finish_reason").asText()).isEqualTo("length");
        JsonNode whole = new ChatShape("m", null, required).response(new ResponseShape.Output("", "no json here", List.of(),
                result(FinishReason.LENGTH))).get("choices").get(0);
        assertThat(whole.get("message").get("content").asText()).isEqualTo("<tool_call>\nno json here");
    }
}
