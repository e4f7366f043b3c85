package dev.litebench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Parses a streamed response: every event a {@code data: } line, the last one {@code [DONE]}. */
final class Sse {
    private Sse() {}

    /** The JSON events, checking the framing and the final {@code [DONE]}. */
    static List<JsonNode> events(String body) {
        assertThat(body).endsWith("data: [DONE]\n\n");
        List<JsonNode> events = new ArrayList<>();
        String[] blocks = body.split("\n\n");
        for (int i = 0; i < blocks.length - 1; i++) {
            assertThat(blocks[i]).startsWith("data: ").doesNotContain("\n");
            try {
                events.add(Json.MAPPER.readTree(blocks[i].substring("data: ".length())));
            } catch (JsonProcessingException e) {
                throw new AssertionError("event " + i + " is not JSON: " + blocks[i], e);
            }
        }
        return events;
    }

    /** The concatenated {@code delta.<field>} of chat chunks (or {@code text} of completion chunks). */
    static String joined(List<JsonNode> events, String field) {
        StringBuilder b = new StringBuilder();
        for (JsonNode e : events) {
            JsonNode choices = e.get("choices");
            if (choices == null || choices.isEmpty()) continue;
            JsonNode c = choices.get(0);
            JsonNode v = c.has("delta") ? c.get("delta").get(field) : c.get(field);
            if (v != null && !v.isNull()) b.append(v.asText());
        }
        return b.toString();
    }
}
