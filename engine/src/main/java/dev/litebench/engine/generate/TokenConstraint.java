package dev.litebench.engine.generate;

/**
 * Limits which tokens a generation may produce next (a grammar). Used on the scheduler thread, one generation each:
 * before sampling, {@link #mask} removes what may not come next; after it, {@link #accept} records the token; once
 * {@link #complete}, the generation stops.
 */
public interface TokenConstraint {
    /** Sets to minus infinity the logits in {@code logits[offset .. offset + vocab)} of tokens that may not come next. */
    void mask(float[] logits, int offset, int vocab);

    /** Records the token chosen. */
    void accept(int token);

    /** Whether what the constraint describes is complete; the generation then stops. */
    boolean complete();
}
