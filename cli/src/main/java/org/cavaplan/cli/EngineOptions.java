package org.cavaplan.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.cavaplan.knowledge.Plausibility;
import org.cavaplan.knowledge.Settings;
import picocli.CommandLine.Option;

/** The options that configure the knowledge base's assumptions, shared by the planning commands. */
final class EngineOptions {

    @Option(names = "--assumption", paramLabel = "NAME=VALUE",
            description = "Change one of the knowledge base's assumptions (see `cavaplan rules`), e.g. radiobiology.alphaBetaGy=3.")
    Map<String, String> assumptions = new LinkedHashMap<>();

    Engine engine() throws Inputs.BadInput {
        return Engine.create(CavaPlanKnowledge.create(settings()));
    }

    /** The data-entry checks with the same assumptions. */
    Plausibility plausibility() throws Inputs.BadInput {
        return Plausibility.create(settings());
    }

    private Settings settings() throws Inputs.BadInput {
        Settings settings = Settings.defaults();
        for (Map.Entry<String, String> e : assumptions.entrySet()) {
            double value;
            try {
                value = Double.parseDouble(e.getValue());
            } catch (NumberFormatException ex) {
                throw new Inputs.BadInput("--assumption " + e.getKey() + ": \"" + e.getValue() + "\" is not a number");
            }
            try {
                settings = settings.with(e.getKey(), value);
            } catch (IllegalArgumentException ex) {
                throw new Inputs.BadInput("--assumption: " + ex.getMessage());
            }
        }
        return settings;
    }
}
