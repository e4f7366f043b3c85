package dev.litebench.engine.generate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamplingParamsTest {

    @Test
    void defaultsFollowOpenAiAndLlamaCpp() {
        SamplingParams p = SamplingParams.defaults();
        assertThat(p.temperature()).isEqualTo(1.0);
        assertThat(p.topK()).isZero();
        assertThat(p.topP()).isEqualTo(1.0);
        assertThat(p.minP()).isZero();
        assertThat(p.repetitionPenalty()).isEqualTo(1.0);
        assertThat(p.presencePenalty()).isZero();
        assertThat(p.frequencyPenalty()).isZero();
        assertThat(p.penaltyWindow()).isEqualTo(64);
        assertThat(p.seed()).isNull();
        assertThat(p.maxTokens()).isEqualTo(-1);
        assertThat(p.minTokens()).isZero();
        assertThat(p.ignoreEos()).isFalse();
        assertThat(p.stop()).isEmpty();
        assertThat(p.stopTokenIds()).isEmpty();
        assertThat(p.topLogprobs()).isZero();
        assertThat(p.logprobs()).isFalse();
        assertThat(p.isGreedy()).isFalse();
        assertThat(p.wantsLogprobs()).isFalse();
        assertThat(p.hasPenalties()).isFalse();
    }

    @Test
    void greedyFactory() {
        SamplingParams g = SamplingParams.greedy();
        assertThat(g.isGreedy()).isTrue();
        assertThat(g.temperature()).isZero();
    }

    @Test
    void toBuilderRoundTripsAndListsAreCopied() {
        List<String> stops = new ArrayList<>(List.of("a", "b"));
        SamplingParams p = SamplingParams.builder().temperature(0.7).topK(20).topP(0.8).minP(0.05)
                .repetitionPenalty(1.1).presencePenalty(0.5).frequencyPenalty(-0.5).penaltyWindow(-1).seed(7L)
                .maxTokens(100).minTokens(3).ignoreEos(true).stop(stops).stopTokenIds(List.of(5, 6))
                .topLogprobs(20).logprobs(true).build();
        stops.add("c");
        assertThat(p.stop()).containsExactly("a", "b");
        assertThat(p.toBuilder().build()).isEqualTo(p);
        assertThat(p.wantsLogprobs()).isTrue();
        assertThat(p.hasPenalties()).isTrue();
        assertThatThrownBy(() -> p.stop().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(SamplingParams.builder().stop((List<String>) null).stopTokenIds(null).build().stop()).isEmpty();
        assertThat(SamplingParams.builder().topLogprobs(2).build().wantsLogprobs()).isTrue();
    }

    @Test
    void boundaryValuesAreAccepted() {
        SamplingParams.builder().temperature(0).build();
        SamplingParams.builder().temperature(2).build();
        SamplingParams.builder().topK(-1).build();
        SamplingParams.builder().topP(1e-9).build();
        SamplingParams.builder().minP(1).build();
        SamplingParams.builder().presencePenalty(-2).frequencyPenalty(2).build();
        SamplingParams.builder().penaltyWindow(0).build();
        SamplingParams.builder().maxTokens(1).minTokens(1).build();
        SamplingParams.builder().topLogprobs(20).build();
        SamplingParams.builder().seed(Long.MIN_VALUE).build();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                bad(b -> b.temperature(-1), "temperature must be between 0 and 2, got -1"),
                bad(b -> b.temperature(2.5), "temperature must be between 0 and 2, got 2.5"),
                bad(b -> b.temperature(Double.NaN), "temperature must be between 0 and 2, got NaN"),
                bad(b -> b.topK(-2), "top_k must be -1 or 0 (off) or a positive number, got -2"),
                bad(b -> b.topP(0), "top_p must be greater than 0 and at most 1, got 0"),
                bad(b -> b.topP(1.5), "top_p must be greater than 0 and at most 1, got 1.5"),
                bad(b -> b.minP(-0.1), "min_p must be between 0 and 1, got -0.1"),
                bad(b -> b.minP(1.01), "min_p must be between 0 and 1, got 1.01"),
                bad(b -> b.repetitionPenalty(0), "repetition_penalty must be a finite number greater than 0, got 0"),
                bad(b -> b.repetitionPenalty(Double.POSITIVE_INFINITY),
                        "repetition_penalty must be a finite number greater than 0, got Infinity"),
                bad(b -> b.presencePenalty(2.5), "presence_penalty must be between -2 and 2, got 2.5"),
                bad(b -> b.frequencyPenalty(-3), "frequency_penalty must be between -2 and 2, got -3"),
                bad(b -> b.penaltyWindow(-2), "repeat_last_n must be -1 (all tokens) or at least 0, got -2"),
                bad(b -> b.maxTokens(0), "max_tokens must be at least 1, got 0"),
                bad(b -> b.minTokens(-1), "min_tokens must be at least 0, got -1"),
                bad(b -> b.maxTokens(5).minTokens(7), "min_tokens must be at most max_tokens (5), got 7"),
                bad(b -> b.stop("ok", ""), "stop strings must not be empty"),
                bad(b -> b.stop(Arrays.asList("ok", null)), "stop strings must not be null"),
                bad(b -> b.stopTokenIds(List.of(3, -1)), "stop_token_ids must not be negative, got -1"),
                bad(b -> b.stopTokenIds(Arrays.asList(3, null)), "stop_token_ids must not contain null"),
                bad(b -> b.topLogprobs(21), "top_logprobs must be between 0 and 20, got 21"),
                bad(b -> b.topLogprobs(-1), "top_logprobs must be between 0 and 20, got -1"));
    }

    private static Arguments bad(UnaryOperator<SamplingParams.Builder> change, String message) {
        return Arguments.of(change, message);
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void validationGivesOneLineMessageNamingTheField(UnaryOperator<SamplingParams.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(SamplingParams.builder()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message)
                .message().doesNotContain("\n");
    }
}
