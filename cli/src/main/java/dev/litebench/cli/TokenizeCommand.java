package dev.litebench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.litebench.engine.gguf.GGUFFile;
import dev.litebench.engine.tokenizer.Tokenizer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import java.util.concurrent.Callable;

@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = {"Print the token ids of a text under a model's tokenizer.",
                "Text is normalized to NFC first, as Hugging Face does for Qwen (llama.cpp does not). Without --special, control "
                        + "tokens such as <|im_start|> written in the text are plain text, while user-defined ones such as <think> still "
                        + "match as single tokens (llama.cpp's rule); with --special every added token matches."})
final class TokenizeCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL.gguf", description = "A GGUF file with a tokenizer (a vocabulary-only file works).")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Parameters(paramLabel = "TEXT", description = "The text to tokenize.")
        String text;
        @Option(names = "--file", paramLabel = "FILE", description = "Tokenize the contents of a UTF-8 file.")
        Path file;
    }

    @Option(names = "--special", description = "Parse special tokens written in the text (as Hugging Face's encode does by default).")
    boolean special;

    @Option(names = "--json", description = "Print a JSON array of ids (with --pieces: objects with id and piece).")
    boolean json;

    @Option(names = "--pieces", description = "Show each token's text next to its id.")
    boolean pieces;

    @Override
    public Integer call() throws Exception {
        String text = input.file != null ? Files.readString(input.file, StandardCharsets.UTF_8) : input.text;
        Tokenizer tokenizer;
        try (GGUFFile f = GGUFFile.open(model)) {
            tokenizer = Tokenizer.fromGguf(f.meta());
        }
        int[] ids = tokenizer.encode(text, special);
        if (json) {
            ArrayNode arr = Json.MAPPER.createArrayNode();
            for (int id : ids) {
                if (pieces) arr.addObject().put("id", id).put("piece", piece(tokenizer, id));
                else arr.add(id);
            }
            System.out.println(Json.COMPACT.writeValueAsString(arr));
        } else if (pieces) {
            for (int id : ids) System.out.printf("%8d  '%s'%n", id, piece(tokenizer, id).replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r"));
        } else {
            StringJoiner j = new StringJoiner(" ");
            for (int id : ids) j.add(Integer.toString(id));
            System.out.println(j);
        }
        return Main.EXIT_OK;
    }

    /** The token's text; a token that is not whole UTF-8 characters on its own shows its bytes as \\xHH escapes. */
    private static String piece(Tokenizer t, int id) {
        byte[] bytes = t.tokenBytes(id, true);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            StringBuilder b = new StringBuilder();
            for (byte x : bytes) b.append(String.format("\\x%02x", x & 0xff));
            return b.toString();
        }
    }
}
