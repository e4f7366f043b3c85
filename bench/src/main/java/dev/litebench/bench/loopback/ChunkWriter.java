package dev.litebench.bench.loopback;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the loopback server's SSE events, each in its own HTTP chunk, in the shapes of OpenAI's chat and
 * completions streams. Token j's text is {@code " t<j>"} (one word, so one token for the server's tokenizer).
 */
final class ChunkWriter {
    private final OutputStream out;
    private final boolean chat;
    private final String head;

    ChunkWriter(OutputStream out, boolean chat, String model) {
        this.out = out;
        this.chat = chat;
        this.head = "{\"id\":\"lb\",\"object\":\"" + (chat ? "chat.completion.chunk" : "text_completion")
                + "\",\"created\":0,\"model\":\"" + model.replace("\"", "") + "\",\"system_fingerprint\":\"loopback\",\"choices\":";
    }

    void empty() throws IOException {
        event(head + "[{\"index\":0," + (chat ? "\"delta\":{\"role\":\"assistant\",\"content\":\"\"}" : "\"text\":\"\"")
                + ",\"finish_reason\":null}]}");
    }

    /** Tokens [first, first+count); the first {@code reasoning} of them are reasoning. */
    void tokens(int first, int count, int reasoning, int runningTotal, int promptTokens) throws IOException {
        StringBuilder thought = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int j = first; j < first + count; j++) (j - first < reasoning ? thought : text).append(" t").append(j);
        String choice = chat
                ? "\"delta\":{" + (thought.isEmpty() ? "" : "\"reasoning_content\":\"" + thought + "\"")
                        + (thought.isEmpty() || text.isEmpty() ? "" : ",") + (text.isEmpty() ? "" : "\"content\":\"" + text + "\"") + "}"
                : "\"text\":\"" + text + "\"";
        String usage = runningTotal < 0 ? "" : ",\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":"
                + runningTotal + ",\"total_tokens\":" + (promptTokens + runningTotal) + "}";
        event(head + "[{\"index\":0," + choice + ",\"finish_reason\":null}]" + usage + "}");
    }

    void finish(String reason, String timings) throws IOException {
        event(head + "[{\"index\":0," + (chat ? "\"delta\":{}" : "\"text\":\"\"") + ",\"finish_reason\":\"" + reason + "\"}]"
                + (timings == null ? "" : ",\"timings\":" + timings) + "}");
    }

    void usage(int prompt, int completion, int cached, int reasoning) throws IOException {
        event(head + "[],\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion + ",\"total_tokens\":"
                + (prompt + completion) + (cached < 0 ? "" : ",\"prompt_tokens_details\":{\"cached_tokens\":" + cached + "}")
                + ",\"completion_tokens_details\":{\"reasoning_tokens\":" + reasoning + "}}}");
    }

    void done() throws IOException {
        event("[DONE]");
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    private void event(String data) throws IOException {
        byte[] b = ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(b);
        out.write('\r');
        out.write('\n');
    }
}
