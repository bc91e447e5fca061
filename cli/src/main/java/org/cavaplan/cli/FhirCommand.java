package org.cavaplan.cli;

import java.util.concurrent.Callable;
import org.cavaplan.core.model.Case;
import org.cavaplan.fhir.CaseBundle;
import org.cavaplan.fhir.Fhir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "fhir", description = "FHIR R4: the case as a Bundle (docs/fhir-mapping.md).",
        subcommands = {FhirCommand.BundleCommand.class, FhirCommand.CodeSystemCommand.class})
final class FhirCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: bundle or codesystem");
    }

    @Command(name = "bundle", description = "The case as a FHIR R4 Bundle in JSON (FILE '-' reads standard input).")
    static final class BundleCommand implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "A case in JSON (or a Bundle, which is checked and written anew).")
        String file;

        @Override
        public Integer call() {
            try {
                Case kase = PlanCommand.readCase(file);
                spec.commandLine().getOut().print(CaseBundle.json(kase) + "\n");
                spec.commandLine().getOut().flush();
                return Exit.OK;
            } catch (Inputs.BadInput bad) {
                Inputs.print(spec.commandLine().getErr(), bad);
                return Exit.BAD_INPUT;
            }
        }
    }

    @Command(name = "codesystem", description = "The CavaPlan CodeSystem (FHIR R4 JSON) that the mapping's codes belong to.")
    static final class CodeSystemCommand implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(Fhir.codeSystemJson());
            spec.commandLine().getOut().flush();
            return Exit.OK;
        }
    }
}
