package dev.litebench.bench.loopback;

import java.util.ArrayList;
import java.util.List;

/** The loopback server's tokenizer: one token per whitespace-separated word, the id a hash of the word. */
final class WordTokenizer {
    private WordTokenizer() {}

    static List<Integer> encode(String text) {
        List<Integer> ids = new ArrayList<>();
        for (String w : text.strip().split("\\s+")) {
            if (!w.isEmpty()) ids.add(w.hashCode() & 0x7fffffff);
        }
        return ids;
    }
}
