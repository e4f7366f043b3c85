package dev.litebench.engine.generate;

import java.util.Arrays;

/**
 * The token ids of one sequence: the prompt followed by the tokens generated so far. The {@link Sampler} reads it
 * for penalties and {@code min_tokens}; the generation loop appends each sampled token with {@link #add(int)}.
 * Not thread-safe; one per sequence.
 */
public final class TokenHistory {
    private int[] ids;
    private int size;
    private final int promptLength;

    /** A history holding {@code prompt} (copied) and no generated tokens. */
    public TokenHistory(int[] prompt) {
        this.promptLength = prompt.length;
        this.ids = Arrays.copyOf(prompt, Math.max(16, prompt.length + 256));
        this.size = prompt.length;
    }

    /** No prompt, nothing generated. */
    public static TokenHistory empty() {
        return new TokenHistory(new int[0]);
    }

    /** Appends one generated token. */
    public void add(int token) {
        if (size == ids.length) ids = Arrays.copyOf(ids, ids.length + (ids.length >> 1) + 16);
        ids[size++] = token;
    }

    /** Prompt plus generated tokens. */
    public int size() {
        return size;
    }

    public int promptLength() {
        return promptLength;
    }

    public int generatedCount() {
        return size - promptLength;
    }

    /** The i-th token counting from the start of the prompt. */
    public int get(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("token index " + i + " of " + size);
        return ids[i];
    }

    /** The i-th generated token. */
    public int generated(int i) {
        if (i < 0 || i >= generatedCount()) {
            throw new IndexOutOfBoundsException("generated token index " + i + " of " + generatedCount());
        }
        return ids[promptLength + i];
    }

    /** The most recently added token (or the last prompt token); -1 when empty. */
    public int last() {
        return size == 0 ? -1 : ids[size - 1];
    }

    public int[] toArray() {
        return Arrays.copyOf(ids, size);
    }

    public int[] generatedArray() {
        return Arrays.copyOfRange(ids, promptLength, size);
    }

    /** Backing array, valid in [0, size()); for the sampler's hot loop, never modified through it. */
    int[] rawIds() {
        return ids;
    }
}
