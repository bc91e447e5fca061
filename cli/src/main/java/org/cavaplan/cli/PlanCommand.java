package org.cavaplan.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.PlanJson;
import org.cavaplan.io.PlanText;
import org.cavaplan.io.ReadResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plan", description = "The care plan for one case (FILE '-' reads standard input).")
final class PlanCommand implements Callable<Integer> {

    enum Format { json, text }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A case in JSON.")
    String file;

    @Option(names = "--format", defaultValue = "json", description = "json (default) or text.")
    Format format;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "The date the plan is made for; default: the latest date in the case.")
    String asOf;

    @CommandLine.Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() {
        try {
            Case kase = readCase(file);
            LocalDate date = asOf == null ? kase.latestDate() : Inputs.date(asOf, "--as-of");
            Plan plan = engineOptions.engine().plan(kase, date);
            spec.commandLine().getOut().print(format == Format.text ? PlanText.render(plan) : PlanJson.writePretty(plan) + "\n");
            spec.commandLine().getOut().flush();
            return Exit.OK;
        } catch (Inputs.BadInput bad) {
            Inputs.print(spec.commandLine().getErr(), bad);
            return Exit.BAD_INPUT;
        }
    }

    static Case readCase(String file) throws Inputs.BadInput {
        ReadResult result = CaseReader.create().read(Inputs.text(file));
        if (result instanceof ReadResult.Invalid invalid) {
            throw new Inputs.BadInput(invalid.errors());
        }
        return ((ReadResult.Valid) result).value();
    }
}
