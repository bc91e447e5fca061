package org.cavaplan.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cavaplan} command line. Exit codes: 0 success, 2 bad input or usage (messages on
 * stderr, nothing on stdout), 1 internal error.
 */
@Command(name = "cavaplan", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Decision support and outcomes registry for leiomyosarcoma of the inferior vena cava.",
        subcommands = {PlanCommand.class, ValidateCommand.class, PlanBatchCommand.class, RulesCommand.class,
            SynthCommand.class, SurvivalCommand.class, FhirCommand.class, ReportCommand.class, MinutesCommand.class, ImportCommand.class, ExportCommand.class,
            UserCommand.class, ServeCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command with the given streams and returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("cavaplan: internal error: " + e);
            commandLine.getErr().flush();
            return Exit.INTERNAL;
        });
        int code = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        return code;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"cavaplan 0.1.0, knowledge base " + org.cavaplan.knowledge.CavaPlanKnowledge.VERSION};
        }
    }
}
