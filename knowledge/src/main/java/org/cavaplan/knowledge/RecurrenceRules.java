package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.NOT_RECOMMENDED;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.plan.DiseaseStatus;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Parameters;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.Stage;

/**
 * Treatment of a recurrence (S: Follow-up; TARPSWG recurrent retroperitoneal sarcoma consensus):
 * restaging first, then resection only for a patient who was free of disease and meets every
 * criterion. Both rows speak only while the disease status is RECURRENT (plan contract v2 §6.3); a
 * patient never free of disease goes to systemic therapy ({@link SystemicRules}).
 */
final class RecurrenceRules {

    private RecurrenceRules() {}

    static List<KbRule> all() {
        return List.of(
                rule("recurrence.restaging", Phase.RECURRENCE,
                        "RECOMMENDED when the disease has recurred after an operation that left no evidence of disease: CT of "
                                + "chest, abdomen and pelvis within {" + Thresholds.RECURRENCE_RESTAGING_WEEKS + "} of the "
                                + "recurrence, and review at the sarcoma team before deciding",
                        "consensus (TARPSWG)", List.of(Sources.TARPSWG_RECURRENT),
                        List.of(Thresholds.RECURRENCE_RESTAGING_WEEKS), RecurrenceRules::restaging),
                rule("recurrence.resection", Phase.RECURRENCE,
                        "only when the disease has recurred after an operation that left no evidence of disease: CONSIDER when "
                                + "the disease-free interval is at least {" + Thresholds.DFI_MONTHS + "}, disease is limited "
                                + "(a local recurrence only, or at most {" + Thresholds.MAX_METASTASES + "}), performance is "
                                + "at most {" + Thresholds.MAX_ECOG + "} and the team judges the recurrence resectable; "
                                + "NOT_RECOMMENDED as soon as one known criterion fails; CONDITIONAL when none fails but one is "
                                + "unknown, the team's judgement of resectability included (assumption)",
                        "small series", List.of(Sources.FOLLOW_UP, Sources.ASSUMPTION),
                        List.of(Thresholds.DFI_MONTHS, Thresholds.MAX_METASTASES, Thresholds.MAX_ECOG),
                        RecurrenceRules::resection).key());
    }

    /** One criterion of resecting a recurrence: what it asks, what the case records, and whether it is met. */
    record Criterion(String criterion, String value, Tri met) {

        /** The criterion as {@code parameters.criteria} lists it. */
        Map<String, Object> asParameter() {
            return Parameters.builder().put("criterion", criterion).put("value", value)
                    .put("verdict", met.yes() ? "met" : met.no() ? "not met" : "unknown").build();
        }
    }

    /**
     * The four criteria of resecting a recurrence, each YES (allows), NO (fails) or UNKNOWN, worked out
     * for any follow-up that records a recurrence; the rules read them only while the disease status is
     * RECURRENT. {@code conditions} say, for each unknown criterion, what would have to be recorded.
     */
    record Criteria(Tri interval, Tri limited, Tri performance, Tri resectable, List<Criterion> list, List<Fact> facts,
            List<String> failed, List<String> conditions, List<String[]> missing, FollowUp first, Optional<Long> months) {

        Criteria {
            list = List.copyOf(list);
            facts = List.copyOf(facts);
            failed = List.copyOf(failed);
            conditions = List.copyOf(conditions);
            missing = List.copyOf(missing);
        }

        /** NO as soon as one criterion fails; YES when all are met; else UNKNOWN. */
        Tri overall() {
            if (interval.no() || limited.no() || performance.no() || resectable.no()) {
                return Tri.NO;
            }
            return interval.yes() && limited.yes() && performance.yes() && resectable.yes() ? Tri.YES : Tri.UNKNOWN;
        }

        List<Map<String, Object>> parameters() {
            List<Map<String, Object>> out = new ArrayList<>(list.size());
            for (Criterion c : list) {
                out.add(c.asParameter());
            }
            return out;
        }
    }

    /**
     * The criteria for the first recurrence recorded at follow-up; empty without one. Built while the
     * facts are derived ({@link Facts#recurrence}), before the facts' latest ECOG is set, so the latest
     * ECOG is read here the same way: the latest follow-up that records one, else the presentation.
     */
    static Optional<Criteria> criteria(Facts f) {
        if (f.stage != Stage.FOLLOW_UP) {
            return Optional.empty();
        }
        Optional<FollowUp> first = f.firstRecurrence();
        if (first.isEmpty()) {
            return Optional.empty();
        }
        FollowUp v = first.get();
        List<Criterion> list = new ArrayList<>(4);
        List<Fact> facts = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        List<String[]> missing = new ArrayList<>();
        v.localRecurrence().filter(b -> b).ifPresent(b -> facts.add(new Fact(v.pointer("localRecurrence"), true)));
        v.distantMetastases().filter(s -> !s.isEmpty())
                .ifPresent(s -> facts.add(new Fact(v.pointer("distantMetastases"), Facts.sorted(s))));
        List<FollowUp> visits = f.followUpsByDate();
        FollowUp latestVisit = visits.get(visits.size() - 1);

        // Disease-free interval: from the operation to the first visit that records the recurrence.
        Optional<Long> months = f.operation.map(op -> ChronoUnit.MONTHS.between(op.date(), v.date()));
        int minMonths = f.settings.whole(Thresholds.DFI_MONTHS);
        Tri interval = months.map(m -> Tri.of(m >= minMonths)).orElse(Tri.UNKNOWN);
        list.add(new Criterion("disease-free interval of at least " + minMonths + " months",
                months.map(m -> m + " months").orElse("unknown: no operation date"), interval));
        if (months.isPresent()) {
            facts.add(new Fact("/operation/date", f.operation.get().date().toString()));
            facts.add(new Fact(v.pointer("date"), v.date().toString()));
            if (interval.no()) {
                failed.add("disease-free interval " + months.get() + " months is below " + minMonths);
            }
        } else {
            conditions.add("the operation date shows a disease-free interval of at least " + minMonths + " months");
            missing.add(new String[] {"/operation/date", "the disease-free interval runs from the operation"});
        }

        // Extent: the latest visit that records distant metastases decides how limited the disease is.
        int max = f.settings.whole(Thresholds.MAX_METASTASES);
        Optional<FollowUp> distant = f.latestVisit(FollowUp::recordsDistantMetastases);
        Tri limited;
        String extent;
        if (distant.isEmpty()) {
            limited = Tri.YES;
            extent = "local recurrence only";
        } else if (distant.get().metastasisCount().isPresent()) {
            FollowUp latest = distant.get();
            int n = latest.metastasisCount().get();
            facts.add(new Fact(latest.pointer("metastasisCount"), n));
            limited = Tri.of(n <= max);
            extent = n + (n == 1 ? " metastasis" : " metastases");
            if (limited.no()) {
                failed.add(n + " metastases exceed " + max);
            }
        } else {
            FollowUp latest = distant.get();
            limited = Tri.UNKNOWN;
            extent = "distant metastases, number not recorded";
            conditions.add("at most " + max + " metastases are counted");
            missing.add(new String[] {latest.pointer("metastasisCount"), "the number of metastases decides whether disease is limited"});
        }
        list.add(new Criterion("limited disease: a local recurrence only, or at most " + max + " metastases", extent, limited));

        // Performance status: the latest recorded ECOG.
        Optional<Fact> ecog = f.latestVisit(x -> x.ecog().isPresent())
                .map(x -> new Fact(x.pointer("ecog"), x.ecog().get()))
                .or(() -> f.kase.patient().ecog().map(e -> new Fact("/patient/ecog", e)));
        int maxEcog = f.settings.whole(Thresholds.MAX_ECOG);
        Tri performance = ecog.map(e -> Tri.of((Integer) e.value() <= maxEcog)).orElse(Tri.UNKNOWN);
        list.add(new Criterion("performance status ECOG " + maxEcog + " or better",
                ecog.map(e -> "ECOG " + e.value()).orElse("not recorded"), performance));
        ecog.ifPresent(facts::add);
        if (performance.no()) {
            failed.add("ECOG " + ecog.get().value() + " is above " + maxEcog);
        } else if (performance.unknown()) {
            conditions.add("ECOG is " + maxEcog + " or better");
            missing.add(new String[] {latestVisit.pointer("ecog"), "performance status decides whether resection is reasonable"});
        }

        // Resectability: the team's latest judgement; not recorded is not known (v2), never "met".
        Optional<FollowUp> judged = f.latestVisit(x -> x.metastasesResectable().isPresent());
        Tri resectable = judged.map(x -> Tri.of(x.metastasesResectable().get())).orElse(Tri.UNKNOWN);
        list.add(new Criterion("judged resectable by the sarcoma team",
                judged.map(x -> x.metastasesResectable().get() ? "yes" : "no").orElse("not recorded"), resectable));
        judged.ifPresent(x -> facts.add(new Fact(x.pointer("metastasesResectable"), x.metastasesResectable().get())));
        if (resectable.no()) {
            failed.add("the team judged the disease not resectable");
        } else if (resectable.unknown()) {
            conditions.add("the sarcoma team judges the recurrence resectable");
            missing.add(new String[] {latestVisit.pointer("metastasesResectable"),
                    "the team's judgement of resectability decides whether resection is an option"});
        }
        return Optional.of(new Criteria(interval, limited, performance, resectable, list, facts, failed, conditions, missing, v,
                months));
    }

    /** The criteria, when the rows of this phase apply: the disease recurred after it was cleared. */
    private static Optional<Criteria> recurred(Facts f) {
        return f.diseaseStatus == DiseaseStatus.RECURRENT ? f.recurrence : Optional.empty();
    }

    static List<Finding> restaging(Facts f, Draft d) {
        Optional<Criteria> c = recurred(f);
        if (c.isEmpty()) {
            return d.silent();
        }
        FollowUp first = c.get().first();
        int weeks = f.settings.whole(Thresholds.RECURRENCE_RESTAGING_WEEKS);
        LocalDate dueBy = first.date().plusWeeks(weeks);
        d.because(f.diseaseStatusBasis).because(new Fact(first.pointer("date"), first.date().toString()))
                .param("modality", "CT chest, abdomen and pelvis")
                .param("withinWeeks", weeks)
                .param("recurrenceRecorded", IsoDates.format(first.date()))
                .param("dueBy", IsoDates.format(dueBy))
                .detail("Before any decision on a recurrence, stage it completely (CT of chest, abdomen and pelvis within " + weeks
                        + " weeks of finding it) and discuss it at the multidisciplinary team of a sarcoma centre: resection, "
                        + "systemic therapy or both depend on the extent, the disease-free interval and the patient's fitness.");
        Optional<ImagingStudy> restaged = restagingStudy(f, first.date());
        if (restaged.isPresent()) {
            ImagingStudy s = restaged.get();
            return d.status(RECOMMENDED).because(new Fact(s.pointer("date"), s.date().toString()))
                    .param("restagedOn", IsoDates.format(s.date()))
                    .summary("Review the restaging CT of " + IsoDates.format(s.date())
                            + " at the sarcoma team before deciding how to treat the recurrence.")
                    .emit();
        }
        if (dueBy.isBefore(f.asOf)) {
            return d.status(RECOMMENDED).param("overdue", true)
                    .summary("Restaging CT of chest, abdomen and pelvis was due by " + IsoDates.format(dueBy)
                            + " and is not recorded: do it now, then review at the sarcoma team.")
                    .emit();
        }
        return d.status(RECOMMENDED)
                .summary("CT of chest, abdomen and pelvis by " + IsoDates.format(dueBy)
                        + ", then review at the sarcoma team before deciding how to treat the recurrence.")
                .emit();
    }

    /** The latest CT or PET-CT that includes the chest, dated on or after the visit that found the recurrence. */
    private static Optional<ImagingStudy> restagingStudy(Facts f, LocalDate found) {
        for (int i = f.byDate.size() - 1; i >= 0; i--) {
            ImagingStudy s = f.byDate.get(i);
            if (s.date().isBefore(found)) {
                break;
            }
            if (s.isCtLike() && s.chestIncluded().orElse(false)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    static List<Finding> resection(Facts f, Draft d) {
        Optional<Criteria> c = recurred(f);
        if (c.isEmpty()) {
            return d.silent();
        }
        Criteria k = c.get();
        int minMonths = f.settings.whole(Thresholds.DFI_MONTHS);
        int max = f.settings.whole(Thresholds.MAX_METASTASES);
        int maxEcog = f.settings.whole(Thresholds.MAX_ECOG);
        d.because(f.diseaseStatusBasis).because(k.facts())
                .param("criteria", k.parameters())
                .param("diseaseFreeMonths", k.months().map(m -> (Object) m).orElse("unknown"))
                .param("minDiseaseFreeMonths", minMonths)
                .param("maxMetastases", max)
                .param("maxEcog", maxEcog)
                .detail("The review advises weighing resection of an isolated recurrence or metastasis, with chemotherapy or "
                        + "radiotherapy, after a long disease-free interval, with few sites of disease and good performance "
                        + "status. CavaPlan sets the numbers (at least " + minMonths + " months, at most " + max
                        + " metastases, ECOG " + maxEcog + " or better) and asks that all four criteria be known, the "
                        + "sarcoma team's judgement of resectability included, before resection is considered.");
        switch (k.overall()) {
            case YES:
                return d.status(CONSIDER)
                        .summary("Consider resecting the recurrence, with chemotherapy and/or radiotherapy: every criterion is met.")
                        .emit();
            case NO:
                return d.status(NOT_RECOMMENDED).param("failed", k.failed())
                        .summary(notAdvised(k.failed()))
                        .emit();
            default:
                k.missing().forEach(m -> d.missing(m[0], m[1]));
                return d.conditional(String.join(", and ", k.conditions()))
                        .summary("Resection of the recurrence may be an option: no criterion fails, but not all are recorded.")
                        .emit();
        }
    }

    private static String notAdvised(List<String> failed) {
        String head = "Resection of the recurrence is not advised: ";
        String text = String.join("; ", failed);
        int room = Recommendation.MAX_SUMMARY - head.length() - 1;
        return head + (text.length() <= room ? text : text.substring(0, room - 3) + "...") + ".";
    }
}
