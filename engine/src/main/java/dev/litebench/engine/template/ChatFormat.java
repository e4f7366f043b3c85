package dev.litebench.engine.template;

import dev.litebench.engine.BadInputException;
import dev.litebench.engine.tokenizer.Tokenizer;
import dev.litebench.engine.tokenizer.Vocabulary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's chat template bound to its special tokens: renders a conversation into the prompt text the model was
 * trained on, with the variables transformers' {@code apply_chat_template} passes (messages, tools, documents,
 * add_generation_prompt, bos_token, eos_token) plus extra ones such as {@code enable_thinking}.
 */
public final class ChatFormat {
    private final ChatTemplate template;
    private final String bosToken;
    private final String eosToken;

    public ChatFormat(ChatTemplate template, String bosToken, String eosToken) {
        this.template = template;
        this.bosToken = bosToken;
        this.eosToken = eosToken;
    }

    /** The format of a model: its template source (may be null) and the texts of its BOS and EOS tokens. */
    public static ChatFormat forModel(String templateSource, Tokenizer tokenizer) {
        if (templateSource == null || templateSource.isBlank()) {
            throw new BadInputException("the model has no chat template (tokenizer.chat_template); give a raw prompt instead");
        }
        Vocabulary v = tokenizer.vocabulary();
        return new ChatFormat(ChatTemplate.parse(templateSource), tokenText(v, v.bos()), tokenText(v, v.eos()));
    }

    private static String tokenText(Vocabulary v, int id) {
        return id == Vocabulary.NONE ? null : v.token(id);
    }

    /**
     * Renders {@code messages} (maps with role, content and optional reasoning_content / tool_calls).
     * {@code extra} holds template kwargs such as enable_thinking; they override the defaults.
     */
    public String render(List<?> messages, List<?> tools, boolean addGenerationPrompt, Map<String, Object> extra) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("messages", messages);
        vars.put("tools", tools);
        vars.put("documents", null);
        vars.put("add_generation_prompt", addGenerationPrompt);
        if (bosToken != null) vars.put("bos_token", bosToken);
        if (eosToken != null) vars.put("eos_token", eosToken);
        vars.putAll(extra);
        return template.render(vars);
    }
}
