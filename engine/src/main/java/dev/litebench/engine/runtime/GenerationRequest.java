package dev.litebench.engine.runtime;

import dev.litebench.engine.generate.SamplingParams;

/**
 * One generation: the prompt's token ids and how to sample. With {@code splitReasoning} the output's
 * {@code <think>} block is reported as reasoning; {@code startsInReasoning} says the prompt already opened it.
 */
public record GenerationRequest(int[] prompt, SamplingParams sampling, boolean splitReasoning, boolean startsInReasoning) {
    public GenerationRequest {
        if (prompt.length == 0) throw new IllegalArgumentException("the prompt is empty");
    }
}
