package dev.litebench.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;

/** A small Qwen-like vocabulary built in the test: BPE trained on synthetic text plus Qwen-style added tokens. */
final class TinyVocab {
    private TinyVocab() {}

    static final String[] CONTROL = {"<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|fim_prefix|>", "<|fim_middle|>",
            "<|fim_suffix|>", "<|fim_pad|>"};
    static final String[] USER_DEFINED = {"<tool_call>", "</tool_call>", "<think>", "</think>"};

    private static Vocabulary cached;

    static synchronized Vocabulary qwenLike() {
        if (cached == null) cached = build(BpeTrainer.train(MixedText.generate(40_000, 7), 700));
        return cached;
    }

    static Vocabulary build(BpeTrainer.Result trained) {
        List<String> tokens = new ArrayList<>(trained.tokens());
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) types.add(Vocabulary.TYPE_NORMAL);
        for (String s : CONTROL) {
            tokens.add(s);
            types.add(Vocabulary.TYPE_CONTROL);
        }
        for (String s : USER_DEFINED) {
            tokens.add(s);
            types.add(Vocabulary.TYPE_USER_DEFINED);
        }
        tokens.add("[PAD0]");
        types.add(Vocabulary.TYPE_UNUSED);
        int base = trained.tokens().size();
        return Vocabulary.builder(tokens)
                .types(types.stream().mapToInt(Integer::intValue).toArray())
                .merges(trained.merges())
                .pre("qwen2")
                .special(Vocabulary.Special.BOS, base)
                .special(Vocabulary.Special.EOS, base + 2)
                .special(Vocabulary.Special.PAD, base)
                .addBos(false)
                .build();
    }
}
