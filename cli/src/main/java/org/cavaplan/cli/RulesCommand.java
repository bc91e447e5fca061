package org.cavaplan.cli;

import java.util.concurrent.Callable;
import org.cavaplan.io.KnowledgeText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rules", description = "The knowledge base: every recommendation with its condition, sources and thresholds (assumptions marked).")
final class RulesCommand implements Callable<Integer> {

    enum Format { json, text, markdown }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", description = "text (default), json, or markdown (one card per rule for clinical review).")
    Format format;

    @CommandLine.Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() {
        try {
            var kb = engineOptions.engine().knowledge();
            spec.commandLine().getOut().print(switch (format) {
                case json -> KnowledgeText.json(kb);
                case markdown -> KnowledgeText.markdown(kb);
                case text -> KnowledgeText.text(kb);
            });
            spec.commandLine().getOut().flush();
            return Exit.OK;
        } catch (Inputs.BadInput bad) {
            Inputs.print(spec.commandLine().getErr(), bad);
            return Exit.BAD_INPUT;
        }
    }
}
