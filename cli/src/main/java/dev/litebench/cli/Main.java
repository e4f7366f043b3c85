package dev.litebench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code litebench} command. Exit codes: 0 ok, 1 runtime failure, 2 bad input. */
@Command(name = "litebench",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Deploy and measure small language models: a pure-Java GGUF engine, an OpenAI-compatible server and a benchmark.",
        subcommands = {
                CommandLine.HelpCommand.class,
                BenchCommand.class,
                InspectCommand.class,
                GenerateCommand.class,
                ChatCommand.class,
                SynthCommand.class,
                TokenizeCommand.class,
                RenderCommand.class,
                EngineBenchCommand.class,
                ServeCommand.class,
        })
public final class Main implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new Errors.Handler());
        cli.setParameterExceptionHandler(new Errors.ParameterHandler());
        return cli;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"litebench " + (v == null ? "dev" : v),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")"};
        }
    }
}
