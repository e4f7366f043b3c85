package dev.litebench.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad requests get an OpenAI error object with the right status and param, in one line, never a stack trace. */
class BadInputTest {
    final TestServer server = TestServer.shared();
    static final String HI = "\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]";

    static JsonNode assertError(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        assertThat(r.body()).doesNotContain("\tat ", "Exception", "dev.litebench");
        JsonNode error = Json.MAPPER.readTree(r.body()).get("error");
        assertThat(error.get("message").asText()).isNotBlank().doesNotContain("\n");
        assertThat(error.has("type") && error.has("param") && error.has("code")).isTrue();
        return error;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "malformed JSON              | {\"messages\": [                                       | 400 |",
            "not an object               | [1, 2, 3]                                               | 400 |",
            "empty body                  | ``                                                      | 400 |",
            "missing messages            | {\"max_tokens\": 5}                                     | 400 | messages",
            "empty messages              | {\"messages\": []}                                      | 400 | messages",
            "messages not an array       | {\"messages\": \"hi\"}                                  | 400 | messages",
            "bad role                    | {\"messages\": [{\"role\": \"king\", \"content\": \"x\"}]} | 400 | messages",
            "image content part          | {\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", \"image_url\": {\"url\": \"x\"}}]}]} | 400 | messages",
            "content a number            | {\"messages\": [{\"role\": \"user\", \"content\": 5}]} | 400 | messages",
            "temperature a string        | {HI, \"temperature\": \"hot\"}                          | 400 | temperature",
            "negative temperature        | {HI, \"temperature\": -1}                               | 400 | temperature",
            "absurd temperature          | {HI, \"temperature\": 1e300}                            | 400 | temperature",
            "negative max_tokens         | {HI, \"max_tokens\": -5}                                | 400 | max_tokens",
            "absurd max_tokens           | {HI, \"max_tokens\": 100000000000}                      | 400 | max_tokens",
            "fractional max_tokens       | {HI, \"max_tokens\": 2.5}                               | 400 | max_tokens",
            "max_completion_tokens zero  | {HI, \"max_completion_tokens\": 0}                      | 400 | max_completion_tokens",
            "top_p zero                  | {HI, \"top_p\": 0}                                      | 400 | top_p",
            "top_k below -1              | {HI, \"top_k\": -7}                                     | 400 | top_k",
            "presence_penalty 3          | {HI, \"presence_penalty\": 3}                           | 400 | presence_penalty",
            "repetition_penalty 0        | {HI, \"repetition_penalty\": 0}                         | 400 | repetition_penalty",
            "min_tokens above max        | {HI, \"max_tokens\": 2, \"min_tokens\": 5}              | 400 | min_tokens",
            "n of 3                      | {HI, \"n\": 3}                                          | 400 | n",
            "top_logprobs 50             | {HI, \"logprobs\": true, \"top_logprobs\": 50}          | 400 | top_logprobs",
            "top_logprobs alone          | {HI, \"top_logprobs\": 2}                               | 400 | top_logprobs",
            "stop a number               | {HI, \"stop\": 7}                                       | 400 | stop",
            "empty stop string           | {HI, \"stop\": [\"\"]}                                  | 400 | stop",
            "stream a string             | {HI, \"stream\": \"yes\"}                               | 400 | stream",
            "stream_options alone        | {HI, \"stream_options\": {\"include_usage\": true}}     | 400 | stream_options",
            "kwargs not an object        | {HI, \"chat_template_kwargs\": 1}                       | 400 | chat_template_kwargs",
            "kwargs replacing messages   | {HI, \"chat_template_kwargs\": {\"messages\": []}}      | 400 | chat_template_kwargs",
            "seed a string               | {HI, \"seed\": \"x\"}                                   | 400 | seed",
            "unknown model               | {HI, \"model\": \"gpt-4o\"}                             | 404 | model",
            "tools not an array          | {HI, \"tools\": {\"type\": \"function\"}}              | 400 | tools",
            "tool without a name         | {HI, \"tools\": [{\"type\": \"function\", \"function\": {}}]} | 400 | tools",
            "tool_choice required, no tools | {HI, \"tool_choice\": \"required\"}            | 400 | tool_choice",
            "tool_choice unknown function | {HI, \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\"}}], \"tool_choice\": {\"type\": \"function\", \"function\": {\"name\": \"g\"}}} | 400 | tool_choice",
            "tool_choice allowed_tools   | {HI, \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\"}}], \"tool_choice\": {\"type\": \"allowed_tools\"}} | 400 | tool_choice",
            "tool_choice unknown         | {HI, \"tool_choice\": \"sometimes\"}                   | 400 | tool_choice",
            "JSON mode with a forced call | {HI, \"response_format\": {\"type\": \"json_object\"}, \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\"}}], \"tool_choice\": \"required\"} | 400 | response_format",
            "JSON schema                 | {HI, \"response_format\": {\"type\": \"json_schema\", \"json_schema\": {\"name\": \"x\", \"schema\": {}}}} | 400 | response_format",
            "response_format a string    | {HI, \"response_format\": \"json\"}                     | 400 | response_format",
            "response_format without type | {HI, \"response_format\": {}}                          | 400 | response_format",
            "response_format unknown     | {HI, \"response_format\": {\"type\": \"yaml\"}}         | 400 | response_format",
            "deep nesting                | {\"messages\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]} | 400 |",
    })
    void chatRequestsThatCannotBeServed(String name, String body, int status, String param) throws Exception {
        JsonNode error = assertError(server.post("/v1/chat/completions", body == null ? "" : body.replace("HI", HI)), status);
        if (param != null) assertThat(error.get("param").asText()).as(error.toString()).isEqualTo(param);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no prompt              | {\"max_tokens\": 3}                       | prompt",
            "prompt an object       | {\"prompt\": {}}                          | prompt",
            "two prompts            | {\"prompt\": [\"a\", \"b\"]}              | prompt",
            "token out of range     | {\"prompt\": [1, 99999999]}               | prompt",
            "negative token         | {\"prompt\": [-1]}                        | prompt",
            "empty prompt           | {\"prompt\": \"\"}                        | prompt",
            "echo                   | {\"prompt\": \"a\", \"echo\": true}       | echo",
            "logprobs too many      | {\"prompt\": \"a\", \"logprobs\": 21}     | logprobs",
            "best_of 2              | {\"prompt\": \"a\", \"best_of\": 2}       | best_of",
    })
    void completionRequestsThatCannotBeServed(String name, String body, String param) throws Exception {
        JsonNode error = assertError(server.post("/v1/completions", body), 400);
        assertThat(error.get("param").asText()).isEqualTo(param);
    }

    @Test
    void textResponseFormatIsServed() throws Exception {
        var r = server.post("/v1/chat/completions", "{" + HI + ", \"max_tokens\": 2, \"response_format\": {\"type\": \"text\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode error = assertError(server.post("/v1/chat/completions", "{" + HI + ", \"response_format\": {\"type\": \"json_schema\"}}"), 400);
        assertThat(error.get("message").asText()).isEqualTo("'response_format' type 'json_schema' is not supported: LiteBench holds"
                + " answers to JSON ('json_object') but not to a schema");
    }

    @Test
    void promptLongerThanTheContextIs400() throws Exception {
        String longText = "word ".repeat(1500);
        JsonNode error = assertError(server.post("/v1/completions", "{\"prompt\": \"" + longText + "\", \"max_tokens\": 1}"), 400);
        assertThat(error.get("message").asText()).contains("context");
        assertError(server.post("/v1/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"" + longText + "\"}]}"), 400);
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        try (TestServer small = TestServer.start(new ServerOptions("127.0.0.1", 0, TestServer.MODEL, null, 1000), TestServer.ENGINE)) {
            String big = "{\"prompt\": \"" + "x".repeat(5000) + "\"}";
            JsonNode error = assertError(small.post("/v1/completions", big), 413);
            assertThat(error.get("code").asText()).isEqualTo("request_too_large");
            HttpRequest chunked = HttpRequest.newBuilder(small.uri("/v1/completions"))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())))
                    .build();
            assertError(small.send(chunked), 413);
            assertThat(small.post("/v1/completions", "{\"prompt\": \"ok\", \"max_tokens\": 1}").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception {
        assertThat(assertError(server.get("/v1/engines"), 404).get("code").asText()).isEqualTo("not_found");
        assertError(server.post("/v2/chat/completions", "{}"), 404);
        HttpResponse<String> r = server.get("/v1/chat/completions");
        assertThat(assertError(r, 405).get("code").asText()).isEqualTo("method_not_allowed");
        assertThat(r.headers().firstValue("allow")).hasValue("POST");
        assertError(server.post("/health", "{}"), 405);
        assertError(server.send(HttpRequest.newBuilder(server.uri("/v1/models")).DELETE().build()), 405);
        assertError(server.get("/v1/models/gpt-4"), 404);
    }

    @Test
    void detokenizeAndTokenizeRejectBadInput() throws Exception {
        assertError(server.post("/detokenize", "{\"tokens\": [1, -3]}"), 400);
        assertError(server.post("/detokenize", "{\"tokens\": \"abc\"}"), 400);
        assertError(server.post("/detokenize", "{}"), 400);
        assertError(server.post("/tokenize", "{\"prompt\": 5}"), 400);
        assertError(server.post("/tokenize", "{}"), 400);
    }
}
