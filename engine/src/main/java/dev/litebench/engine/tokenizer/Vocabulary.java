package dev.litebench.engine.tokenizer;

import dev.litebench.engine.BadInputException;
import dev.litebench.engine.gguf.Metadata;
import dev.litebench.engine.gguf.MetadataValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A byte-level BPE vocabulary as llama.cpp loads it ({@code llama_vocab::impl::load}, model {@code gpt2}): token
 * strings in GPT-2 byte-to-unicode form, token types, merge ranks, special token ids, the end-of-generation (EOG)
 * set and the pre-tokenizer.
 *
 * <p>Load-time rules copied from llama.cpp:
 * <ul>
 *   <li>bos and eos default to 11 for a {@code gpt2} model (kept only when 11 is inside the vocabulary); every other
 *       special id defaults to none. A special id key outside the vocabulary is ignored (llama.cpp warns).</li>
 *   <li>{@code add_bos} defaults to true for the llama3 pre-tokenizers, false otherwise; {@code add_eos} to false.</li>
 *   <li>EOT, EOM and the FIM ids that the file does not give are found by token text ({@code <|im_end|>},
 *       {@code <|fim_prefix|>}, ...). A token found this way, or by the EOG text list, that is not CONTROL is
 *       retyped CONTROL ("control-looking token", e.g. the plain BPE token {@code </s>} 128247 in Qwen's vocab).
 *       llama.cpp walks an unordered map, so where several texts of a list exist the one it picks depends on hash
 *       order; here the earliest text in llama.cpp's list wins (for Qwen that gives EOT = {@code <|im_end|>}, as
 *       llama.cpp reports).</li>
 *   <li>CONTROL tokens whose text contains "unused" are also marked unused.</li>
 *   <li>EOG = FIM pad/rep/sep, every token whose text is in llama.cpp's EOG list ({@code <|im_end|>},
 *       {@code <|endoftext|>}, {@code </s>}, {@code <|eot_id|>}, ...), eos, eot and eom; then the gpt-oss
 *       {@code <|end|>} and gemma4 {@code </s>} exceptions.</li>
 *   <li>Tokens that are CONTROL, USER_DEFINED or UNKNOWN are the "special" tokens that {@link Tokenizer} matches in
 *       text before BPE, longest first.</li>
 * </ul>
 * Only the {@code gpt2} tokenizer model is supported. Instances are immutable and thread-safe.
 */
public final class Vocabulary {
    /** llama.cpp {@code llama_token_type} numbering, as stored in {@code tokenizer.ggml.token_type}. */
    public static final int TYPE_UNDEFINED = 0, TYPE_NORMAL = 1, TYPE_UNKNOWN = 2, TYPE_CONTROL = 3,
            TYPE_USER_DEFINED = 4, TYPE_UNUSED = 5, TYPE_BYTE = 6;
    /** No token. */
    public static final int NONE = -1;
    /** The tokenizer models this class reads. */
    public static final List<String> SUPPORTED_MODELS = List.of("gpt2");

    // llama.cpp llama_token_attr bits
    static final int ATTR_UNKNOWN = 1, ATTR_UNUSED = 2, ATTR_NORMAL = 4, ATTR_CONTROL = 8, ATTR_USER_DEFINED = 16,
            ATTR_BYTE = 32;

    /** The special token roles with their GGUF keys. */
    public enum Special {
        BOS("tokenizer.ggml.bos_token_id"),
        EOS("tokenizer.ggml.eos_token_id"),
        EOT("tokenizer.ggml.eot_token_id"),
        EOM("tokenizer.ggml.eom_token_id"),
        UNK("tokenizer.ggml.unknown_token_id"),
        SEP("tokenizer.ggml.seperator_token_id"),
        PAD("tokenizer.ggml.padding_token_id"),
        MASK("tokenizer.ggml.mask_token_id"),
        FIM_PRE("tokenizer.ggml.fim_pre_token_id"),
        FIM_SUF("tokenizer.ggml.fim_suf_token_id"),
        FIM_MID("tokenizer.ggml.fim_mid_token_id"),
        FIM_PAD("tokenizer.ggml.fim_pad_token_id"),
        FIM_REP("tokenizer.ggml.fim_rep_token_id"),
        FIM_SEP("tokenizer.ggml.fim_sep_token_id");

        private final String key;

        Special(String key) {
            this.key = key;
        }

        /** The GGUF metadata key ({@code seperator} is llama.cpp's spelling). */
        public String ggufKey() {
            return key;
        }
    }

    private static final List<String> EOT_TEXTS = List.of("<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>",
            "<|endoftext|>", "<|end_of_text|>", "<EOT>", "_<EOT>", "[EOT]", "<｜end▁of▁sentence｜>", "<end_of_utterance>");
    private static final List<String> EOM_TEXTS = List.of("<|eom_id|>");
    private static final List<String> FIM_PRE_TEXTS = List.of("<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>",
            "<｜fim▁begin｜>", "<PRE>", "▁<PRE>", "<|code_prefix|>", "<|prefix|>");
    private static final List<String> FIM_SUF_TEXTS = List.of("<|fim_suffix|>", "<fim-suffix>", "<fim_suffix>",
            "<｜fim▁hole｜>", "<SUF>", "▁<SUF>", "<|code_suffix|>", "<|suffix|>");
    private static final List<String> FIM_MID_TEXTS = List.of("<|fim_middle|>", "<fim-middle>", "<fim_middle>",
            "<｜fim▁end｜>", "<MID>", "▁<MID>", "<|code_middle|>", "<|middle|>");
    private static final List<String> FIM_PAD_TEXTS = List.of("<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>", "[PAD]");
    private static final List<String> FIM_REP_TEXTS = List.of("<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>",
            "<reponame>");
    private static final List<String> FIM_SEP_TEXTS = List.of("<|file_sep|>");
    private static final Set<String> EOG_TEXTS = Set.of("<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>",
            "<|call|>", "<|flush|>", "<|calls|>", "<end_of_turn>", "<|endoftext|>", "</s>", "<|eom_id|>", "<EOT>",
            "_<EOT>", "[EOT]", "[EOS]", "<|end_of_text|>", "<end_of_utterance>", "<eos>", "<turn|>",
            "<|tool_response>", "<｜end▁of▁sentence｜>", "[e~[");
    private static final Set<String> ALWAYS_RENDERED = Set.of("<|channel|>", "<|message|>", "<|start|>", "<|constrain|>");

    private final String source;
    private final String model;
    private final String preName;
    private final PreTokenizer pre;
    private final String[] tokens;
    private final int[] attrs;
    private final String[] merges;
    private final int[] fileTypes; // the types as given, before load-time retyping
    private final Map<String, Integer> tokenToId;
    private final int[] specials = new int[Special.values().length];
    private final boolean addBos;
    private final boolean addEos;
    private final int[] eog;
    private final boolean[] isEog;
    private final List<String> warnings;

    // compiled for the tokenizer
    final String[] symbolText;      // tokens, then merge results / parts that are not tokens ("virtual" symbols)
    final int[] byteSymbol;          // symbol id of each byte's one-character string
    final MergeTable mergeTable;
    final int[] specialsAll;         // CONTROL | USER_DEFINED | UNKNOWN tokens, longest text first
    final int[] specialsPlain;       // those of them matched without parse_special (no CONTROL / UNKNOWN bit)

    private Vocabulary(Builder b) {
        int n = b.tokens.length;
        if (n == 0) throw new BadInputException(b.source + ": the vocabulary has no tokens");
        this.source = b.source;
        this.model = b.model;
        this.preName = b.pre == null ? "" : b.pre;
        this.pre = PreTokenizer.forName(b.pre);
        this.merges = b.merges.clone();
        List<String> warn = new ArrayList<>();

        tokens = new String[n];
        tokenToId = HashMap.newHashMap(n);
        for (int i = 0; i < n; i++) {
            String t = b.tokens[i];
            if (t == null || t.isEmpty()) {
                warn.add("empty token at index " + i);
                t = "[EMPTY_" + i + "]";
            }
            Integer prev = tokenToId.putIfAbsent(t, i);
            if (prev != null) {
                throw new BadInputException(source + ": duplicate token in vocabulary: '" + t + "' has ids " + prev + " and " + i);
            }
            tokens[i] = t;
        }

        attrs = new int[n];
        fileTypes = new int[n];
        for (int i = 0; i < n; i++) {
            int type = b.types == null ? TYPE_NORMAL : b.types[i];
            fileTypes[i] = type;
            attrs[i] = switch (type) {
                case TYPE_NORMAL -> ATTR_NORMAL;
                case TYPE_UNKNOWN -> ATTR_UNKNOWN;
                case TYPE_CONTROL -> ATTR_CONTROL;
                case TYPE_USER_DEFINED -> ATTR_USER_DEFINED;
                case TYPE_UNUSED -> ATTR_UNUSED;
                case TYPE_BYTE -> ATTR_BYTE;
                default -> 0;
            };
        }

        // special ids: defaults (gpt2: bos = eos = 11), then the explicit ones
        Arrays.fill(specials, NONE);
        specials[Special.BOS.ordinal()] = 11 < n ? 11 : NONE;
        specials[Special.EOS.ordinal()] = 11 < n ? 11 : NONE;
        for (Special s : Special.values()) {
            Long v = b.explicit.get(s);
            if (v == null) continue;
            if (v < 0 || v >= n) {
                warn.add("bad special token: '" + s.ggufKey() + "' = " + v + ", using default id " + specials[s.ordinal()]);
            } else {
                specials[s.ordinal()] = (int) (long) v;
            }
        }
        addBos = b.addBos != null ? b.addBos : pre.addsBosByDefault();
        addEos = b.addEos != null && b.addEos;
        if (addBos && specials[Special.BOS.ordinal()] == NONE) {
            throw new BadInputException(source + ": tokenizer.ggml.add_bos_token is true, but tokenizer.ggml.bos_token_id is not set");
        }
        if (addEos && specials[Special.EOS.ordinal()] == NONE) {
            throw new BadInputException(source + ": tokenizer.ggml.add_eos_token is true, but tokenizer.ggml.eos_token_id is not set");
        }

        // auto-detect special tokens by text
        detect(Special.EOT, EOT_TEXTS, warn);
        detect(Special.EOM, EOM_TEXTS, warn);
        detect(Special.FIM_PRE, FIM_PRE_TEXTS, warn);
        detect(Special.FIM_SUF, FIM_SUF_TEXTS, warn);
        detect(Special.FIM_MID, FIM_MID_TEXTS, warn);
        detect(Special.FIM_PAD, FIM_PAD_TEXTS, warn);
        detect(Special.FIM_REP, FIM_REP_TEXTS, warn);
        detect(Special.FIM_SEP, FIM_SEP_TEXTS, warn);

        // control tokens named "unused" are unused
        for (int i = 0; i < n; i++) {
            if ((attrs[i] & ATTR_CONTROL) != 0 && (attrs[i] & ATTR_UNUSED) == 0 && tokens[i].contains("unused")) {
                attrs[i] |= ATTR_UNUSED;
            }
        }

        // end-of-generation set
        TreeSet<Integer> eogSet = new TreeSet<>();
        for (Special s : List.of(Special.FIM_PAD, Special.FIM_REP, Special.FIM_SEP)) {
            if (specials[s.ordinal()] != NONE) eogSet.add(specials[s.ordinal()]);
        }
        for (int i = 0; i < n; i++) {
            if (EOG_TEXTS.contains(tokens[i])) {
                eogSet.add(i);
                retypeControl(i, warn);
            }
        }
        for (int i = 0; i < n; i++) {
            if (ALWAYS_RENDERED.contains(tokens[i])) attrs[i] = ATTR_USER_DEFINED;
        }
        for (Special s : List.of(Special.EOS, Special.EOT, Special.EOM)) {
            int id = specials[s.ordinal()];
            if (id != NONE && eogSet.add(id)) {
                warn.add("special_" + s.name().toLowerCase() + "_id is not in special_eog_ids - the tokenizer config may be incorrect");
            }
        }
        {
            boolean hasReturn = false, hasCall = false, hasEnd = false, hasFlush = false;
            int endId = NONE;
            for (int id : eogSet) {
                switch (tokens[id]) {
                    case "<|return|>" -> hasReturn = true;
                    case "<|call|>", "<|calls|>" -> hasCall = true;
                    case "<|flush|>" -> hasFlush = true;
                    case "<|end|>" -> {
                        hasEnd = true;
                        endId = id;
                    }
                    default -> { }
                }
            }
            if ((hasReturn && hasCall && hasEnd) || (hasCall && hasFlush && hasEnd)) {
                eogSet.remove(endId);
                attrs[endId] = ATTR_USER_DEFINED;
                warn.add("removing '<|end|>' token from EOG list");
            }
        }
        {
            boolean hasToolResponse = false;
            int sId = NONE;
            for (int id : eogSet) {
                if (tokens[id].equals("<|tool_response>")) hasToolResponse = true;
                else if (tokens[id].equals("</s>")) sId = id;
            }
            if (hasToolResponse && sId != NONE) {
                eogSet.remove(sId);
                attrs[sId] = ATTR_NORMAL;
                warn.add("special_eog_ids contains '<|tool_response>', removing '</s>' token from EOG list");
            }
        }
        eog = eogSet.stream().mapToInt(Integer::intValue).toArray();
        isEog = new boolean[n];
        for (int id : eog) isEog[id] = true;
        warnings = List.copyOf(warn);

        // special tokens cache, longest (UTF-8 bytes) first
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if ((attrs[i] & (ATTR_CONTROL | ATTR_USER_DEFINED | ATTR_UNKNOWN)) != 0) all.add(i);
        }
        int[] utf8Len = new int[n];
        for (int id : all) utf8Len[id] = tokens[id].getBytes(StandardCharsets.UTF_8).length;
        all.sort((x, y) -> utf8Len[x] != utf8Len[y] ? Integer.compare(utf8Len[y], utf8Len[x]) : Integer.compare(x, y));
        specialsAll = all.stream().mapToInt(Integer::intValue).toArray();
        specialsPlain = all.stream().filter(id -> (attrs[id] & (ATTR_CONTROL | ATTR_UNKNOWN)) == 0)
                .mapToInt(Integer::intValue).toArray();

        // merges over symbol ids; strings that are not tokens get ids from n upwards
        HashMap<String, Integer> symbols = new HashMap<>(); // the strings that are not tokens
        List<String> extra = new ArrayList<>();
        byteSymbol = new int[256];
        for (int by = 0; by < 256; by++) byteSymbol[by] = intern(ByteUnicode.byteString(by), symbols, extra, n);
        mergeTable = new MergeTable(merges.length);
        for (int r = 0; r < merges.length; r++) {
            String m = merges[r];
            int sp = m == null ? -1 : m.indexOf(' ', 1);
            if (sp < 0) continue; // llama.cpp files it under ("", ""), which never matches
            String left = m.substring(0, sp), right = m.substring(sp + 1);
            if (right.isEmpty()) continue;
            int l = intern(left, symbols, extra, n);
            int rr = intern(right, symbols, extra, n);
            int res = intern(left + right, symbols, extra, n);
            mergeTable.putIfAbsent(l, rr, r, res);
        }
        symbolText = new String[n + extra.size()];
        System.arraycopy(tokens, 0, symbolText, 0, n);
        for (int i = 0; i < extra.size(); i++) symbolText[n + i] = extra.get(i);
    }

    private int intern(String s, HashMap<String, Integer> symbols, List<String> extra, int n) {
        Integer id = tokenToId.get(s);
        if (id != null) return id;
        id = symbols.get(s);
        if (id != null) return id;
        int nid = n + extra.size();
        extra.add(s);
        symbols.put(s, nid);
        return nid;
    }

    private void detect(Special s, List<String> texts, List<String> warn) {
        if (specials[s.ordinal()] != NONE) return;
        for (String t : texts) {
            Integer id = tokenToId.get(t);
            if (id != null) {
                specials[s.ordinal()] = id;
                retypeControl(id, warn);
                return;
            }
        }
    }

    private void retypeControl(int id, List<String> warn) {
        if ((attrs[id] & ATTR_CONTROL) == 0) {
            warn.add("control-looking token: " + id + " '" + tokens[id] + "' was not control-type; this is probably a bug in the model. its type will be overridden");
            attrs[id] |= ATTR_CONTROL;
        }
    }

    // ---- construction ------------------------------------------------------------------------------------

    /**
     * Reads {@code tokenizer.ggml.*} metadata: {@code model} (must be {@code gpt2}), {@code pre}, {@code tokens},
     * {@code token_type}, {@code merges}, the special ids ({@link Special#ggufKey()}, plus the deprecated
     * {@code prefix/suffix/middle_token_id}), {@code add_bos_token}, {@code add_eos_token}.
     */
    public static Vocabulary fromGguf(Metadata meta) {
        String src = meta.source();
        String model = meta.string("tokenizer.ggml.model");
        if (!SUPPORTED_MODELS.contains(model)) {
            throw new BadInputException(src + ": tokenizer model '" + model + "' (tokenizer.ggml.model) is not supported; supported: "
                    + String.join(", ", SUPPORTED_MODELS));
        }
        String[] tokens = meta.strings("tokenizer.ggml.tokens");
        Builder b = builder(tokens).source(src).model(model).pre(meta.string("tokenizer.ggml.pre", ""));
        if (meta.has("tokenizer.ggml.token_type")) {
            int[] types = meta.ints("tokenizer.ggml.token_type");
            if (types.length < tokens.length) {
                throw new BadInputException(src + ": tokenizer.ggml.token_type has " + types.length + " entries for "
                        + tokens.length + " tokens");
            }
            b.types(types);
        }
        if (!meta.has("tokenizer.ggml.merges")) throw new BadInputException(src + ": cannot find tokenizer merges (tokenizer.ggml.merges)");
        b.merges(meta.strings("tokenizer.ggml.merges"));
        for (Special s : Special.values()) {
            if (meta.has(s.ggufKey())) b.special(s, meta.integer(s.ggufKey()));
        }
        // deprecated keys, read after the new ones as llama.cpp does
        if (meta.has("tokenizer.ggml.prefix_token_id")) b.special(Special.FIM_PRE, meta.integer("tokenizer.ggml.prefix_token_id"));
        if (meta.has("tokenizer.ggml.suffix_token_id")) b.special(Special.FIM_SUF, meta.integer("tokenizer.ggml.suffix_token_id"));
        if (meta.has("tokenizer.ggml.middle_token_id")) b.special(Special.FIM_MID, meta.integer("tokenizer.ggml.middle_token_id"));
        if (meta.has("tokenizer.ggml.add_bos_token")) b.addBos(meta.bool("tokenizer.ggml.add_bos_token", false));
        if (meta.has("tokenizer.ggml.add_eos_token")) b.addEos(meta.bool("tokenizer.ggml.add_eos_token", false));
        return b.build();
    }

    /** A builder over token strings in byte-to-unicode form (types default to NORMAL, no merges, pre "default"). */
    public static Builder builder(String[] tokens) {
        return new Builder(tokens.clone());
    }

    public static Builder builder(List<String> tokens) {
        return new Builder(tokens.toArray(String[]::new));
    }

    /** Collects what a GGUF's {@code tokenizer.ggml.*} keys would hold; {@link #build()} applies llama.cpp's rules. */
    public static final class Builder {
        private final String[] tokens;
        private int[] types;
        private String[] merges = new String[0];
        private String pre = "default";
        private String model = "gpt2";
        private String source = "vocabulary";
        private final Map<Special, Long> explicit = new java.util.EnumMap<>(Special.class);
        private Boolean addBos;
        private Boolean addEos;

        private Builder(String[] tokens) {
            this.tokens = tokens;
        }

        /** Token types in llama.cpp numbering ({@link #TYPE_NORMAL}, ...), one per token at least. */
        public Builder types(int[] types) {
            if (types.length < tokens.length) throw new IllegalArgumentException("types: " + types.length + " < " + tokens.length);
            this.types = types.clone();
            return this;
        }

        /** Merges as {@code "left right"} strings in rank order. */
        public Builder merges(String[] merges) {
            this.merges = merges.clone();
            return this;
        }

        public Builder merges(List<String> merges) {
            this.merges = merges.toArray(String[]::new);
            return this;
        }

        /** The {@code tokenizer.ggml.pre} name; null or empty means llama.cpp's default. */
        public Builder pre(String pre) {
            this.pre = pre;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** A name for error messages (the GGUF path). */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /** An explicit special id, as the GGUF key would give it (ignored, with a warning, when out of range). */
        public Builder special(Special role, long id) {
            explicit.put(role, id);
            return this;
        }

        public Builder addBos(boolean addBos) {
            this.addBos = addBos;
            return this;
        }

        public Builder addEos(boolean addEos) {
            this.addEos = addEos;
            return this;
        }

        public Vocabulary build() {
            if (!SUPPORTED_MODELS.contains(model)) {
                throw new BadInputException(source + ": tokenizer model '" + model + "' is not supported; supported: "
                        + String.join(", ", SUPPORTED_MODELS));
            }
            return new Vocabulary(this);
        }
    }

    /**
     * The {@code tokenizer.ggml.*} metadata that {@link #fromGguf} reads back to an equal vocabulary: model, pre,
     * tokens, token types as given (before load-time retyping), merges, every special id that is set, add_bos and
     * add_eos. For writing synthesized models with {@code GGUFWriter.putAll}.
     */
    public Map<String, MetadataValue> toGgufMetadata() {
        Map<String, MetadataValue> m = new java.util.LinkedHashMap<>();
        m.put("tokenizer.ggml.model", MetadataValue.string(model));
        m.put("tokenizer.ggml.pre", MetadataValue.string(preName.isEmpty() ? "default" : preName));
        m.put("tokenizer.ggml.tokens", MetadataValue.strings(Arrays.asList(tokens)));
        m.put("tokenizer.ggml.token_type", MetadataValue.int32s(fileTypes));
        m.put("tokenizer.ggml.merges", MetadataValue.strings(Arrays.asList(merges)));
        for (Special s : Special.values()) {
            if (specials[s.ordinal()] != NONE) m.put(s.ggufKey(), MetadataValue.uint32(specials[s.ordinal()]));
        }
        m.put("tokenizer.ggml.add_bos_token", MetadataValue.bool(addBos));
        m.put("tokenizer.ggml.add_eos_token", MetadataValue.bool(addEos));
        return m;
    }

    // ---- accessors ---------------------------------------------------------------------------------------

    public int size() {
        return tokens.length;
    }

    /** The token's string (byte-to-unicode form for NORMAL tokens, raw text for added ones). */
    public String token(int id) {
        return tokens[id];
    }

    /** All token strings, by id. */
    public List<String> tokens() {
        return Collections.unmodifiableList(Arrays.asList(tokens));
    }

    /** The id of the token with exactly this string, or {@link #NONE}. */
    public int id(String token) {
        Integer id = tokenToId.get(token);
        return id == null ? NONE : id;
    }

    /**
     * The token's type in llama.cpp numbering after load-time retyping: CONTROL for control tokens (including
     * control-looking ones retyped at load), then USER_DEFINED, UNKNOWN, BYTE, NORMAL, UNUSED, UNDEFINED.
     */
    public int tokenType(int id) {
        int a = attrs[id];
        if ((a & ATTR_CONTROL) != 0) return TYPE_CONTROL;
        if ((a & ATTR_USER_DEFINED) != 0) return TYPE_USER_DEFINED;
        if ((a & ATTR_UNKNOWN) != 0) return TYPE_UNKNOWN;
        if ((a & ATTR_BYTE) != 0) return TYPE_BYTE;
        if ((a & ATTR_NORMAL) != 0) return TYPE_NORMAL;
        if ((a & ATTR_UNUSED) != 0) return TYPE_UNUSED;
        return TYPE_UNDEFINED;
    }

    /** {@link #tokenType} of every token. */
    public int[] tokenTypes() {
        int[] t = new int[tokens.length];
        for (int i = 0; i < t.length; i++) t[i] = tokenType(i);
        return t;
    }

    /** llama.cpp's attribute bits (UNKNOWN 1, UNUSED 2, NORMAL 4, CONTROL 8, USER_DEFINED 16, BYTE 32). */
    int attr(int id) {
        return attrs[id];
    }

    public boolean isControl(int id) {
        return (attrs[id] & ATTR_CONTROL) != 0;
    }

    public boolean isUserDefined(int id) {
        return (attrs[id] & ATTR_USER_DEFINED) != 0;
    }

    /** Whether the token is UNUSED (type 5, or a control token named "unused"). */
    public boolean isUnused(int id) {
        return (attrs[id] & ATTR_UNUSED) != 0;
    }

    /** Merges as {@code "left right"} strings, index = rank. */
    public List<String> merges() {
        return Collections.unmodifiableList(Arrays.asList(merges));
    }

    /** The rank of merging {@code left} and {@code right}, or -1. */
    public int mergeRank(String left, String right) {
        int l = id(left), r = id(right);
        if (l == NONE || r == NONE) {
            // either part may be a merge result that is not itself a token
            l = symbolId(left);
            r = symbolId(right);
            if (l < 0 || r < 0) return -1;
        }
        int slot = mergeTable.find(l, r);
        return slot < 0 ? -1 : mergeTable.rank(slot);
    }

    private int symbolId(String s) {
        int id = id(s);
        if (id != NONE) return id;
        for (int i = tokens.length; i < symbolText.length; i++) if (symbolText[i].equals(s)) return i;
        return -1;
    }

    /** The id for a special role, or {@link #NONE}. */
    public int special(Special role) {
        return specials[role.ordinal()];
    }

    public int bos() {
        return special(Special.BOS);
    }

    public int eos() {
        return special(Special.EOS);
    }

    public int eot() {
        return special(Special.EOT);
    }

    public int pad() {
        return special(Special.PAD);
    }

    public int fimPre() {
        return special(Special.FIM_PRE);
    }

    public int fimSuf() {
        return special(Special.FIM_SUF);
    }

    public int fimMid() {
        return special(Special.FIM_MID);
    }

    public boolean addBos() {
        return addBos;
    }

    public boolean addEos() {
        return addEos;
    }

    /** The tokenizer model ({@code gpt2}). */
    public String model() {
        return model;
    }

    /** The {@code tokenizer.ggml.pre} name as given ("" when absent). */
    public String preName() {
        return preName;
    }

    public PreTokenizer preTokenizer() {
        return pre;
    }

    /** The end-of-generation ids, ascending. */
    public int[] eogIds() {
        return eog.clone();
    }

    public boolean isEog(int id) {
        return id >= 0 && id < isEog.length && isEog[id];
    }

    /** What llama.cpp would have logged as warnings while loading (retyped tokens, bad ids, ...). */
    public List<String> warnings() {
        return warnings;
    }

    /** Where the vocabulary came from, for messages. */
    public String source() {
        return source;
    }
}
