package dev.litebench.engine.tokenizer;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class BpeTrainerTest {
    private static final String CORPUS = MixedText.generate(200_000, 21);

    @Test
    void isDeterministic() {
        BpeTrainer.Result a = BpeTrainer.train(CORPUS, 1500);
        BpeTrainer.Result b = BpeTrainer.train(CORPUS, 1500);
        assertThat(a.tokens()).isEqualTo(b.tokens());
        assertThat(a.merges()).isEqualTo(b.merges());
    }

    @Test
    void byteTokensComeFirstInGpt2OrderThenLearnedTokens() {
        BpeTrainer.Result r = BpeTrainer.train(CORPUS, 1500);
        assertThat(r.tokens()).hasSize(1500).doesNotHaveDuplicates();
        assertThat(r.tokens().get(0)).isEqualTo("!");   // byte 0x21, as token 0 of GPT-2 and Qwen
        assertThat(r.tokens().get(93)).isEqualTo("~");
        assertThat(r.tokens().get(188)).isEqualTo("\u0100"); // byte 0x00
        assertThat(r.tokens().get(220)).isEqualTo("\u0120"); // byte 0x20 (space), "Ġ" - id 220 as in Qwen
        assertThat(r.merges()).hasSizeGreaterThanOrEqualTo(1500 - 256);
        // every merge joins two known tokens into a known token
        HashSet<String> known = new HashSet<>(r.tokens());
        for (String m : r.merges()) {
            String[] parts = m.split(" ");
            assertThat(parts).hasSize(2);
            assertThat(known).contains(parts[0], parts[1], parts[0] + parts[1]);
        }
        // the first merges are the most frequent pairs of this corpus: spaces before words, Chinese byte pairs
        assertThat(r.merges().getFirst()).isNotBlank();
    }

    @Test
    void trainedVocabularyRoundTripsAndCompresses() {
        BpeTrainer.Result r = BpeTrainer.train(CORPUS, 2000);
        Tokenizer tok = new Tokenizer(r.vocabularyBuilder().special(Vocabulary.Special.EOS, 0).build());
        int[] ids = tok.encode(CORPUS, false);
        assertThat(tok.decode(ids)).isEqualTo(Normalizer.normalize(CORPUS, Normalizer.Form.NFC));
        int bytes = CORPUS.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertThat(ids.length).isLessThan(bytes / 3);
        // and text it never saw, in any script
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 500; i++) {
            String text = TokenizerTest.randomUnicode(rnd, 40);
            assertThat(tok.decode(tok.encode(text, false))).isEqualTo(Normalizer.normalize(text, Normalizer.Form.NFC));
        }
    }

    @Test
    void learnedMergesAreReplayedByTheTokenizer() {
        // each learned token is what the tokenizer produces for the text it stands for (it is reachable by merges)
        BpeTrainer.Result r = BpeTrainer.train("low lower lowest newer newest wider widest " .repeat(50), 300);
        Tokenizer tok = new Tokenizer(r.vocabularyBuilder().build());
        assertThat(tok.encode(" lowest", false)).containsExactly(r.tokens().indexOf("\u0120lowest"));
        assertThat(tok.encode(" newer", false)).containsExactly(r.tokens().indexOf("\u0120newer"));
    }

    @Test
    void stopsWhenNoPairIsLeftOrFrequentEnough() {
        BpeTrainer.Result tiny = BpeTrainer.train("abab", 1000);
        assertThat(tiny.tokens()).hasSize(256 + 2); // "ab", then "abab"
        assertThat(tiny.merges()).containsExactly("a b", "ab ab");
        BpeTrainer.Result none = new BpeTrainer(1000).minFrequency(3).train("abab");
        assertThat(none.tokens()).hasSize(256);
        assertThat(BpeTrainer.train("", 300).tokens()).hasSize(256);
        assertThatThrownBy(() -> new BpeTrainer(255)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherPreTokenizersAndSeveralTexts() {
        BpeTrainer.Result r = new BpeTrainer(400).preTokenizer(PreTokenizer.LLAMA3).train(List.of("hello world", "hello there"));
        assertThat(r.preTokenizer()).isSameAs(PreTokenizer.LLAMA3);
        assertThat(r.tokens()).contains("hello", "\u0120world", "\u0120there");
    }

    @Test
    void eightThousandMergesOnOneMegabyteTakeSeconds() {
        String text = MixedText.generate(1 << 20, 42);
        BpeTrainer.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            long t0 = System.nanoTime();
            BpeTrainer.Result res = BpeTrainer.train(text, 256 + 8192);
            System.out.printf("BpeTrainer: 8192 merges on 1 MiB in %.2f s%n", (System.nanoTime() - t0) / 1e9);
            return res;
        });
        assertThat(r.tokens()).hasSize(256 + 8192);
    }
}
