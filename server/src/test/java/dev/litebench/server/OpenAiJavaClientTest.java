package dev.litebench.server;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.core.http.StreamResponse;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.models.Model;
import dev.litebench.engine.generate.ThinkingSplitter;
import dev.litebench.engine.runtime.FinishReason;
import dev.litebench.engine.runtime.GenerationResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official OpenAI Java SDK against the server, unchanged: only the base URL points here. */
class OpenAiJavaClientTest {
    final TestServer server = TestServer.shared();

    static OpenAIClient client(TestServer server, String apiKey) {
        return OpenAIOkHttpClient.builder().baseUrl(server.baseUrl() + "/v1").apiKey(apiKey).maxRetries(0).build();
    }

    static ChatCompletionCreateParams.Builder chat(String text, long maxTokens) {
        return ChatCompletionCreateParams.builder().model(TestServer.MODEL).addUserMessage(text)
                .maxCompletionTokens(maxTokens).temperature(0.0);
    }

    static String reasoning(Map<String, JsonValue> additional) {
        JsonValue v = additional.get("reasoning_content");
        return v == null ? null : v.convert(String.class);
    }

    @Test
    void chatCompletionWithUsage() {
        ChatCompletion c = client(server, "EMPTY").chat().completions().create(chat("Hello there", 6).build());
        assertThat(c.model()).isEqualTo(TestServer.MODEL);
        ChatCompletion.Choice choice = c.choices().getFirst();
        assertThat(choice.message().content()).hasValueSatisfying(text -> assertThat(text).isNotBlank());
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(c.usage()).hasValueSatisfying(u -> {
            assertThat(u.completionTokens()).isEqualTo(6);
            assertThat(u.promptTokens()).isPositive();
        });
    }

    @Test
    void streamingDeliversTheSameTextAndUsage() {
        OpenAIClient client = client(server, "EMPTY");
        String whole = client.chat().completions().create(chat("Stream this", 8).build()).choices().getFirst().message().content().orElseThrow();
        StringBuilder streamed = new StringBuilder();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat("Stream this", 8)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                chunk.choices().forEach(ch -> ch.delta().content().ifPresent(streamed::append));
            });
        }
        assertThat(streamed.toString()).isEqualTo(whole);
        assertThat(chunks.getLast().usage()).hasValueSatisfying(u -> assertThat(u.completionTokens()).isEqualTo(8));
        assertThat(chunks.getFirst().choices().getFirst().delta().role()).isPresent();
    }

    @Test
    void stopStringCutsTheAnswer() {
        OpenAIClient client = client(server, "EMPTY");
        String whole = client.chat().completions().create(chat("Words please", 10).build()).choices().getFirst().message().content().orElseThrow();
        String stop = whole.trim().split(" ")[1];
        ChatCompletion cut = client.chat().completions().create(chat("Words please", 10).stop(stop).build());
        assertThat(cut.choices().getFirst().message().content()).hasValue(whole.substring(0, whole.indexOf(stop)));
        assertThat(cut.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    }

    @Test
    void thinkingOnAndOffThroughExtraBody() {
        OpenAIClient client = client(server, "EMPTY");
        ChatCompletion on = client.chat().completions().create(chat("Think", 5)
                .putAdditionalBodyProperty("chat_template_kwargs", JsonValue.from(Map.of("enable_thinking", true))).build());
        assertThat(reasoning(on.choices().getFirst().message()._additionalProperties())).isNotBlank();
        ChatCompletion off = client.chat().completions().create(chat("Think", 5)
                .putAdditionalBodyProperty("enable_thinking", JsonValue.from(false)).build());
        assertThat(reasoning(off.choices().getFirst().message()._additionalProperties())).isNull();
        assertThat(off.choices().getFirst().message().content()).hasValueSatisfying(t -> assertThat(t).isNotBlank());

        StringBuilder streamedReasoning = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat("Think", 5)
                .putAdditionalBodyProperty("enable_thinking", JsonValue.from(true)).build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(ch -> {
                String r = reasoning(ch.delta()._additionalProperties());
                if (r != null) streamedReasoning.append(r);
            }));
        }
        assertThat(streamedReasoning.toString()).isEqualTo(reasoning(on.choices().getFirst().message()._additionalProperties()));
    }

    @Test
    void legacyCompletionsAndModels() {
        OpenAIClient client = client(server, "EMPTY");
        Completion c = client.completions().create(CompletionCreateParams.builder().model(TestServer.MODEL)
                .prompt("Once upon a time").maxTokens(5).temperature(0.0).build());
        assertThat(c.choices().getFirst().text()).isNotEmpty();
        assertThat(c.usage()).hasValueSatisfying(u -> assertThat(u.completionTokens()).isEqualTo(5));
        assertThat(client.models().list().data()).extracting(Model::id).containsExactly(TestServer.MODEL);
    }

    @Test
    void apiKeyIsRequiredWhenConfigured() {
        try (TestServer keyed = TestServer.start(new ServerOptions("127.0.0.1", 0, TestServer.MODEL, "sk-right",
                ServerOptions.DEFAULT_MAX_BODY_BYTES), TestServer.ENGINE)) {
            assertThat(client(keyed, "sk-right").chat().completions().create(chat("hi", 2).build()).choices()).hasSize(1);
            assertThatThrownBy(() -> client(keyed, "sk-wrong").chat().completions().create(chat("hi", 2).build()))
                    .isInstanceOf(UnauthorizedException.class);
        }
    }

    @Test
    void functionToolsFromTheSdkAreAcceptedAndRendered() {
        FunctionDefinition weather = FunctionDefinition.builder().name("get_weather").description("Weather in a city")
                .parameters(FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string")))).build())
                .build();
        OpenAIClient client = client(server, "EMPTY");
        ChatCompletionCreateParams.Builder withSystem = ChatCompletionCreateParams.builder().model(TestServer.MODEL)
                .addSystemMessage("Be brief.").addUserMessage("Weather in Paris?").maxCompletionTokens(4).temperature(0.0);
        long withoutTools = client.chat().completions().create(withSystem.build()).usage().orElseThrow().promptTokens();
        ChatCompletion c = client.chat().completions().create(withSystem.addFunctionTool(weather).build());
        assertThat(c.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(c.usage().orElseThrow().promptTokens()).isGreaterThan(withoutTools + 10);
    }

    @Test
    void toolCallResponsesParseInTheSdk() throws Exception {
        String answer = "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>";
        GenerationResult stopped = ChatShapeToolCallsTest.result(FinishReason.STOP);
        JsonMapper sdk = ObjectMappers.jsonMapper();

        ChatCompletion whole = sdk.readValue(Json.bytes(new ChatShape(TestServer.MODEL, null, new ToolChoice(true, "", null))
                .response(new ResponseShape.Output("", answer, List.of(), stopped))), ChatCompletion.class);
        whole.validate();
        ChatCompletionMessageToolCall call = whole.choices().getFirst().message().toolCalls().orElseThrow().getFirst();
        assertThat(call.asFunction().function().name()).isEqualTo("get_weather");
        assertThat(call.asFunction().function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(whole.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);

        ChatShape streamed = new ChatShape(TestServer.MODEL, null, new ToolChoice(true, "", null));
        ChatCompletionChunk chunk = sdk.readValue(Json.bytes(streamed.tokenChunk(new ThinkingSplitter.Delta("", answer), null)),
                ChatCompletionChunk.class);
        chunk.validate();
        ChatCompletionChunk.Choice.Delta.ToolCall delta = chunk.choices().getFirst().delta().toolCalls().orElseThrow().getFirst();
        assertThat(delta.index()).isZero();
        assertThat(delta.function().orElseThrow().name()).contains("get_weather");
        ChatCompletionChunk finish = sdk.readValue(Json.bytes(streamed.finishChunk(stopped)), ChatCompletionChunk.class);
        assertThat(finish.choices().getFirst().finishReason()).contains(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS);
    }
}
