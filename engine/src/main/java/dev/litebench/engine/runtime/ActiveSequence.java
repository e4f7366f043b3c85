package dev.litebench.engine.runtime;

import dev.litebench.engine.generate.Sampler;
import dev.litebench.engine.generate.TokenHistory;
import dev.litebench.engine.model.Sequence;

/** Scheduler-side state of one admitted request. */
final class ActiveSequence {
    final GenerationRequest request;
    final GenerationListener listener;
    final Submission submission;
    final Sequence kv = new Sequence();
    final Sampler sampler;
    final TokenHistory history;
    final TextStream text;
    /** Most tokens this sequence may hold (prompt + output); its KV blocks are reserved up to here. */
    final int limit;
    /** Prompt tokens found in the cache at admission; prefill started after them. */
    int cachedTokens;
    int prefilled;
    int lastToken;
    int generated;
    long firstStepNanos;
    long firstTokenNanos;
    long lastTokenNanos;

    ActiveSequence(Submission submission, Sampler sampler, TextStream text, int limit) {
        this.submission = submission;
        this.request = submission.request();
        this.listener = submission.listener();
        this.sampler = sampler;
        this.history = new TokenHistory(request.prompt());
        this.text = text;
        this.limit = limit;
    }

    boolean prefilling() {
        return prefilled < request.prompt().length;
    }

    int maxTokens() {
        int max = request.sampling().maxTokens();
        int room = limit - request.prompt().length;
        return max < 0 ? room : Math.min(max, room);
    }
}
