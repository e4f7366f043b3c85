package dev.litebench.cli;

import dev.litebench.engine.BadInputException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/**
 * The model file of a command that takes it as its one positional parameter, also accepted as {@code -m} or
 * {@code --model}, as llama.cpp's tools and LiteBench's other engine commands take it.
 */
final class ModelFileArg {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL.gguf", description = "The model file (or -m MODEL.gguf).")
    Path positional;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL.gguf", description = "The model file, as a parameter or with -m.")
    Path option;

    /** The file named, once. */
    Path path() {
        if (positional != null && option != null && !positional.equals(option)) {
            throw new BadInputException("two model files given (" + positional + " and -m " + option + "): name one");
        }
        if (positional == null && option == null) throw new BadInputException("no model file given: name one, as MODEL.gguf or -m MODEL.gguf");
        return positional != null ? positional : option;
    }
}
