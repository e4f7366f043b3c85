package dev.litebench.engine.tokenizer;

import dev.litebench.engine.BadInputException;
import dev.litebench.engine.gguf.Metadata;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GPT-2 style byte-level BPE tokenizer over a {@link Vocabulary}, following llama.cpp's
 * {@code llama_vocab::impl::tokenize} for BPE vocabularies:
 * <ol>
 *   <li><b>Added tokens</b> ({@code tokenizer_st_partition}): the text is split on the vocabulary's special tokens
 *       (CONTROL, USER_DEFINED and UNKNOWN types), taken one token at a time from the longest text to the
 *       shortest, each splitting every remaining plain fragment at all its occurrences. Without
 *       {@code parseSpecial}, CONTROL and UNKNOWN tokens are skipped (so {@code <|im_start|>} is plain text) but
 *       USER_DEFINED ones ({@code <think>}, {@code <tool_call>}) still match, as in HF.</li>
 *   <li><b>NFC.</b> For pre-tokenizers whose HF tokenizer has an NFC normalizer (the Qwen ones,
 *       {@link PreTokenizer#normalizesNfc()}), each plain fragment is normalized to NFC, as HF {@code tokenizers}
 *       does (after matching added tokens, which Qwen marks {@code normalized: false}). <b>llama.cpp does not
 *       normalize</b>, so for text that is not already NFC (e.g. "e" + U+0301) this tokenizer agrees with HF, not
 *       with llama.cpp. Other pre-tokenizers (llama3, gpt-2, default) take the text as is, like HF and llama.cpp.</li>
 *   <li><b>Pre-tokenization</b> of each plain fragment by the vocabulary's {@link PreTokenizer}.</li>
 *   <li><b>BPE</b> on each pre-token's UTF-8 bytes: repeatedly merge the adjacent pair with the lowest merge rank
 *       (leftmost first on ties). A resulting piece that is not a token falls back to its single-byte tokens.
 *       Results are cached per pre-token (bounded cache).</li>
 * </ol>
 * Lone surrogates in the input are encoded as U+FFFD. Decoding follows llama.cpp's {@code token_to_piece}: NORMAL
 * tokens are mapped back from byte-to-unicode form to bytes; CONTROL/USER_DEFINED/UNKNOWN tokens give their text
 * (CONTROL and UNKNOWN only when specials are rendered); BYTE tokens ({@code <0xAB>}) their byte; UNUSED tokens
 * nothing. Ill-formed UTF-8 in the decoded bytes becomes U+FFFD. Thread-safe.
 */
public final class Tokenizer {
    /** Pre-tokens longer than this (chars) are not cached. */
    private static final int MAX_CACHED_WORD = 64;
    public static final int DEFAULT_CACHE_SIZE = 1 << 16;

    private final Vocabulary vocab;
    private final PreTokenizer pre;
    private final int nTokens;
    private final byte[][] pieces;
    private final boolean[] hiddenUnlessSpecial;
    private final Map<String, Integer> specialByText;
    private final int[] singleCharToken; // for the fallback of pieces that are not tokens, by symbol char
    private final int cacheSize;
    private final ConcurrentHashMap<String, int[]> cache;

    public Tokenizer(Vocabulary vocab) {
        this(vocab, DEFAULT_CACHE_SIZE);
    }

    /** A tokenizer whose per-pre-token cache holds at most {@code cacheSize} entries (0: no cache). */
    public Tokenizer(Vocabulary vocab, int cacheSize) {
        this.vocab = vocab;
        this.pre = vocab.preTokenizer();
        this.nTokens = vocab.size();
        this.cacheSize = cacheSize;
        this.cache = cacheSize > 0 ? new ConcurrentHashMap<>() : null;
        pieces = new byte[nTokens][];
        hiddenUnlessSpecial = new boolean[nTokens];
        for (int id = 0; id < nTokens; id++) {
            int a = vocab.attr(id);
            String text = vocab.token(id);
            hiddenUnlessSpecial[id] = (a & (Vocabulary.ATTR_UNKNOWN | Vocabulary.ATTR_CONTROL)) != 0;
            if ((a & (Vocabulary.ATTR_UNKNOWN | Vocabulary.ATTR_CONTROL | Vocabulary.ATTR_USER_DEFINED)) != 0) {
                pieces[id] = text.getBytes(StandardCharsets.UTF_8);
            } else if ((a & Vocabulary.ATTR_NORMAL) != 0) {
                pieces[id] = ByteUnicode.decode(text);
            } else if ((a & Vocabulary.ATTR_BYTE) != 0) {
                pieces[id] = byteTokenValue(text);
            } else {
                pieces[id] = new byte[0];
            }
        }
        specialByText = new HashMap<>();
        for (int id : vocab.specialsAll) specialByText.put(vocab.token(id), id);
        singleCharToken = new int[ByteUnicode.CHAR_LIMIT];
        for (int c = 0; c < singleCharToken.length; c++) singleCharToken[c] = vocab.id(String.valueOf((char) c));
    }

    private static byte[] byteTokenValue(String text) {
        // "<0xAB>"
        if (text.length() == 6 && text.startsWith("<0x") && text.endsWith(">")) {
            try {
                return new byte[] {(byte) Integer.parseInt(text.substring(3, 5), 16)};
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        return new byte[0];
    }

    /** Reads the vocabulary from GGUF metadata ({@link Vocabulary#fromGguf}). */
    public static Tokenizer fromGguf(Metadata meta) {
        return new Tokenizer(Vocabulary.fromGguf(meta));
    }

    public Vocabulary vocabulary() {
        return vocab;
    }

    public int vocabSize() {
        return nTokens;
    }

    public boolean isEog(int id) {
        return vocab.isEog(id);
    }

    /**
     * The id of the added (special) token with exactly this text, e.g. {@code "<|im_end|>"}, or
     * {@link Vocabulary#NONE}. Only CONTROL, USER_DEFINED and UNKNOWN tokens count.
     */
    public int specialTokenId(String text) {
        Integer id = specialByText.get(text);
        return id == null ? Vocabulary.NONE : id;
    }

    // ---- encoding ----------------------------------------------------------------------------------------

    /** Tokenizes {@code text} without adding BOS/EOS. */
    public int[] encode(String text, boolean parseSpecial) {
        return encode(text, false, parseSpecial);
    }

    /**
     * Tokenizes {@code text}. With {@code addSpecial}, BOS is prepended when the vocabulary's {@code add_bos} is
     * set and EOS appended when {@code add_eos} is. With {@code parseSpecial}, CONTROL tokens written in the text
     * become their ids; USER_DEFINED tokens always do.
     */
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        PreTokenizer.IntList out = new PreTokenizer.IntList(text.length() / 3 + 8);
        if (addSpecial && vocab.addBos()) out.add(vocab.bos());
        if (!text.isEmpty()) {
            Bpe bpe = new Bpe();
            int[] frags = partition(text, parseSpecial ? vocab.specialsAll : vocab.specialsPlain);
            for (int i = 0; i < frags.length; i += 2) {
                if (frags[i] < 0) {
                    out.add(frags[i + 1]);
                    continue;
                }
                String f = frags[i] == 0 && frags[i + 1] == text.length() ? text : text.substring(frags[i], frags[i + 1]);
                String t = pre.normalizesNfc() ? Normalizer.normalize(f, Normalizer.Form.NFC) : f;
                pre.split(t, 0, t.length(), (s, e) -> encodeWord(t, s, e, out, bpe));
            }
        }
        if (addSpecial && vocab.addEos()) out.add(vocab.eos());
        return out.toArray();
    }

    /**
     * Fragments as pairs: (start, end) for plain text, (-1, id) for a special token.
     */
    private int[] partition(String t, int[] specials) {
        PreTokenizer.IntList frags = new PreTokenizer.IntList(8);
        frags.add(0);
        frags.add(t.length());
        for (int id : specials) {
            String st = vocab.token(id);
            int found = t.indexOf(st);
            if (found < 0) continue;
            PreTokenizer.IntList next = new PreTokenizer.IntList(frags.size() + 8);
            for (int i = 0; i < frags.size(); i += 2) {
                int s = frags.get(i), e = frags.get(i + 1);
                if (s < 0) {
                    next.add(s);
                    next.add(e);
                    continue;
                }
                int cur = s;
                while (true) {
                    // fragments come in text order: reuse the last search unless it lies before this point
                    if (found >= 0 && found < cur) found = t.indexOf(st, cur);
                    int m = found;
                    if (m < 0 || m + st.length() > e) break;
                    if (m > cur) {
                        next.add(cur);
                        next.add(m);
                    }
                    next.add(-1);
                    next.add(id);
                    cur = m + st.length();
                }
                if (cur < e) {
                    next.add(cur);
                    next.add(e);
                }
            }
            frags = next;
        }
        return frags.toArray();
    }

    private void encodeWord(String t, int s, int e, PreTokenizer.IntList out, Bpe bpe) {
        if (cache != null && e - s <= MAX_CACHED_WORD) {
            String key = t.substring(s, e);
            int[] ids = cache.get(key);
            if (ids == null) {
                ids = bpe.run(t, s, e);
                if (cache.size() >= cacheSize) cache.clear();
                cache.put(key, ids);
            }
            for (int id : ids) out.add(id);
        } else {
            for (int id : bpe.run(t, s, e)) out.add(id);
        }
    }

    /** BPE working storage for one encode call. */
    private final class Bpe {
        private int[] sym = new int[64];
        private int[] prev = new int[64];
        private int[] next = new int[64];
        private long[] heap = new long[192];
        private int heapSize;
        private final PreTokenizer.IntList ids = new PreTokenizer.IntList(16);

        int[] run(String t, int s, int e) {
            byte[] bytes = Utf8.encode(t, s, e);
            int n = bytes.length;
            if (pre.ignoresMerges()) {
                int id = vocab.id(ByteUnicode.encode(bytes, 0, n));
                if (id != Vocabulary.NONE) return new int[] {id};
            }
            if (sym.length < n) {
                int cap = Math.max(n, sym.length * 2);
                sym = new int[cap];
                prev = new int[cap];
                next = new int[cap];
                heap = new long[cap * 3];
            }
            for (int i = 0; i < n; i++) {
                sym[i] = vocab.byteSymbol[bytes[i] & 0xFF];
                prev[i] = i - 1;
                next[i] = i + 1 < n ? i + 1 : -1;
            }
            heapSize = 0;
            MergeTable mt = vocab.mergeTable;
            for (int i = 0; i + 1 < n; i++) push(mt, i, i + 1);
            while (heapSize > 0) {
                long top = pop();
                int rank = (int) (top >>> 32);
                int left = (int) top;
                if (sym[left] < 0) continue;
                int right = next[left];
                if (right < 0) continue;
                int slot = mt.find(sym[left], sym[right]);
                if (slot < 0 || mt.rank(slot) != rank) continue; // outdated
                sym[left] = mt.result(slot);
                sym[right] = -1;
                int rn = next[right];
                next[left] = rn;
                if (rn >= 0) prev[rn] = left;
                if (prev[left] >= 0) push(mt, prev[left], left);
                if (rn >= 0) push(mt, left, rn);
            }
            ids.clear();
            for (int i = 0; i >= 0; i = next[i]) {
                int id = sym[i];
                if (id < nTokens) {
                    ids.add(id);
                } else {
                    // a piece that is not a token: its single-byte tokens
                    String text = vocab.symbolText[id];
                    for (int k = 0; k < text.length(); k++) {
                        char c = text.charAt(k);
                        int tid = c < singleCharToken.length ? singleCharToken[c] : vocab.id(String.valueOf(c));
                        if (tid != Vocabulary.NONE) ids.add(tid);
                    }
                }
            }
            return ids.toArray();
        }

        private void push(MergeTable mt, int left, int right) {
            int slot = mt.find(sym[left], sym[right]);
            if (slot < 0) return;
            long v = ((long) mt.rank(slot) << 32) | left;
            if (heapSize == heap.length) heap = Arrays.copyOf(heap, heap.length * 2);
            int i = heapSize++;
            while (i > 0) {
                int p = (i - 1) >>> 1;
                if (heap[p] <= v) break;
                heap[i] = heap[p];
                i = p;
            }
            heap[i] = v;
        }

        private long pop() {
            long top = heap[0];
            long v = heap[--heapSize];
            int i = 0;
            int half = heapSize >>> 1;
            while (i < half) {
                int c = 2 * i + 1;
                if (c + 1 < heapSize && heap[c + 1] < heap[c]) c++;
                if (v <= heap[c]) break;
                heap[i] = heap[c];
                i = c;
            }
            if (heapSize > 0) heap[i] = v;
            return top;
        }
    }

    // ---- decoding ----------------------------------------------------------------------------------------

    private void check(int id) {
        if (id < 0 || id >= nTokens) throw new BadInputException("token id " + id + " is out of range [0, " + nTokens + ")");
    }

    /** The bytes of one token with specials rendered as their text (llama.cpp's piece cache). */
    public byte[] tokenBytes(int id) {
        return tokenBytes(id, true);
    }

    /** The bytes of one token; CONTROL and UNKNOWN tokens give nothing unless {@code renderSpecial}. */
    public byte[] tokenBytes(int id, boolean renderSpecial) {
        check(id);
        if (!renderSpecial && hiddenUnlessSpecial[id]) return new byte[0];
        return pieces[id].clone();
    }

    /** Appends the token's bytes without copying; for {@link StreamingDecoder}. */
    int appendBytes(int id, boolean renderSpecial, byte[][] buf, int len) {
        check(id);
        if (!renderSpecial && hiddenUnlessSpecial[id]) return len;
        byte[] p = pieces[id];
        if (len + p.length > buf[0].length) buf[0] = Arrays.copyOf(buf[0], Math.max(buf[0].length * 2, len + p.length));
        System.arraycopy(p, 0, buf[0], len, p.length);
        return len + p.length;
    }

    /** The text of {@code ids} with CONTROL tokens left out. */
    public String decode(int[] ids) {
        return decode(ids, false);
    }

    /** The text of {@code ids}; ill-formed UTF-8 becomes U+FFFD. */
    public String decode(int[] ids, boolean renderSpecial) {
        byte[][] buf = {new byte[Math.max(16, ids.length * 4)]};
        int len = 0;
        for (int id : ids) len = appendBytes(id, renderSpecial, buf, len);
        return Utf8.decode(buf[0], len);
    }

    /** A decoder for generated tokens, fed one id at a time. */
    public StreamingDecoder streamingDecoder(boolean renderSpecial) {
        return new StreamingDecoder(this, renderSpecial);
    }
}
