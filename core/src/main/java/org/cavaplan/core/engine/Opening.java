package org.cavaplan.core.engine;

import java.util.List;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.RedFlag;

/** The opening of a plan: its key decisions and red flags, in the order a board reads them. */
public record Opening(List<KeyDecision> keyDecisions, List<RedFlag> redFlags) {
    public Opening {
        keyDecisions = List.copyOf(keyDecisions);
        redFlags = List.copyOf(redFlags);
    }
}
