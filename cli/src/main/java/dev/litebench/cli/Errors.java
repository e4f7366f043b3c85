package dev.litebench.cli;

import dev.litebench.engine.BadInputException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** Turns exceptions into one-line messages and exit codes: 2 for bad input, 1 for runtime failures. */
final class Errors {
    private Errors() {}

    static final class Handler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
            Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
            if (t instanceof BadInputException || t instanceof NoSuchFileException
                    || t instanceof IllegalArgumentException) {
                cmd.getErr().println("litebench: " + message(t));
                return Main.EXIT_BAD_INPUT;
            }
            if (t instanceof IOException) {
                cmd.getErr().println("litebench: " + message(t));
                return Main.EXIT_FAILURE;
            }
            cmd.getErr().println("litebench: " + message(t));
            if (System.getenv("LITEBENCH_DEBUG") != null) t.printStackTrace(cmd.getErr());
            return Main.EXIT_FAILURE;
        }
    }

    static final class ParameterHandler implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("litebench: " + ex.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            return Main.EXIT_BAD_INPUT;
        }
    }

    static String message(Throwable t) {
        if (t instanceof NoSuchFileException n) return n.getFile() + ": no such file";
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
