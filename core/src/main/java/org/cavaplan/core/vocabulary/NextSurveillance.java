package org.cavaplan.core.vocabulary;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.SurveillanceSchedule;

/**
 * The next surveillance imaging of a plan in words, and the studies that were due before the plan's
 * date and are not recorded, from the plan's {@link SurveillanceSchedule} section. It decides nothing;
 * the page, the PDF and the CDS cards print it beside the key decisions.
 *
 * @param next "Next imaging due 2021-02-28: CT chest, abdomen and pelvis (lower risk)."
 * @param overdue the overdue studies in words (dates), in the plan's order; empty when none is named
 */
public record NextSurveillance(String next, List<String> overdue) {

    public NextSurveillance {
        Objects.requireNonNull(next, "next");
        overdue = List.copyOf(overdue);
    }

    /** The plan's next surveillance imaging; empty when the plan has no surveillance schedule. */
    public static Optional<NextSurveillance> of(Plan plan) {
        return plan.sections().surveillance().map(NextSurveillance::of);
    }

    private static NextSurveillance of(SurveillanceSchedule schedule) {
        StringBuilder text = new StringBuilder();
        text.append(schedule.nextDue().map(d -> "Next imaging due " + d).orElse("No date in the schedule yet"));
        text.append(": ").append(schedule.modality());
        text.append(" (").append(schedule.higherRisk() ? "higher" : "lower").append(" risk");
        if (!schedule.riskReasons().isEmpty()) {
            text.append(": ").append(PlanWords.value(schedule.riskReasons()));
        }
        text.append(')');
        text.append('.');
        List<String> overdue = new ArrayList<>(schedule.overdue().size());
        for (LocalDate d : schedule.overdue()) {
            overdue.add(d.toString());
        }
        return new NextSurveillance(text.toString(), overdue);
    }

    /** The overdue studies as one sentence: "Due before 2021-03-01 and not recorded: 2020-08-31, 2021-02-28."; empty when none. */
    public Optional<String> overdueSentence(Plan plan) {
        return overdue.isEmpty() ? Optional.empty()
                : Optional.of("Due before " + plan.asOf() + " and not recorded: " + String.join(", ", overdue) + ".");
    }
}
