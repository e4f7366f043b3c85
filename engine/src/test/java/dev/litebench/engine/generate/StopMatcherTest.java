package dev.litebench.engine.generate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StopMatcherTest {

    /** Reference: the text before the first stop occurrence to complete (earliest end, then longest). */
    private static String expected(String text, List<String> stops) {
        for (int end = 1; end <= text.length(); end++) {
            int bestStart = -1;
            for (String s : stops) {
                int start = end - s.length();
                if (start >= 0 && text.startsWith(s, start) && (bestStart < 0 || start < bestStart)) bestStart = start;
            }
            if (bestStart >= 0) return text.substring(0, bestStart);
        }
        return text;
    }

    private static String stream(List<String> stops, List<String> pieces) {
        StopMatcher m = new StopMatcher(stops);
        StringBuilder out = new StringBuilder();
        for (String p : pieces) out.append(m.feed(p));
        out.append(m.finish());
        return out.toString();
    }

    private static void checkAllSplits(String text, List<String> stops) {
        String want = expected(text, stops);
        for (List<String> pieces : SplitTesting.allSplits(text)) {
            assertThat(stream(stops, pieces)).as("%s split as %s", stops, pieces).isEqualTo(want);
        }
    }

    @Test
    void emitsEverythingBeforeTheStopAndNothingAfter() {
        StopMatcher m = new StopMatcher(List.of("STOP"));
        assertThat(m.feed("Hello wor")).isEqualTo("Hello wor"); // nothing could start a stop: no delay
        assertThat(m.feed("ld ST")).isEqualTo("ld ");           // "ST" might be the start of STOP
        assertThat(m.stopped()).isFalse();
        assertThat(m.feed("OP and more")).isEmpty();
        assertThat(m.stopped()).isTrue();
        assertThat(m.matchedStop()).isEqualTo("STOP");
        assertThat(m.feed("later")).isEmpty();
        assertThat(m.finish()).isEmpty();
    }

    @Test
    void heldTextIsReleasedWhenItTurnsOutNotToBeAStop() {
        StopMatcher m = new StopMatcher(List.of("STOP"));
        assertThat(m.feed("a ST")).isEqualTo("a ");
        assertThat(m.feed("O")).isEmpty();
        assertThat(m.feed("RY")).isEqualTo("STORY");
        assertThat(m.feed("ST")).isEmpty();
        assertThat(m.finish()).isEqualTo("ST");
        assertThat(m.stopped()).isFalse();
    }

    @Test
    void stopAtTheVeryStart() {
        StopMatcher m = new StopMatcher(List.of("<|im_end|>"));
        assertThat(m.feed("<|im_end|>")).isEmpty();
        assertThat(m.stopped()).isTrue();
        checkAllSplits("<|im_end|>tail", List.of("<|im_end|>"));
    }

    @Test
    void noStopsPassesThrough() {
        StopMatcher m = new StopMatcher(List.of());
        assertThat(m.feed("abc")).isEqualTo("abc");
        assertThat(m.feed("")).isEmpty();
        assertThat(m.finish()).isEmpty();
        assertThat(m.stopped()).isFalse();
    }

    @Test
    void emptyStopStringIsRejected() {
        assertThatThrownBy(() -> new StopMatcher(List.of("a", ""))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stop strings must not be empty");
    }

    @Test
    void firstStopToCompleteWinsThenTheLongest() {
        assertThat(stream(List.of("abcde", "bcd"), List.of("abcde"))).isEqualTo("a");
        assertThat(stream(List.of("c", "bc"), List.of("xabc"))).isEqualTo("xa");
        StopMatcher m = new StopMatcher(List.of("ab", "abc"));
        assertThat(m.feed("xabc")).isEqualTo("x");
        assertThat(m.matchedStop()).isEqualTo("ab");
        StopMatcher n = new StopMatcher(List.of("c", "bc"));
        n.feed("xa");
        n.feed("bc");
        assertThat(n.matchedStop()).isEqualTo("bc");
    }

    @Test
    void overlappingPrefixesAndSelfOverlappingStops() {
        checkAllSplits("xaaabyy", List.of("aab"));
        checkAllSplits("abababcab", List.of("ababc"));
        checkAllSplits("abcd", List.of("abc", "bcd"));
        checkAllSplits("ab abx abc", List.of("abc", "abx", "b a"));
        checkAllSplits("one\n\nUser: hi", List.of("\n\nUser:", "\nUser", "User:"));
    }

    @Test
    void unicodeStops() {
        checkAllSplits("猫が好き😀です。終わり", List.of("😀で", "終わ"));
        checkAllSplits("I ❤️ tea 🍵🍵 ok", List.of("🍵🍵"));
        checkAllSplits("naïve café", List.of("é"));
        StopMatcher m = new StopMatcher(List.of("😀😀"));
        assertThat(m.feed("hi 😀")).isEqualTo("hi ");
        assertThat(m.feed("!")).isEqualTo("😀!");
        assertThat(m.feed("😀")).isEmpty();
        assertThat(m.feed("😀")).isEmpty();
        assertThat(m.matchedStop()).isEqualTo("😀😀");
    }

    @Test
    void randomTextsStopsAndSplitsAgreeWithTheReference() {
        Random r = new Random(2024);
        String[] alphabet = {"a", "b", "c", " ", "\n", "é", "😀", "猫"};
        for (int trial = 0; trial < 3000; trial++) {
            List<String> stops = new ArrayList<>();
            int nStops = 1 + r.nextInt(4);
            for (int i = 0; i < nStops; i++) stops.add(randomText(r, alphabet, 1 + r.nextInt(4)));
            String text = randomText(r, alphabet, r.nextInt(40));
            String want = expected(text, stops);
            for (int k = 0; k < 5; k++) {
                List<String> pieces = SplitTesting.randomSplit(text, r);
                assertThat(stream(stops, pieces)).as("%s split as %s", stops, pieces).isEqualTo(want);
            }
            if (text.codePointCount(0, text.length()) <= 10) checkAllSplits(text, stops);
        }
    }

    private static String randomText(Random r, String[] alphabet, int n) {
        // small effective alphabet per text so stops actually occur
        int k = 2 + r.nextInt(alphabet.length - 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(alphabet[r.nextInt(k)]);
        return sb.toString();
    }

    @Test
    void heldBackTextNeverExceedsLongestStopMinusOne() {
        StopMatcher m = new StopMatcher(List.of("abcdef", "xy"));
        StringBuilder fed = new StringBuilder(), out = new StringBuilder();
        Random r = new Random(9);
        for (int i = 0; i < 2000 && !m.stopped(); i++) {
            String p = String.valueOf("abcdefxyz".charAt(r.nextInt(9)));
            fed.append(p);
            out.append(m.feed(p));
            if (!m.stopped()) assertThat(fed.length() - out.length()).isLessThanOrEqualTo(5);
        }
    }
}
