package dev.litebench.server;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LangChain4j's OpenAI integration, the Java counterpart of the evaluations' LangChain ChatOpenAI. */
class LangChain4jClientTest {
    final TestServer server = TestServer.shared();

    OpenAiChatModel.OpenAiChatModelBuilder chat(TestServer s, String apiKey, int maxTokens) {
        return OpenAiChatModel.builder().baseUrl(s.baseUrl() + "/v1").apiKey(apiKey).modelName(TestServer.MODEL)
                .temperature(0.0).maxTokens(maxTokens).maxRetries(0).timeout(Duration.ofSeconds(60));
    }

    OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder streaming(int maxTokens) {
        return OpenAiStreamingChatModel.builder().baseUrl(server.baseUrl() + "/v1").apiKey("EMPTY").modelName(TestServer.MODEL)
                .temperature(0.0).maxTokens(maxTokens).timeout(Duration.ofSeconds(60));
    }

    record Streamed(String text, String thinking, ChatResponse response) {}

    static Streamed stream(OpenAiStreamingChatModel model, String prompt) throws Exception {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(List.of(UserMessage.from(prompt)), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                text.append(partial.text());
            }

            @Override
            public void onPartialThinking(PartialThinking partial, PartialThinkingContext context) {
                thinking.append(partial.text());
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response = done.get(60, TimeUnit.SECONDS);
        return new Streamed(text.toString(), thinking.toString(), response);
    }

    @Test
    void chatWithUsageAndFinishReason() {
        ChatResponse r = chat(server, "EMPTY", 6).build().chat(UserMessage.from("Hello"));
        assertThat(r.aiMessage().text()).isNotBlank();
        assertThat(r.tokenUsage().outputTokenCount()).isEqualTo(6);
        assertThat(r.tokenUsage().inputTokenCount()).isPositive();
        assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void streamingMatchesTheWholeAnswer() throws Exception {
        String whole = chat(server, "EMPTY", 8).build().chat(UserMessage.from("Stream")).aiMessage().text();
        Streamed s = stream(streaming(8).build(), "Stream");
        assertThat(s.text()).isEqualTo(whole);
        assertThat(s.response().aiMessage().text()).isEqualTo(whole);
        assertThat(s.response().tokenUsage().outputTokenCount()).isEqualTo(8);
    }

    @Test
    void stopStrings() {
        String whole = chat(server, "EMPTY", 10).build().chat(UserMessage.from("Words")).aiMessage().text();
        String stop = whole.trim().split(" ")[1];
        ChatResponse cut = chat(server, "EMPTY", 10).stop(List.of(stop)).build().chat(UserMessage.from("Words"));
        assertThat(cut.aiMessage().text()).isEqualTo(whole.substring(0, whole.indexOf(stop)));
        assertThat(cut.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void thinkingOnAndOff() throws Exception {
        ChatResponse on = chat(server, "EMPTY", 5).returnThinking(true)
                .customParameters(Map.of("chat_template_kwargs", Map.of("enable_thinking", true))).build()
                .chat(UserMessage.from("Think"));
        assertThat(on.aiMessage().thinking()).isNotBlank();
        ChatResponse off = chat(server, "EMPTY", 5).returnThinking(true)
                .customParameters(Map.of("enable_thinking", false)).build().chat(UserMessage.from("Think"));
        assertThat(off.aiMessage().thinking()).isNull();
        assertThat(off.aiMessage().text()).isNotBlank();
        Streamed streamed = stream(streaming(5).returnThinking(true)
                .customParameters(Map.of("enable_thinking", true)).build(), "Think");
        assertThat(streamed.thinking()).isEqualTo(on.aiMessage().thinking());
    }

    @Test
    void apiKey() {
        try (TestServer keyed = TestServer.start(new ServerOptions("127.0.0.1", 0, TestServer.MODEL, "sk-right",
                ServerOptions.DEFAULT_MAX_BODY_BYTES), TestServer.ENGINE)) {
            assertThat(chat(keyed, "sk-right", 2).build().chat(UserMessage.from("hi")).aiMessage().text()).isNotEmpty();
            assertThatThrownBy(() -> chat(keyed, "sk-wrong", 2).build().chat(UserMessage.from("hi")))
                    .hasMessageContaining("API key");
        }
    }
}
