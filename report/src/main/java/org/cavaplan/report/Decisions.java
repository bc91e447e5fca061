package org.cavaplan.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.Operation;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.Status;

/**
 * The key decisions of page 1, read from the plan: the intent, the neoadjuvant question (before the
 * operation), the IVC management, adjuvant therapy, the next surveillance date and, after a
 * recurrence, what to do about it.
 */
final class Decisions {

    /** One line of a decision: a status badge (absent for plain facts) and its text. */
    record Item(Optional<Status> status, String text) {
        static Item fact(String text) {
            return new Item(Optional.empty(), text);
        }
    }

    /** A decision: its heading and its lines. */
    record Decision(String label, List<Item> items) {
        Decision {
            items = List.copyOf(items);
        }
    }

    static final String SURVEILLANCE_IMAGING = "surveillance.imaging";

    private Decisions() {}

    static List<Decision> of(Case kase, Plan plan) {
        List<Decision> out = new ArrayList<>();
        out.add(intent(plan));
        List<Recommendation> neoadjuvant = phase(plan, Phase.NEOADJUVANT);
        if (!neoadjuvant.isEmpty()) {
            out.add(new Decision("Neoadjuvant therapy", choices(neoadjuvant)));
        }
        out.add(ivc(kase, plan));
        out.add(adjuvant(kase, plan));
        out.add(surveillance(plan));
        List<Recommendation> recurrence = phase(plan, Phase.RECURRENCE);
        if (!recurrence.isEmpty()) {
            out.add(new Decision("Recurrence", choices(recurrence)));
        }
        return List.copyOf(out);
    }

    private static Decision intent(Plan plan) {
        List<Item> items = new ArrayList<>();
        String why = switch (plan.intent()) {
            case CURATIVE -> "CURATIVE: staged without distant metastases before the operation.";
            case PALLIATIVE -> "PALLIATIVE: distant metastases before or at the operation.";
            case UNDETERMINED -> "UNDETERMINED: distant staging has not been recorded.";
        };
        items.add(Item.fact(why));
        plan.recommendations().stream().filter(r -> r.id().startsWith("intent."))
                .forEach(r -> items.add(new Item(Optional.of(r.status()), r.summary())));
        if (plan.intent() == Intent.UNDETERMINED && items.size() == 1) {
            items.add(Item.fact("Complete the staging to decide the intent."));
        }
        return new Decision("Intent", items);
    }

    private static Decision ivc(Case kase, Plan plan) {
        List<Item> items = new ArrayList<>(choices(phase(plan, Phase.IVC_MANAGEMENT)));
        if (items.isEmpty()) {
            items.add(Item.fact(plan.classification().ivcInvolvement().map(i -> "IVC involvement " + Words.of(i)
                    + ": no IVC management is needed.").orElse("No IVC decision in this plan.")));
        }
        kase.operation().flatMap(o -> done(o, plan)).ifPresent(items::add);
        return new Decision("IVC management", items);
    }

    private static Optional<Item> done(Operation o, Plan plan) {
        return o.ivcManagement().map(m -> {
            String verdict = plan.concordance().stream().filter(k -> k.id().startsWith("ivc."))
                    .map(Concordance::verdict).map(v -> ": " + Words.of(v)).findFirst().orElse("");
            return Item.fact("Done " + o.date() + ": " + Words.of(m) + o.conduit().map(c -> " (" + Words.of(c) + ")").orElse("")
                    + verdict + ".");
        });
    }

    private static Decision adjuvant(Case kase, Plan plan) {
        List<Item> items = new ArrayList<>(choices(phase(plan, Phase.ADJUVANT)));
        if (items.isEmpty()) {
            items.add(Item.fact(kase.pathology().isPresent() ? "No adjuvant decision in this plan."
                    : "Decided once the final pathology (margin, grade, size) is known."));
        }
        return new Decision("Adjuvant therapy", items);
    }

    private static Decision surveillance(Plan plan) {
        Optional<Recommendation> imaging = plan.recommendation(SURVEILLANCE_IMAGING);
        List<Item> items = new ArrayList<>();
        if (imaging.isPresent()) {
            Recommendation r = imaging.get();
            Object next = r.parameters().get("nextDue");
            Object modality = r.parameters().get("modality");
            Object risk = r.parameters().get("risk");
            StringBuilder text = new StringBuilder();
            text.append(next == null ? "No further date in the schedule" : "Next imaging due " + Words.value(next));
            if (modality != null) {
                text.append(": ").append(Words.value(modality));
            }
            if (risk != null) {
                text.append(" (").append(Words.value(risk)).append(" risk");
                Object reasons = r.parameters().get("riskReasons");
                if (reasons instanceof List<?> list && !list.isEmpty()) {
                    text.append(": ").append(list.stream().map(Words::value).collect(Collectors.joining(", ")));
                }
                text.append(')');
            }
            items.add(new Item(Optional.of(r.status()), text.append('.').toString()));
        } else {
            items.add(Item.fact("Starts after the operation; no surveillance date yet."));
        }
        phase(plan, Phase.SURVEILLANCE).stream().filter(r -> !r.id().equals(SURVEILLANCE_IMAGING))
                .filter(r -> r.status() != Status.NOT_RECOMMENDED)
                .forEach(r -> items.add(new Item(Optional.of(r.status()), r.summary())));
        return new Decision("Next surveillance", items);
    }

    /** The phase's recommendations by strength, the ones advised against folded into one line of ids. */
    private static List<Item> choices(List<Recommendation> recommendations) {
        List<Item> items = new ArrayList<>();
        recommendations.stream().filter(r -> r.status() != Status.NOT_RECOMMENDED)
                .sorted(Comparator.comparing(Recommendation::status))
                .forEach(r -> items.add(new Item(Optional.of(r.status()), r.summary())));
        List<String> against = recommendations.stream().filter(r -> r.status() == Status.NOT_RECOMMENDED)
                .map(Recommendation::id).toList();
        if (!against.isEmpty()) {
            items.add(new Item(Optional.of(Status.NOT_RECOMMENDED), String.join(", ", against)));
        }
        return items;
    }

    private static List<Recommendation> phase(Plan plan, Phase phase) {
        return plan.recommendations().stream().filter(r -> r.phase() == phase).toList();
    }
}
