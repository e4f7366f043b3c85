package dev.litebench.engine.generate;

import dev.litebench.engine.tokenizer.Tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Constrains decoding to the rest of a forced tool call: a sequence of fixed text, one of a few names, and a JSON
 * object (the arguments, any valid JSON object), checked byte by byte as tokens are chosen. Before every token, the
 * logits of the tokens that would break the call are set to minus infinity, by running each vocabulary token's bytes
 * through a copy of the current state (a few milliseconds for a 152k vocabulary); tokens without text (end of
 * generation, control tokens) are allowed only once the call is complete, and at that point the generation stops.
 * Without this, a forced call the model did not finish came back as plain content.
 */
public final class ToolCallGrammar implements TokenConstraint {
    /** One piece of the call, in order. */
    public sealed interface Part {}

    /** Text that must follow as it is. */
    public record Literal(String text) implements Part {}

    /** One of these strings (the tool names). */
    public record OneOf(List<String> choices) implements Part {}

    /** A JSON object. */
    public record JsonObject() implements Part {}

    /** Most names a {@link OneOf} may offer (they are tracked as the bits of a long). */
    public static final int MAX_CHOICES = 64;
    private static final int MAX_DEPTH = 64;
    /** Every token's bytes, per tokenizer: built once (152k tokens), shared by all grammars over it. */
    private static final Map<Tokenizer, byte[][]> TOKEN_BYTES = Collections.synchronizedMap(new WeakHashMap<>());

    private final byte[][] tokenBytes;
    private final List<Part> parts;
    /** Per part: a literal's bytes, or null. */
    private final List<byte[]> literals = new ArrayList<>();
    /** Per part: the names' bytes, or null. */
    private final List<byte[][]> choices = new ArrayList<>();
    private final State state;
    private final State trial;

    public ToolCallGrammar(Tokenizer tokenizer, List<Part> parts) {
        this.parts = List.copyOf(parts);
        for (Part p : this.parts) {
            literals.add(p instanceof Literal l ? l.text().getBytes(StandardCharsets.UTF_8) : null);
            if (p instanceof OneOf o && (o.choices().isEmpty() || o.choices().size() > MAX_CHOICES)) {
                throw new IllegalArgumentException("between 1 and " + MAX_CHOICES + " names");
            }
            choices.add(p instanceof OneOf o ? o.choices().stream().map(c -> c.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new) : null);
        }
        this.tokenBytes = TOKEN_BYTES.computeIfAbsent(tokenizer, t -> {
            byte[][] all = new byte[t.vocabSize()][];
            for (int id = 0; id < all.length; id++) all[id] = t.tokenBytes(id, true);
            return all;
        });
        this.state = new State();
        this.trial = new State();
    }

    @Override
    public void mask(float[] logits, int offset, int vocab) {
        int n = Math.min(vocab, tokenBytes.length);
        for (int id = 0; id < n; id++) {
            if (!allows(id)) logits[offset + id] = Float.NEGATIVE_INFINITY;
        }
        for (int id = n; id < vocab; id++) logits[offset + id] = Float.NEGATIVE_INFINITY;
    }

    /** Whether {@code token} may come next. */
    boolean allows(int token) {
        byte[] bytes = tokenBytes[token];
        if (bytes.length == 0) return state.complete();
        trial.copyFrom(state);
        for (byte b : bytes) {
            if (!trial.feed(b)) return false;
        }
        return true;
    }

    @Override
    public void accept(int token) {
        for (byte b : tokenBytes[token]) {
            if (!state.feed(b)) throw new IllegalStateException("token " + token + " does not continue the tool call");
        }
    }

    @Override
    public boolean complete() {
        return state.complete();
    }

    /** Where the call stands: the part being written and the progress within it. */
    private final class State {
        // JSON modes
        private static final int VALUE = 0, OBJECT_KEY_OR_END = 1, OBJECT_KEY = 2, OBJECT_COLON = 3, AFTER_VALUE = 4,
                ARRAY_VALUE_OR_END = 5, STRING = 6, STRING_ESCAPE = 7, STRING_HEX = 8, NUMBER = 9, LITERAL = 10;
        private static final byte[][] WORDS = {"true".getBytes(StandardCharsets.US_ASCII),
                "false".getBytes(StandardCharsets.US_ASCII), "null".getBytes(StandardCharsets.US_ASCII)};

        private int part;
        /** Bytes of the current literal or name matched so far. */
        private int matched;
        /** Names still possible, as bits. */
        private long alive;
        // the JSON object's parser
        private boolean started;
        /** Whether the last byte was whitespace between tokens. */
        private boolean afterSpace;
        private int mode;
        /** Containers, innermost last: true for an object. */
        private final boolean[] stack = new boolean[MAX_DEPTH];
        private int depth;
        /** In a string: whether it is an object key. */
        private boolean key;
        private int hexLeft;
        private int word;
        private int wordIndex;
        /** In a number: the last byte, enough to tell which bytes may follow. */
        private byte numberLast;
        private boolean numberDot;
        private boolean numberExp;

        State() {
            enterPart();
        }

        void copyFrom(State o) {
            part = o.part;
            matched = o.matched;
            alive = o.alive;
            started = o.started;
            afterSpace = o.afterSpace;
            mode = o.mode;
            System.arraycopy(o.stack, 0, stack, 0, o.depth);
            depth = o.depth;
            key = o.key;
            hexLeft = o.hexLeft;
            word = o.word;
            wordIndex = o.wordIndex;
            numberLast = o.numberLast;
            numberDot = o.numberDot;
            numberExp = o.numberExp;
        }

        boolean complete() {
            return part == parts.size();
        }

        private void enterPart() {
            matched = 0;
            started = false;
            afterSpace = false;
            depth = 0;
            if (part < parts.size() && parts.get(part) instanceof OneOf o) alive = o.choices().size() == MAX_CHOICES ? -1L : (1L << o.choices().size()) - 1;
            if (part < parts.size() && parts.get(part) instanceof Literal l && l.text().isEmpty()) next();
        }

        private void next() {
            part++;
            enterPart();
        }

        boolean feed(byte b) {
            if (complete()) return false;
            return switch (parts.get(part)) {
                case Literal l -> feedLiteral(b);
                case OneOf o -> feedChoice(b);
                case JsonObject j -> feedJson(b);
            };
        }

        private boolean feedLiteral(byte b) {
            byte[] text = literals.get(part);
            if (text[matched] != b) return false;
            if (++matched == text.length) next();
            return true;
        }

        private boolean feedChoice(byte b) {
            byte[][] names = choices.get(part);
            long still = 0;
            boolean done = false;
            for (int i = 0; i < names.length; i++) {
                if ((alive & (1L << i)) == 0 || names[i].length <= matched || names[i][matched] != b) continue;
                still |= 1L << i;
                if (names[i].length == matched + 1) done = true;
            }
            if (still == 0) {
                // a name that is a prefix of another (say "get" and "get_weather") ends where the next byte fits neither
                for (int i = 0; i < names.length; i++) {
                    if ((alive & (1L << i)) != 0 && names[i].length == matched) {
                        next();
                        return feed(b);
                    }
                }
                return false;
            }
            alive = still;
            matched++;
            // a name that ends here ends the part only when no longer name continues it
            if (done) {
                boolean longer = false;
                for (int i = 0; i < names.length; i++) if ((still & (1L << i)) != 0 && names[i].length > matched) longer = true;
                if (!longer) next();
            }
            return true;
        }

        /**
         * Whitespace between tokens: one space at a time. JSON allows any run of spaces, tabs and newlines there, but
         * a model held to a grammar can then write whitespace for ever (a random-weight one did, to its token limit),
         * and the one-line JSON of tool calls needs no more.
         */
        private boolean feedJson(byte b) {
            boolean inToken = started && (mode == STRING || mode == STRING_ESCAPE || mode == STRING_HEX || mode == LITERAL);
            if (inToken || !(b == ' ' || b == '\n' || b == '\r' || b == '\t')) {
                afterSpace = false;
                return feedJsonByte(b);
            }
            if (b != ' ' || afterSpace) return false;
            if (started && mode == NUMBER) {
                if (!numberMayEnd()) return false;
                closeValue(false);
            }
            afterSpace = true;
            return true;
        }

        private boolean feedJsonByte(byte b) {
            if (!started) {
                if (b != '{') return false;
                started = true;
                stack[depth++] = true;
                mode = OBJECT_KEY_OR_END;
                return true;
            }
            switch (mode) {
                case STRING -> {
                    if (b == '"') closeValue(key);
                    else if (b == '\\') mode = STRING_ESCAPE;
                    else if ((b & 0xff) < 0x20) return false;
                    return true;
                }
                case STRING_ESCAPE -> {
                    if (b == 'u') {
                        mode = STRING_HEX;
                        hexLeft = 4;
                        return true;
                    }
                    if ("\"\\/bfnrt".indexOf(b) < 0) return false;
                    mode = STRING;
                    return true;
                }
                case STRING_HEX -> {
                    if (Character.digit(b, 16) < 0) return false;
                    if (--hexLeft == 0) mode = STRING;
                    return true;
                }
                case LITERAL -> {
                    if (WORDS[word][wordIndex] != b) return false;
                    if (++wordIndex == WORDS[word].length) closeValue(false);
                    return true;
                }
                case NUMBER -> {
                    if (numberContinues(b)) return true;
                    if (!numberMayEnd()) return false;
                    closeValue(false);
                    return feedJsonByte(b);
                }
                default -> {
                    return structural(b);
                }
            }
        }

        /** Whether the number so far is complete: "-", "1.", "1e" and "1e+" are not. */
        private boolean numberMayEnd() {
            return numberLast >= '0' && numberLast <= '9';
        }

        private boolean numberContinues(byte b) {
            boolean digit = b >= '0' && b <= '9';
            if (digit) {
                if (numberLast == '0' && !numberDot && !numberExp) return false; // no leading zeros
                numberLast = b;
                return true;
            }
            if (b == '.' && !numberDot && !numberExp && numberLast >= '0' && numberLast <= '9') {
                numberDot = true;
                numberLast = b;
                return true;
            }
            if ((b == 'e' || b == 'E') && !numberExp && numberLast >= '0' && numberLast <= '9') {
                numberExp = true;
                numberLast = b;
                return true;
            }
            if ((b == '+' || b == '-') && (numberLast == 'e' || numberLast == 'E')) {
                numberLast = b;
                return true;
            }
            return false;
        }

        private boolean structural(byte b) {
            switch (mode) {
                case OBJECT_KEY_OR_END, OBJECT_KEY -> {
                    if (b == '"') {
                        mode = STRING;
                        key = true;
                        return true;
                    }
                    if (b == '}' && mode == OBJECT_KEY_OR_END) return closeContainer();
                    return false;
                }
                case OBJECT_COLON -> {
                    if (b != ':') return false;
                    mode = VALUE;
                    return true;
                }
                case AFTER_VALUE -> {
                    boolean object = stack[depth - 1];
                    if (b == ',') {
                        mode = object ? OBJECT_KEY : VALUE;
                        return true;
                    }
                    if (b == (object ? '}' : ']')) return closeContainer();
                    return false;
                }
                case VALUE, ARRAY_VALUE_OR_END -> {
                    if (b == ']' && mode == ARRAY_VALUE_OR_END) return closeContainer();
                    return startValue(b);
                }
                default -> {
                    return false;
                }
            }
        }

        private boolean startValue(byte b) {
            switch (b) {
                case '{', '[' -> {
                    if (depth == MAX_DEPTH) return false;
                    stack[depth++] = b == '{';
                    mode = b == '{' ? OBJECT_KEY_OR_END : ARRAY_VALUE_OR_END;
                    return true;
                }
                case '"' -> {
                    mode = STRING;
                    key = false;
                    return true;
                }
                case 't', 'f', 'n' -> {
                    mode = LITERAL;
                    word = b == 't' ? 0 : b == 'f' ? 1 : 2;
                    wordIndex = 1;
                    return true;
                }
                default -> {
                    if (b != '-' && !(b >= '0' && b <= '9')) return false;
                    mode = NUMBER;
                    numberLast = b;
                    numberDot = false;
                    numberExp = false;
                    return true;
                }
            }
        }

        /** A string, literal or number has ended: a key wants its colon, a value what follows values. */
        private void closeValue(boolean wasKey) {
            mode = wasKey ? OBJECT_COLON : AFTER_VALUE;
        }

        private boolean closeContainer() {
            depth--;
            if (depth == 0) {
                next();
                return true;
            }
            mode = AFTER_VALUE;
            return true;
        }
    }
}
