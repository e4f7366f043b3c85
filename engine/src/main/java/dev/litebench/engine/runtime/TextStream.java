package dev.litebench.engine.runtime;

import dev.litebench.engine.generate.StopMatcher;
import dev.litebench.engine.generate.ThinkingSplitter;
import dev.litebench.engine.tokenizer.StreamingDecoder;
import dev.litebench.engine.tokenizer.Tokenizer;

import java.util.List;

/**
 * The text side of one generation: token ids to UTF-8-safe text, stop strings held back and cut, and the
 * {@code <think>} block split off as reasoning. Control tokens produce no text.
 */
final class TextStream {
    private final StreamingDecoder decoder;
    private final StopMatcher stops;
    private final ThinkingSplitter thinking;

    TextStream(Tokenizer tokenizer, List<String> stopStrings, boolean startsInReasoning, boolean splitReasoning) {
        this.decoder = tokenizer.streamingDecoder(false);
        this.stops = new StopMatcher(stopStrings);
        this.thinking = splitReasoning ? new ThinkingSplitter(startsInReasoning) : null;
    }

    /** The text delta the token completes; empty when it completes nothing yet. */
    ThinkingSplitter.Delta feed(int token) {
        String text = stops.feed(decoder.feed(token));
        return split(text);
    }

    /** Whether a stop string has matched: generation ends and nothing after it is emitted. */
    boolean stopped() {
        return stops.stopped();
    }

    String matchedStop() {
        return stops.matchedStop();
    }

    /** Releases held-back text at the end of generation. */
    ThinkingSplitter.Delta finish() {
        String tail = stops.stopped() ? "" : stops.feed(decoder.flush()) + stops.finish();
        ThinkingSplitter.Delta d = split(tail);
        if (thinking == null) return d;
        ThinkingSplitter.Delta end = thinking.finish();
        return new ThinkingSplitter.Delta(d.reasoning() + end.reasoning(), d.content() + end.content());
    }

    private ThinkingSplitter.Delta split(String text) {
        if (thinking == null) return text.isEmpty() ? ThinkingSplitter.Delta.EMPTY : new ThinkingSplitter.Delta("", text);
        return text.isEmpty() ? ThinkingSplitter.Delta.EMPTY : thinking.feed(text);
    }
}
