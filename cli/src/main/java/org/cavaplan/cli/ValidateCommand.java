package org.cavaplan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", description = "Checks a case: prints 'valid', or one line per error (POINTER: message) on stderr with exit code 2.")
final class ValidateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A case in JSON ('-' reads standard input).")
    String file;

    @Override
    public Integer call() {
        try {
            PlanCommand.readCase(file);
            spec.commandLine().getOut().println("valid");
            spec.commandLine().getOut().flush();
            return Exit.OK;
        } catch (Inputs.BadInput bad) {
            Inputs.print(spec.commandLine().getErr(), bad);
            return Exit.BAD_INPUT;
        }
    }
}
