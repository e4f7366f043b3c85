package dev.litebench.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.engine.generate.ToolCallGrammar;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolChoiceTest {
    private static final String TOOLS = "\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"get_weather\"}},"
            + " {\"type\": \"function\", \"function\": {\"name\": \"say \\\"hi\\\"\"}}]";

    private static ToolChoice of(String fields) throws Exception {
        return ToolChoice.of((ObjectNode) Json.MAPPER.readTree("{" + fields + "}"));
    }

    @Test
    void autoExtractsWhenToolsAreOfferedAndNoneNever() throws Exception {
        assertThat(of(TOOLS)).isEqualTo(new ToolChoice(true, "", null));
        assertThat(of(TOOLS + ", \"tool_choice\": \"auto\"")).isEqualTo(new ToolChoice(true, "", null));
        assertThat(of("\"tool_choice\": \"auto\"")).isEqualTo(ToolChoice.NONE);
        assertThat(of(TOOLS + ", \"tool_choice\": \"none\"")).isEqualTo(ToolChoice.NONE);
    }

    @Test
    void requiredOpensACallAndANamedFunctionWritesItsNameAsJson() throws Exception {
        ToolChoice required = of(TOOLS + ", \"tool_choice\": \"required\"");
        assertThat(required.forcedPrefix()).isEqualTo("<tool_call>\n");
        // the rest of the call: one of the names (as they appear inside a JSON string), then the arguments object
        assertThat(required.grammar()).containsExactly(new ToolCallGrammar.Literal("{\"name\": \""),
                new ToolCallGrammar.OneOf(List.of("get_weather", "say \\\"hi\\\"")), new ToolCallGrammar.Literal("\", \"arguments\": "),
                new ToolCallGrammar.JsonObject(), new ToolCallGrammar.Literal("}\n</tool_call>"));
        ToolChoice named = of(TOOLS + ", \"tool_choice\": {\"type\": \"function\", \"function\": {\"name\": \"get_weather\"}}");
        assertThat(named.forcedPrefix()).isEqualTo("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": ");
        assertThat(named.grammar()).containsExactly(new ToolCallGrammar.JsonObject(), new ToolCallGrammar.Literal("}\n</tool_call>"));
        assertThat(of(TOOLS + ", \"tool_choice\": {\"type\": \"function\", \"function\": {\"name\": \"say \\\"hi\\\"\"}}").forcedPrefix())
                .isEqualTo("<tool_call>\n{\"name\": \"say \\\"hi\\\"\", \"arguments\": ");
    }

    @Test
    void choicesThatCannotBeMetAreRefusedNamingTheField() {
        assertThatThrownBy(() -> of("\"tool_choice\": \"required\"")).isInstanceOf(ApiException.class).hasMessageContaining("needs at least one tool");
        assertThatThrownBy(() -> of(TOOLS + ", \"tool_choice\": {\"type\": \"function\", \"function\": {\"name\": \"other\"}}"))
                .isInstanceOf(ApiException.class).hasMessageContaining("'other', which is not in 'tools'");
        assertThatThrownBy(() -> of(TOOLS + ", \"tool_choice\": {\"type\": \"allowed_tools\", \"mode\": \"auto\"}"))
                .isInstanceOf(ApiException.class).hasMessageContaining("allowed_tools");
        assertThatThrownBy(() -> of(TOOLS + ", \"tool_choice\": \"sometimes\"")).isInstanceOf(ApiException.class).hasMessageContaining("'tool_choice' must be");
        assertThatThrownBy(() -> of("\"tools\": [{\"type\": \"function\"}]")).isInstanceOf(ApiException.class).hasMessageContaining("tools[0]");
    }
}
