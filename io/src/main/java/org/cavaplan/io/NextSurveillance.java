package org.cavaplan.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;

/**
 * The next surveillance imaging of a plan in words, and the studies that were due before the plan's
 * date and are not recorded, as the plan's {@code surveillance.imaging} recommendation holds them
 * ({@code nextDue}, {@code modality}, {@code risk}, {@code riskReasons}, {@code overdue}). It reads
 * the parameters and decides nothing; the page, the PDF and the CDS cards print it beside the key
 * decisions.
 *
 * @param next "Next imaging due 2021-02-28: CT chest, abdomen and pelvis (lower risk)."
 * @param overdue the overdue studies in words (dates), in the plan's order; empty when none is named
 */
public record NextSurveillance(String next, List<String> overdue) {

    /** The id of the recommendation that holds the surveillance schedule. */
    public static final String RECOMMENDATION = "surveillance.imaging";

    public NextSurveillance {
        Objects.requireNonNull(next, "next");
        overdue = List.copyOf(overdue);
    }

    /** The plan's next surveillance imaging; empty when the plan has no surveillance schedule. */
    public static Optional<NextSurveillance> of(Plan plan) {
        return plan.recommendation(RECOMMENDATION).map(NextSurveillance::of);
    }

    private static NextSurveillance of(Recommendation r) {
        Object next = r.parameters().get("nextDue");
        Object modality = r.parameters().get("modality");
        Object risk = r.parameters().get("risk");
        StringBuilder text = new StringBuilder();
        text.append(next == null ? "No date in the schedule yet" : "Next imaging due " + PlanWords.value(next));
        if (modality != null) {
            text.append(": ").append(PlanWords.value(modality));
        }
        if (risk != null) {
            text.append(" (").append(PlanWords.value(risk)).append(" risk");
            if (r.parameters().get("riskReasons") instanceof List<?> reasons && !reasons.isEmpty()) {
                text.append(": ").append(PlanWords.value(reasons));
            }
            text.append(')');
        }
        text.append('.');
        List<String> overdue = new ArrayList<>();
        Object due = r.parameters().get("overdue");
        if (due instanceof List<?> list) {
            list.forEach(d -> overdue.add(PlanWords.value(d)));
        } else if (due != null) {
            overdue.add(PlanWords.value(due));
        }
        return new NextSurveillance(text.toString(), overdue);
    }

    /** The overdue studies as one sentence: "Due before 2021-03-01 and not recorded: 2020-08-31, 2021-02-28."; empty when none. */
    public Optional<String> overdueSentence(Plan plan) {
        return overdue.isEmpty() ? Optional.empty()
                : Optional.of("Due before " + plan.asOf() + " and not recorded: " + String.join(", ", overdue) + ".");
    }
}
