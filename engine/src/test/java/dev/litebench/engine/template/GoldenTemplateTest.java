package dev.litebench.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every entry of {@code fixtures/templates/golden.json} (made with Python jinja2 the way transformers'
 * apply_chat_template renders) and compares byte for byte.
 */
class GoldenTemplateTest {
    private static final Path DIR =
            Path.of(System.getProperty("litebench.fixtures", "../shared/fixtures"), "templates");
    private static final Clock FIXED_NOW =
            Clock.fixed(LocalDateTime.of(2025, 3, 14, 15, 9, 26).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    static Stream<Arguments> entries() throws IOException {
        Path golden = DIR.resolve("golden.json");
        if (!Files.isRegularFile(golden)) {
            return Stream.of(Arguments.of(Named.of("fixtures missing", null)));
        }
        List<?> entries = new ObjectMapper().readValue(golden.toFile(), List.class);
        return entries.stream().map(e -> {
            Map<?, ?> entry = (Map<?, ?>) e;
            Map<?, ?> conversation = (Map<?, ?>) entry.get("conversation");
            return Arguments.of(Named.of(entry.get("template") + " x " + conversation.get("name"), entry));
        });
    }

    @ParameterizedTest
    @MethodSource("entries")
    @SuppressWarnings("unchecked")
    void rendersLikeTransformers(Map<String, Object> entry) throws IOException {
        assumeTrue(entry != null, "fixtures not found at " + DIR.toAbsolutePath() + ": golden template tests skipped");
        ChatTemplate template = ChatTemplate.parse(Files.readString(DIR.resolve((String) entry.get("template"))),
                FIXED_NOW);
        Map<String, Object> conversation = (Map<String, Object>) entry.get("conversation");
        Map<String, Object> variables = new HashMap<>((Map<String, Object>) entry.get("kwargs"));
        variables.put("messages", conversation.get("messages"));
        variables.put("tools", conversation.get("tools"));
        variables.put("documents", null);

        if (entry.containsKey("error")) {
            String expected = ((String) entry.get("error")).replaceFirst("^TemplateError: ", "");
            assertThatThrownBy(() -> template.render(variables))
                    .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.raisedByTemplate()).isTrue())
                    .hasMessage(expected);
        } else {
            assertThat(template.render(variables)).isEqualTo(entry.get("rendered"));
        }
    }
}
