package dev.litebench.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.litebench.engine.generate.ThinkingSplitter;
import dev.litebench.engine.generate.TokenLogprobs;
import dev.litebench.engine.runtime.GenerationResult;

import java.util.List;

/** The JSON of one endpoint's responses: streamed chunks and the complete response. */
interface ResponseShape {

    /** Everything one generation produced, for a non-streaming response. */
    record Output(String reasoning, String content, List<TokenLogprobs> logprobs, GenerationResult result) {}

    /** The chunk sent as soon as the request is accepted, or null. */
    ObjectNode openingChunk();

    /** The chunk carrying a token's text and logprobs, or null when there is nothing to send yet. */
    ObjectNode tokenChunk(ThinkingSplitter.Delta text, TokenLogprobs logprobs);

    /** The chunk that ends the choice with its finish reason. */
    ObjectNode finishChunk(GenerationResult result);

    /** A chunk with no choices, to carry usage. */
    ObjectNode emptyChunk();

    /** The whole response when not streaming. */
    ObjectNode response(Output output);
}
