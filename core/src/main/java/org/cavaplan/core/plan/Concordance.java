package org.cavaplan.core.plan;

import java.util.List;

/** Whether a decision recorded in the case agrees with what the rules choose from the same findings. */
public record Concordance(String id, Verdict verdict, String note, List<Fact> because) implements Finding {
    public Concordance {
        because = List.copyOf(because);
    }
}
