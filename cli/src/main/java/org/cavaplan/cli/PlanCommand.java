package org.cavaplan.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.fhir.BundleReader;
import org.cavaplan.fhir.Fhir;
import org.cavaplan.fhir.PlanFhir;
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

    enum Format { json, text, fhir }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A case in JSON, or a FHIR R4 Bundle (docs/fhir-mapping.md).")
    String file;

    @Option(names = "--format", defaultValue = "json", description = "json (default), text, or fhir (a Bundle with the case, a RequestGroup and a CarePlan).")
    Format format;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "The date the plan is made for; default: today (a board meeting's date, or a past date to see the plan as it was).")
    String asOf;

    @Option(names = "--detail", description = "With --format text: each recommendation's explanation, parameters, evidence label "
            + "and later evidence too (the default text gives the decision, its condition, the facts and the sources).")
    boolean detail;

    @CommandLine.Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() {
        try {
            Case kase = readCase(file);
            LocalDate date = asOf == null ? LocalDate.now() : Inputs.date(asOf, "--as-of");
            Plan plan = engineOptions.engine().plan(kase, date);
            // plausibility warnings go to stderr and the plan is made; dates after today are the plan's own business (asOf)
            ValidateCommand.printWarnings(spec.commandLine().getErr(), engineOptions.plausibility().check(kase, LocalDate.now()));
            String output = switch (format) {
                case text -> PlanText.render(plan, detail);
                case fhir -> Fhir.json(PlanFhir.bundle(kase, plan)) + "\n";
                case json -> PlanJson.writePretty(plan) + "\n";
            };
            spec.commandLine().getOut().print(output);
            spec.commandLine().getOut().flush();
            return Exit.OK;
        } catch (Inputs.BadInput bad) {
            Inputs.print(spec.commandLine().getErr(), bad);
            return Exit.BAD_INPUT;
        }
    }

    static Case readCase(String file) throws Inputs.BadInput {
        String text = Inputs.text(file);
        ReadResult result = BundleReader.isFhir(text) ? BundleReader.create().read(text) : CaseReader.create().read(text);
        if (result instanceof ReadResult.Invalid invalid) {
            throw new Inputs.BadInput(invalid.errors());
        }
        return ((ReadResult.Valid) result).value();
    }
}
