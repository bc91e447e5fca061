package org.cavaplan.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.RedFlag;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.vocabulary.NextSurveillance;
import org.cavaplan.core.vocabulary.PlanWords;

/**
 * What page 1 opens with, read from the plan as the knowledge base selected and ordered it: every red
 * flag, then the key decisions with their status, then the next surveillance imaging and any overdue
 * study when the plan has a surveillance schedule. Nothing here chooses or re-orders a decision; it
 * only puts the plan's own lists into words.
 */
final class Decisions {

    /** A red flag: its name in words (empty for a code without words), its line as a reader reads it and the facts behind it as labels. */
    record Flag(String name, String text, List<String> because) {
        Flag {
            because = List.copyOf(because);
        }
    }

    /** A key decision: the phase it belongs to (empty when the plan does not hold the recommendation), its status and summary. */
    record Item(String phase, Status status, String summary) {}

    /** The whole box. */
    record Box(List<Flag> flags, List<Item> decisions, Optional<NextSurveillance> surveillance) {
        Box {
            flags = List.copyOf(flags);
            decisions = List.copyOf(decisions);
        }

        boolean isEmpty() {
            return flags.isEmpty() && decisions.isEmpty() && surveillance.isEmpty();
        }
    }

    static final String SURVEILLANCE_IMAGING = org.cavaplan.core.plan.SurveillanceSchedule.RECOMMENDATION;

    private Decisions() {}

    static Box of(Plan plan) {
        List<Flag> flags = new ArrayList<>();
        for (RedFlag f : plan.redFlags()) {
            flags.add(new Flag(PlanWords.redFlag(f.code()), PlanWords.redFlagText(f), f.because().stream().map(plan::label).toList()));
        }
        List<Item> decisions = new ArrayList<>();
        for (KeyDecision k : plan.keyDecisions()) {
            String phase = plan.recommendation(k.id()).map(r -> r.phase().title()).orElse("");
            decisions.add(new Item(phase, k.status(), k.summary()));
        }
        return new Box(flags, decisions, NextSurveillance.of(plan));
    }
}
