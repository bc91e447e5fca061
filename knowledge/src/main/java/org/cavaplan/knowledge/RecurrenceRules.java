package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.NOT_RECOMMENDED;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Stage;

/** Treatment of recurrence (Follow-up). */
final class RecurrenceRules {

    private RecurrenceRules() {}

    static List<KbRule> all() {
        return List.of(
                rule("recurrence.resection", Phase.RECURRENCE,
                        "CONSIDER when the disease-free interval, the extent of disease, ECOG and resectability all allow; "
                                + "NOT_RECOMMENDED as soon as one known criterion fails; else CONDITIONAL",
                        "small series", List.of(Sources.FOLLOW_UP, Sources.ASSUMPTION),
                        List.of(Thresholds.DFI_MONTHS, Thresholds.MAX_METASTASES, Thresholds.MAX_ECOG),
                        RecurrenceRules::resection),
                rule("recurrence.systemic-therapy-review", Phase.RECURRENCE,
                        "RECOMMENDED when resection of the recurrence is NOT_RECOMMENDED (assumption)", "expert opinion (assumption)",
                        List.of(Sources.ASSUMPTION), List.of(), RecurrenceRules::systemic));
    }

    /** The four criteria of resecting a recurrence, each YES (allows), NO (fails) or UNKNOWN. */
    record Criteria(Tri interval, Tri limited, Tri performance, Tri resectable, List<Fact> facts, List<String> failed,
            List<String[]> missing, FollowUp first, Optional<Long> months) {

        Tri overall() {
            if (interval.no() || limited.no() || performance.no() || resectable.no()) {
                return Tri.NO;
            }
            return interval.yes() && limited.yes() && performance.yes() && resectable.yes() ? Tri.YES : Tri.UNKNOWN;
        }
    }

    static Optional<Criteria> criteria(Facts f) {
        if (f.stage != Stage.FOLLOW_UP) {
            return Optional.empty();
        }
        Optional<FollowUp> first = f.firstRecurrence();
        if (first.isEmpty()) {
            return Optional.empty();
        }
        FollowUp v = first.get();
        List<Fact> facts = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String[]> missing = new ArrayList<>();
        v.localRecurrence().filter(b -> b).ifPresent(b -> facts.add(new Fact(v.pointer("localRecurrence"), true)));
        v.distantMetastases().filter(s -> !s.isEmpty())
                .ifPresent(s -> facts.add(new Fact(v.pointer("distantMetastases"), Facts.sorted(s))));

        Optional<Long> months = f.operation.map(op -> ChronoUnit.MONTHS.between(op.date(), v.date()));
        int minMonths = f.settings.whole(Thresholds.DFI_MONTHS);
        Tri interval = months.map(m -> Tri.of(m >= minMonths)).orElse(Tri.UNKNOWN);
        if (months.isPresent()) {
            facts.add(new Fact("/operation/date", f.operation.get().date().toString()));
            facts.add(new Fact(v.pointer("date"), v.date().toString()));
            if (interval.no()) {
                failed.add("disease-free interval " + months.get() + " months is below " + minMonths);
            }
        } else {
            missing.add(new String[] {"/operation/date", "the disease-free interval runs from the operation"});
        }

        // The latest recorded state of disease decides how limited it is.
        List<FollowUp> visits = f.followUpsByDate();
        Optional<FollowUp> distant = f.latestVisit(FollowUp::recordsDistantMetastases);
        Tri limited;
        if (distant.isEmpty()) {
            limited = Tri.YES;
        } else {
            FollowUp latest = distant.get();
            int max = f.settings.whole(Thresholds.MAX_METASTASES);
            if (latest.metastasisCount().isPresent()) {
                int n = latest.metastasisCount().get();
                facts.add(new Fact(latest.pointer("metastasisCount"), n));
                limited = Tri.of(n <= max);
                if (limited.no()) {
                    failed.add(n + " metastases exceed " + max);
                }
            } else {
                limited = Tri.UNKNOWN;
                missing.add(new String[] {latest.pointer("metastasisCount"), "the number of metastases decides whether disease is limited"});
            }
        }

        Optional<Fact> ecog = f.latestVisit(x -> x.ecog().isPresent())
                .map(x -> new Fact(x.pointer("ecog"), x.ecog().get()))
                .or(() -> f.kase.patient().ecog().map(e -> new Fact("/patient/ecog", e)));
        int maxEcog = f.settings.whole(Thresholds.MAX_ECOG);
        Tri performance = ecog.map(e -> Tri.of((Integer) e.value() <= maxEcog)).orElse(Tri.UNKNOWN);
        ecog.ifPresent(facts::add);
        if (performance.no()) {
            failed.add("ECOG " + ecog.get().value() + " is above " + maxEcog);
        } else if (performance.unknown()) {
            missing.add(new String[] {visits.get(visits.size() - 1).pointer("ecog"), "performance status decides whether resection is reasonable"});
        }

        // The contract asks only that resectability is "not false": an unrecorded judgement does not block.
        Optional<FollowUp> judged = f.latestVisit(x -> x.metastasesResectable().isPresent());
        Tri resectable = judged.map(x -> Tri.of(x.metastasesResectable().get())).orElse(Tri.YES);
        judged.ifPresent(x -> facts.add(new Fact(x.pointer("metastasesResectable"), x.metastasesResectable().get())));
        if (resectable.no()) {
            failed.add("the team judged the disease not resectable");
        }
        return Optional.of(new Criteria(interval, limited, performance, resectable, facts, failed, missing, v, months));
    }

    static List<Finding> resection(Facts f, Draft d) {
        Optional<Criteria> c = f.recurrence;
        if (c.isEmpty()) {
            return d.silent();
        }
        Criteria k = c.get();
        d.because(k.facts())
                .param("diseaseFreeMonths", k.months().map(m -> (Object) m).orElse("unknown"))
                .param("minDiseaseFreeMonths", f.settings.whole(Thresholds.DFI_MONTHS))
                .param("maxMetastases", f.settings.whole(Thresholds.MAX_METASTASES))
                .param("maxEcog", f.settings.whole(Thresholds.MAX_ECOG))
                .detail("Resecting an isolated recurrence or metastasis, with chemotherapy and/or radiotherapy, is worth weighing "
                        + "after a long disease-free interval, with limited disease and good performance status. The numbers "
                        + "(months, lesions, ECOG) are CavaPlan assumptions.");
        switch (k.overall()) {
            case YES:
                return d.status(CONSIDER)
                        .summary("Consider resecting the recurrence, with chemotherapy and/or radiotherapy: all criteria are met.")
                        .emit();
            case NO:
                return d.status(NOT_RECOMMENDED).param("failed", k.failed())
                        .summary("Resection of the recurrence is not advised: " + shortReason(k.failed()) + ".")
                        .emit();
            default:
                k.missing().forEach(m -> d.missing(m[0], m[1]));
                return d.conditional("the disease-free interval is at least " + f.settings.whole(Thresholds.DFI_MONTHS)
                                + " months, disease is limited and ECOG is at most " + f.settings.whole(Thresholds.MAX_ECOG))
                        .summary("Resection of the recurrence may be an option; criteria are not all recorded.")
                        .emit();
        }
    }

    private static String shortReason(List<String> failed) {
        String text = String.join("; ", failed);
        int room = 140 - "Resection of the recurrence is not advised: .".length();
        return text.length() <= room ? text : text.substring(0, room - 3) + "...";
    }

    static List<Finding> systemic(Facts f, Draft d) {
        Optional<Criteria> c = f.recurrence;
        if (c.isEmpty() || !c.get().overall().no()) {
            return d.silent();
        }
        return d.status(RECOMMENDED).because(c.get().facts())
                .summary("Refer to medical oncology for systemic therapy of the recurrence, which is not resectable.")
                .detail("When the recurrence cannot reasonably be resected, systemic therapy is the main option; the referral rule is "
                        + "CavaPlan's assumption.")
                .param("failed", c.get().failed())
                .emit();
    }
}
