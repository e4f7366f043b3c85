package dev.litebench.engine.tokenizer;

/**
 * Turns generated token ids into text as they arrive. A token can end in the middle of a multi-byte UTF-8
 * character (byte-level BPE splits rare characters and emoji over several tokens), so bytes that start a
 * character which is not yet complete are held back until the rest arrives. Bytes that can never form valid
 * UTF-8 become U+FFFD right away, one per maximal ill-formed subpart, never an exception; {@link #flush()} turns a
 * dangling incomplete character at the end into U+FFFD. The concatenation of everything {@link #feed} and
 * {@link #flush} return equals {@link Tokenizer#decode(int[], boolean)} of the same ids. Not thread-safe: one per
 * generation stream.
 */
public final class StreamingDecoder {
    private final Tokenizer tokenizer;
    private final boolean renderSpecial;
    private final byte[][] buf = {new byte[16]};
    private int len;

    StreamingDecoder(Tokenizer tokenizer, boolean renderSpecial) {
        this.tokenizer = tokenizer;
        this.renderSpecial = renderSpecial;
    }

    /** Whether CONTROL tokens are rendered as their text (otherwise they produce nothing). */
    public boolean rendersSpecial() {
        return renderSpecial;
    }

    /** Adds one token; returns the text that is now complete (possibly empty). */
    public String feed(int tokenId) {
        len = tokenizer.appendBytes(tokenId, renderSpecial, buf, len);
        if (len == 0) return "";
        StringBuilder sb = new StringBuilder(len);
        int used = Utf8.decode(buf[0], len, sb, true);
        System.arraycopy(buf[0], used, buf[0], 0, len - used);
        len -= used;
        return sb.toString();
    }

    /** Whether bytes of an incomplete character are being held back. */
    public boolean hasPending() {
        return len > 0;
    }

    /** Ends the stream: returns U+FFFD for a held-back incomplete character, or "". Then the decoder is empty. */
    public String flush() {
        if (len == 0) return "";
        String s = Utf8.decode(buf[0], len);
        len = 0;
        return s;
    }

    /** Drops any held-back bytes. */
    public void reset() {
        len = 0;
    }
}
