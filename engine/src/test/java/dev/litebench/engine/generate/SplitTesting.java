package dev.litebench.engine.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Ways of cutting a text into pieces, at code point boundaries (as a detokenizer hands them out). */
final class SplitTesting {
    private SplitTesting() {
    }

    static int[] boundaries(String text) {
        return text.codePoints().map(cp -> Character.charCount(cp)).toArray();
    }

    /** Every split of the text (2^(codepoints-1) of them); only for short texts. */
    static List<List<String>> allSplits(String text) {
        int[] lens = boundaries(text);
        int cuts = Math.max(0, lens.length - 1);
        if (cuts > 16) throw new IllegalArgumentException("too long for all splits: " + text.length());
        List<List<String>> out = new ArrayList<>();
        for (int mask = 0; mask < (1 << cuts); mask++) {
            List<String> pieces = new ArrayList<>();
            int start = 0, pos = 0;
            for (int i = 0; i < lens.length; i++) {
                pos += lens[i];
                if (i == lens.length - 1 || (mask & (1 << i)) != 0) {
                    pieces.add(text.substring(start, pos));
                    start = pos;
                }
            }
            if (pieces.isEmpty()) pieces.add(text);
            out.add(pieces);
        }
        return out;
    }

    /** All splits into at most three pieces (incl. empty pieces at the ends) plus one char-by-char split. */
    static List<List<String>> smallSplits(String text) {
        int[] lens = boundaries(text);
        int[] offs = new int[lens.length + 1];
        for (int i = 0; i < lens.length; i++) offs[i + 1] = offs[i] + lens[i];
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < offs.length; i++) {
            for (int j = i; j < offs.length; j++) {
                out.add(List.of(text.substring(0, offs[i]), text.substring(offs[i], offs[j]), text.substring(offs[j])));
            }
        }
        List<String> single = new ArrayList<>();
        for (int i = 0; i < lens.length; i++) single.add(text.substring(offs[i], offs[i + 1]));
        out.add(single);
        return out;
    }

    static List<String> randomSplit(String text, Random r) {
        int[] lens = boundaries(text);
        List<String> pieces = new ArrayList<>();
        int start = 0, pos = 0;
        for (int len : lens) {
            pos += len;
            if (r.nextInt(3) == 0) {
                pieces.add(text.substring(start, pos));
                start = pos;
                if (r.nextInt(8) == 0) pieces.add(""); // empty pieces happen (e.g. incomplete UTF-8)
            }
        }
        pieces.add(text.substring(start));
        return pieces;
    }
}
