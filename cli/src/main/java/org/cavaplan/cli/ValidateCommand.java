package org.cavaplan.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.cavaplan.core.model.Case;
import org.cavaplan.io.InputError;
import org.cavaplan.knowledge.Plausibility;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", description = {
    "Checks a case: prints 'valid', or one line per error (POINTER: message) on stderr with exit code 2.",
    "Also checks plausibility as of today, as the registry does on import: a date after today is an error; a warning "
        + "(a diameter that changes more than 2 times within 90 days, or above 30 cm) is printed on stderr "
        + "(POINTER: warning: message) and the case is still valid (exit 0)."})
final class ValidateCommand implements Callable<Integer> {

    private static final Plausibility PLAUSIBILITY = Plausibility.create();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A case in JSON ('-' reads standard input).")
    String file;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Case kase = PlanCommand.readCase(file);
            Plausibility.Findings found = PLAUSIBILITY.check(kase, LocalDate.now());
            if (!found.errors().isEmpty()) {
                throw new Inputs.BadInput(found.errors().stream().map(f -> new InputError(f.pointer(), f.message())).toList());
            }
            printWarnings(err, found);
            spec.commandLine().getOut().println("valid");
            spec.commandLine().getOut().flush();
            return Exit.OK;
        } catch (Inputs.BadInput bad) {
            Inputs.print(err, bad);
            return Exit.BAD_INPUT;
        }
    }

    /** Prints each plausibility warning as {@code POINTER: warning: message}. */
    static void printWarnings(PrintWriter err, Plausibility.Findings found) {
        for (Plausibility.Finding w : found.warnings()) {
            err.println(w.pointer() + ": warning: " + w.message());
        }
        err.flush();
    }
}
