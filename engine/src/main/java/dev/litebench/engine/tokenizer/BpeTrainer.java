package dev.litebench.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns a byte-level BPE vocabulary from text, for synthesizing models without downloading one. Standard BPE
 * training over pre-tokenized words: the text is NFC-normalized when the pre-tokenizer says so, split by the
 * pre-tokenizer (qwen2 by default) and counted per distinct word; every word starts as its UTF-8 bytes; then the
 * most frequent adjacent pair (ties: lowest left id, then lowest right id) is merged, repeatedly, until the
 * vocabulary has the requested size or no pair occurs {@code minFrequency} times. Pair counts are updated
 * incrementally: a merge only revisits the words that contain its pair (kept per pair), and a lazy max-heap
 * re-checks counts when it pops. Deterministic: the same input gives the same result.
 *
 * <p>The result lists the 256 byte tokens first, in GPT-2's {@code bytes_to_unicode} order (printable bytes
 * first, as in GPT-2 and Qwen), then each new token in the order it was learned; merges are {@code "left right"}
 * strings in rank order. All strings are in byte-to-unicode form, ready for {@code tokenizer.ggml.tokens} and
 * {@code tokenizer.ggml.merges}. If a merge yields a string that is already a token (two merge paths can build the
 * same string), the merge is recorded but no duplicate token is added.
 */
public final class BpeTrainer {
    private final int vocabSize;
    private PreTokenizer pre = PreTokenizer.QWEN2;
    private long minFrequency = 1;

    /** The learned vocabulary. */
    public record Result(List<String> tokens, List<String> merges, PreTokenizer preTokenizer) {
        /** A vocabulary builder with these tokens (all NORMAL), merges and pre-tokenizer name. */
        public Vocabulary.Builder vocabularyBuilder() {
            return Vocabulary.builder(tokens).merges(merges).pre(preTokenizer.names().getFirst());
        }
    }

    /** A trainer for a vocabulary of {@code vocabSize} tokens (at least 256). */
    public BpeTrainer(int vocabSize) {
        if (vocabSize < 256) throw new IllegalArgumentException("vocabulary size " + vocabSize + " < 256 byte tokens");
        this.vocabSize = vocabSize;
    }

    public BpeTrainer preTokenizer(PreTokenizer pre) {
        this.pre = pre;
        return this;
    }

    /** Pairs seen fewer times than this are never merged (default 1). */
    public BpeTrainer minFrequency(long minFrequency) {
        this.minFrequency = Math.max(1, minFrequency);
        return this;
    }

    /** Trains a qwen2-pre-tokenized vocabulary of {@code vocabSize} tokens on {@code text}. */
    public static Result train(String text, int vocabSize) {
        return new BpeTrainer(vocabSize).train(List.of(text));
    }

    public Result train(String text) {
        return train(List.of(text));
    }

    public Result train(Iterable<String> texts) {
        // 1. distinct words and their counts
        HashMap<String, long[]> counts = new HashMap<>();
        for (String raw : texts) {
            String text = pre.normalizesNfc() ? Normalizer.normalize(raw, Normalizer.Form.NFC) : raw;
            pre.split(text, 0, text.length(), (s, e) -> counts.computeIfAbsent(text.substring(s, e), k -> new long[1])[0]++);
        }
        String[] words = counts.keySet().toArray(String[]::new);
        Arrays.sort(words); // deterministic word order (HashMap order is too, but do not rely on it)

        // 2. byte tokens in GPT-2 order
        List<String> tokens = new ArrayList<>(vocabSize);
        Map<String, Integer> tokenIds = new HashMap<>();
        int[] byteId = new int[256];
        for (int i = 0; i < 256; i++) {
            int b = ByteUnicode.GPT2_ORDER[i];
            byteId[b] = i;
            tokens.add(ByteUnicode.byteString(b));
            tokenIds.put(ByteUnicode.byteString(b), i);
        }
        List<String> merges = new ArrayList<>();

        int nw = words.length;
        int[][] sym = new int[nw][];
        int[] len = new int[nw];
        long[] freq = new long[nw];
        for (int w = 0; w < nw; w++) {
            byte[] bytes = words[w].getBytes(StandardCharsets.UTF_8);
            sym[w] = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) sym[w][i] = byteId[bytes[i] & 0xFF];
            len[w] = bytes.length;
            freq[w] = counts.get(words[w])[0];
        }

        // 3. pair statistics
        Pairs pairs = new Pairs();
        for (int w = 0; w < nw; w++) {
            int[] s = sym[w];
            for (int i = 0; i + 1 < len[w]; i++) {
                int p = pairs.index(s[i], s[i + 1]);
                pairs.count[p] += freq[w];
                pairs.addWhere(p, w);
            }
        }
        Heap heap = new Heap(pairs);
        for (int p = 0; p < pairs.size; p++) if (pairs.count[p] > 0) heap.push(pairs.count[p], p);

        // 4. merge
        int[] stamp = new int[nw];
        Arrays.fill(stamp, -1);
        int[] changed = new int[16];
        int iter = 0;
        while (tokens.size() < vocabSize && heap.size > 0) {
            long c = heap.topCount();
            int p = heap.pop();
            long actual = pairs.count[p];
            if (c != actual) {
                if (actual > 0) heap.push(actual, p);
                continue;
            }
            if (actual < minFrequency) break;
            int a = pairs.left(p), b = pairs.right(p);
            String merged = tokens.get(a) + tokens.get(b);
            Integer existing = tokenIds.get(merged);
            int t;
            if (existing != null) {
                t = existing;
            } else {
                t = tokens.size();
                tokens.add(merged);
                tokenIds.put(merged, t);
            }
            merges.add(tokens.get(a) + " " + tokens.get(b));

            int nChanged = 0;
            PreTokenizer.IntList where = pairs.where[p];
            pairs.where[p] = null;
            for (int k = 0; k < where.size(); k++) {
                int w = where.get(k);
                if (stamp[w] == iter) continue;
                stamp[w] = iter;
                int[] s = sym[w];
                int n = len[w];
                boolean has = false;
                for (int i = 0; i + 1 < n; i++) {
                    if (s[i] == a && s[i + 1] == b) {
                        has = true;
                        break;
                    }
                }
                if (!has) continue;
                long f = freq[w];
                for (int i = 0; i + 1 < n; i++) pairs.count[pairs.index(s[i], s[i + 1])] -= f;
                int j = 0;
                for (int i = 0; i < n; ) {
                    if (i + 1 < n && s[i] == a && s[i + 1] == b) {
                        s[j++] = t;
                        i += 2;
                    } else {
                        s[j++] = s[i++];
                    }
                }
                len[w] = j;
                for (int i = 0; i + 1 < j; i++) {
                    int q = pairs.index(s[i], s[i + 1]);
                    pairs.count[q] += f;
                    if (s[i] == t || s[i + 1] == t) {
                        pairs.addWhere(q, w);
                        if (nChanged == changed.length) changed = Arrays.copyOf(changed, nChanged * 2);
                        changed[nChanged++] = q;
                    }
                }
            }
            // pairs with the new token only grew: (re)queue them with their current counts
            Arrays.sort(changed, 0, nChanged);
            for (int k = 0; k < nChanged; k++) {
                int q = changed[k];
                if (k > 0 && changed[k - 1] == q) continue;
                if (pairs.count[q] > 0) heap.push(pairs.count[q], q);
            }
            iter++;
        }
        return new Result(List.copyOf(tokens), List.copyOf(merges), pre);
    }

    /** Pair index: (left, right) to a dense index with count and the words that (may) contain it. */
    private static final class Pairs {
        private long[] keys = new long[1 << 12];
        private int[] slots = new int[1 << 12]; // hash slot -> pair index + 1
        private int mask = (1 << 12) - 1;
        long[] pairKey = new long[1 << 10];
        long[] count = new long[1 << 10];
        PreTokenizer.IntList[] where = new PreTokenizer.IntList[1 << 10];
        int size;

        private static int hash(long k) {
            k ^= k >>> 33;
            k *= 0xff51afd7ed558ccdL;
            k ^= k >>> 33;
            return (int) k;
        }

        int index(int l, int r) {
            long k = ((long) l << 32) | (r & 0xFFFFFFFFL);
            int i = hash(k) & mask;
            while (slots[i] != 0) {
                if (keys[i] == k) return slots[i] - 1;
                i = (i + 1) & mask;
            }
            int p = size++;
            if (p == pairKey.length) {
                int cap = p * 2;
                pairKey = Arrays.copyOf(pairKey, cap);
                count = Arrays.copyOf(count, cap);
                where = Arrays.copyOf(where, cap);
            }
            pairKey[p] = k;
            keys[i] = k;
            slots[i] = p + 1;
            if (size * 2 > slots.length) rehash();
            return p;
        }

        private void rehash() {
            int cap = slots.length * 2;
            long[] nk = new long[cap];
            int[] ns = new int[cap];
            int m = cap - 1;
            for (int p = 0; p < size; p++) {
                int i = hash(pairKey[p]) & m;
                while (ns[i] != 0) i = (i + 1) & m;
                nk[i] = pairKey[p];
                ns[i] = p + 1;
            }
            keys = nk;
            slots = ns;
            mask = m;
        }

        void addWhere(int p, int w) {
            PreTokenizer.IntList l = where[p];
            if (l == null) where[p] = l = new PreTokenizer.IntList(4);
            else if (l.size() > 0 && l.last() == w) return;
            l.add(w);
        }

        int left(int p) {
            return (int) (pairKey[p] >>> 32);
        }

        int right(int p) {
            return (int) pairKey[p];
        }
    }

    /** Max-heap of (count, pair): higher count first, then lower (left, right). Entries may be stale. */
    private static final class Heap {
        private final Pairs pairs;
        private long[] counts = new long[1 << 10];
        private int[] items = new int[1 << 10];
        int size;

        Heap(Pairs pairs) {
            this.pairs = pairs;
        }

        private boolean before(long c1, int p1, long c2, int p2) {
            if (c1 != c2) return c1 > c2;
            return pairs.pairKey[p1] < pairs.pairKey[p2]; // ids are non-negative: lexicographic (left, right)
        }

        void push(long c, int p) {
            if (size == counts.length) {
                counts = Arrays.copyOf(counts, size * 2);
                items = Arrays.copyOf(items, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!before(c, p, counts[parent], items[parent])) break;
                counts[i] = counts[parent];
                items[i] = items[parent];
                i = parent;
            }
            counts[i] = c;
            items[i] = p;
        }

        long topCount() {
            return counts[0];
        }

        int pop() {
            int top = items[0];
            long c = counts[--size];
            int p = items[size];
            int i = 0;
            while (true) {
                int ch = 2 * i + 1;
                if (ch >= size) break;
                if (ch + 1 < size && before(counts[ch + 1], items[ch + 1], counts[ch], items[ch])) ch++;
                if (!before(counts[ch], items[ch], c, p)) break;
                counts[i] = counts[ch];
                items[i] = items[ch];
                i = ch;
            }
            if (size > 0) {
                counts[i] = c;
                items[i] = p;
            }
            return top;
        }
    }
}
