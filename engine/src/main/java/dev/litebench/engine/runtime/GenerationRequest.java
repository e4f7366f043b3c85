package dev.litebench.engine.runtime;

import dev.litebench.engine.generate.SamplingParams;
import dev.litebench.engine.generate.TokenConstraint;

/**
 * One generation: the prompt's token ids and how to sample. With {@code splitReasoning} the output's
 * {@code <think>} block is reported as reasoning; {@code startsInReasoning} says the prompt already opened it.
 * {@code constraint} (null: none) limits the tokens it may produce and ends it when satisfied.
 */
public record GenerationRequest(int[] prompt, SamplingParams sampling, boolean splitReasoning, boolean startsInReasoning,
                                TokenConstraint constraint) {
    public GenerationRequest {
        if (prompt.length == 0) throw new IllegalArgumentException("the prompt is empty");
    }

    public GenerationRequest(int[] prompt, SamplingParams sampling, boolean splitReasoning, boolean startsInReasoning) {
        this(prompt, sampling, splitReasoning, startsInReasoning, null);
    }
}
