package dev.litebench.engine.synth;

import dev.litebench.engine.gguf.MetadataValue;
import dev.litebench.engine.tokenizer.BpeTrainer;
import dev.litebench.engine.tokenizer.Vocabulary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LiteBench's own tokenizer for synthetic models, so that everything works with no download: a byte-level BPE
 * learned from a corpus shipped with LiteBench (English, Chinese and code), the 26 Qwen3 added tokens at their Qwen
 * ids (151643..151668), and a Qwen3-format chat template written for LiteBench. Every byte has a token, so any text
 * encodes. The remaining ids up to the requested size are made-up words (" bafeki"): a random-weight model picks
 * them most of the time, and unlike unused padding tokens they decode to visible text, so streamed output has the
 * shape of real output (one word-like piece per token).
 */
public final class BuiltinVocabulary {
    /** The vocabulary size of every Qwen model since Qwen1.5. */
    public static final int QWEN_VOCAB_SIZE = 151936;
    static final int FIRST_ADDED_ID = 151643;
    private static final int LEARNED_TOKENS = 4096;
    /** Qwen3's added tokens in id order; USER_DEFINED ones match as text even without special parsing. */
    static final List<String> ADDED = List.of(
            "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|object_ref_end|>",
            "<|box_start|>", "<|box_end|>", "<|quad_start|>", "<|quad_end|>", "<|vision_start|>", "<|vision_end|>",
            "<|vision_pad|>", "<|image_pad|>", "<|video_pad|>", "<tool_call>", "</tool_call>", "<|fim_prefix|>",
            "<|fim_middle|>", "<|fim_suffix|>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>", "<tool_response>",
            "</tool_response>", "<think>", "</think>");

    private BuiltinVocabulary() {}

    /** The {@code tokenizer.*} metadata of a vocabulary of {@code vocabSize} tokens (at least 151669). */
    public static Map<String, MetadataValue> metadata(int vocabSize) {
        int minSize = FIRST_ADDED_ID + ADDED.size();
        if (vocabSize < minSize) throw new IllegalArgumentException("built-in vocabulary needs at least " + minSize + " tokens, got " + vocabSize);
        BpeTrainer.Result learned = new BpeTrainer(LEARNED_TOKENS).minFrequency(2).train(resource("vocab-corpus.txt"));
        List<String> tokens = new ArrayList<>(vocabSize);
        int[] types = new int[vocabSize];
        for (String t : learned.tokens()) {
            types[tokens.size()] = Vocabulary.TYPE_NORMAL;
            tokens.add(t);
        }
        Set<String> taken = new HashSet<>(tokens);
        taken.addAll(ADDED);
        while (tokens.size() < vocabSize) {
            int id = tokens.size();
            int added = id - FIRST_ADDED_ID;
            if (added >= 0 && added < ADDED.size()) {
                String text = ADDED.get(added);
                types[id] = text.startsWith("<|") ? Vocabulary.TYPE_CONTROL : Vocabulary.TYPE_USER_DEFINED;
                tokens.add(text);
            } else {
                types[id] = Vocabulary.TYPE_NORMAL;
                String word = madeUpWord(id);
                while (!taken.add(word)) word += "a";
                tokens.add(word);
            }
        }
        Map<String, MetadataValue> m = new LinkedHashMap<>();
        m.put("tokenizer.ggml.model", MetadataValue.string("gpt2"));
        m.put("tokenizer.ggml.pre", MetadataValue.string("qwen2"));
        m.put("tokenizer.ggml.tokens", MetadataValue.strings(tokens));
        m.put("tokenizer.ggml.token_type", MetadataValue.int32s(types));
        m.put("tokenizer.ggml.merges", MetadataValue.strings(learned.merges()));
        m.put("tokenizer.ggml.bos_token_id", MetadataValue.uint32(FIRST_ADDED_ID));
        m.put("tokenizer.ggml.eos_token_id", MetadataValue.uint32(FIRST_ADDED_ID + ADDED.indexOf("<|im_end|>")));
        m.put("tokenizer.ggml.padding_token_id", MetadataValue.uint32(FIRST_ADDED_ID));
        m.put("tokenizer.ggml.add_bos_token", MetadataValue.bool(false));
        m.put("tokenizer.chat_template", MetadataValue.string(resource("qwen3-chat-template.jinja")));
        return m;
    }

    /** "Ġ" (a leading space in byte-to-unicode form) and the id's base-100 digits as consonant-vowel syllables. */
    static String madeUpWord(int id) {
        StringBuilder b = new StringBuilder();
        for (int n = id; n > 0; n /= 100) b.insert(0, new char[] {CONSONANTS.charAt(n % 100 / 5), VOWELS.charAt(n % 5)});
        return "\u0120" + b;
    }

    private static final String CONSONANTS = "bcdfghjklmnprstvwxyz";
    private static final String VOWELS = "aeiou";

    static String resource(String name) {
        try (InputStream in = BuiltinVocabulary.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource " + name + " is missing from the LiteBench jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
