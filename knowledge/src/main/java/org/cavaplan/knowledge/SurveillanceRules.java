package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cavaplan.core.model.ConduitStatus;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.IvcManagement;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.model.Modality;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.SurveillanceSchedule;

/** Surveillance after the operation (Follow-up; Case Report). */
final class SurveillanceRules {

    private static final String DETAIL = "CT of the chest, abdomen and pelvis looks for local recurrence and distant (mostly "
            + "lung) metastases. The source asks for an interval personalised to the risk of recurrence; the schedule's "
            + "intervals are CavaPlan assumptions shaped after NCCN sarcoma surveillance, with unknown risk factors counted as "
            + "higher risk. A study due before the plan's date with no follow-up visit or cross-sectional study recorded near "
            + "it is listed as overdue.";

    /** The surveillance imaging, in words. */
    static final String MODALITY = "CT chest, abdomen and pelvis";

    private SurveillanceRules() {}

    static List<KbRule> all() {
        return List.of(
                rule(SurveillanceSchedule.RECOMMENDATION, Phase.SURVEILLANCE,
                        "RECOMMENDED after the operation while there is no evidence of disease (or it is unknown): CT of chest, "
                                + "abdomen and pelvis on a dated schedule; higher risk ({" + Thresholds.HIGH_GRADE_MIN + "} or "
                                + "higher, or grade unknown; a positive or unknown margin; the upper (hepatic) segment involved "
                                + "or levels unknown; larger than {" + Thresholds.HIGH_RISK_SIZE_CM + "} or size unknown) every {"
                                + Thresholds.HIGH_RISK_EARLY_INTERVAL + "} up to {" + Thresholds.HIGH_RISK_EARLY_UNTIL
                                + "}, every {" + Thresholds.HIGH_RISK_MID_INTERVAL + "} up to {" + Thresholds.HIGH_RISK_MID_UNTIL
                                + "}, then every {" + Thresholds.LATE_INTERVAL + "}; otherwise every {" + Thresholds.LOW_RISK_INTERVAL
                                + "} up to {" + Thresholds.LOW_RISK_UNTIL + "}, then every {" + Thresholds.LATE_INTERVAL
                                + "} (assumption), listed for {" + Thresholds.HORIZON + "}; studies due before the plan's date "
                                + "and not recorded are listed as overdue",
                        "expert opinion (assumption shaped after NCCN sarcoma surveillance)",
                        List.of(Sources.FOLLOW_UP, Sources.ASSUMPTION),
                        List.of(Thresholds.HIGH_GRADE_MIN, Thresholds.HIGH_RISK_SIZE_CM, Thresholds.HIGH_RISK_EARLY_INTERVAL,
                                Thresholds.HIGH_RISK_EARLY_UNTIL, Thresholds.HIGH_RISK_MID_INTERVAL, Thresholds.HIGH_RISK_MID_UNTIL,
                                Thresholds.LOW_RISK_INTERVAL, Thresholds.LOW_RISK_UNTIL, Thresholds.LATE_INTERVAL, Thresholds.HORIZON),
                        SurveillanceRules::imaging).key(),
                rule("surveillance.conduit-patency", Phase.SURVEILLANCE,
                        "RECOMMENDED whenever a graft or patch was placed and the patient is alive, whatever the disease status: "
                                + "an early duplex ultrasound or CT venography within {" + Thresholds.CONDUIT_EARLY_STUDY_MONTHS
                                + "} of the operation, then the conduit's patency on every study; watch renal function after "
                                + "renal vein ligation or reimplantation, and leg swelling",
                        "single case report", List.of(Sources.CASE_REPORT), List.of(Thresholds.CONDUIT_EARLY_STUDY_MONTHS),
                        SurveillanceRules::patency),
                rule("surveillance.conduit-thrombosis-review", Phase.SURVEILLANCE,
                        "RECOMMENDED when the latest follow-up that records the conduit shows it partly thrombosed or occluded "
                                + "(assumption)",
                        "outside the source", List.of(Sources.ASSUMPTION), List.of(), SurveillanceRules::thrombosis).key());
    }

    /**
     * The two schedules of one knowledge base, worked out once from its (possibly configured) thresholds:
     * the due months after the operation up to the horizon, and the summary that describes them.
     */
    record Schedules(Schedule higherRisk, Schedule lowerRisk) {

        static Schedules of(Settings s) {
            return new Schedules(new Schedule(dueMonths(s, true), summary(s, true)),
                    new Schedule(dueMonths(s, false), summary(s, false)));
        }

        Schedule forRisk(boolean higher) {
            return higher ? higherRisk : lowerRisk;
        }
    }

    /** One risk group's due months after the operation, in order, and the summary that states them. */
    record Schedule(List<Integer> dueMonths, String summary) {
        Schedule {
            dueMonths = List.copyOf(dueMonths);
        }
    }

    /** The schedule's due months after the operation, from the (possibly configured) thresholds. */
    private static List<Integer> dueMonths(Settings s, boolean higherRisk) {
        List<Integer> months = new ArrayList<>();
        int horizon = s.whole(Thresholds.HORIZON);
        int late = s.whole(Thresholds.LATE_INTERVAL);
        int m = 0;
        if (higherRisk) {
            m = step(months, m, s.whole(Thresholds.HIGH_RISK_EARLY_INTERVAL), s.whole(Thresholds.HIGH_RISK_EARLY_UNTIL));
            m = step(months, m, s.whole(Thresholds.HIGH_RISK_MID_INTERVAL), s.whole(Thresholds.HIGH_RISK_MID_UNTIL));
        } else {
            m = step(months, m, s.whole(Thresholds.LOW_RISK_INTERVAL), s.whole(Thresholds.LOW_RISK_UNTIL));
        }
        step(months, m, late, horizon);
        return months;
    }

    private static int step(List<Integer> months, int from, int interval, int until) {
        int m = from;
        while (m + interval <= until) {
            m += interval;
            months.add(m);
        }
        return m;
    }

    /** A fact the surveillance risk needs and the plan does not have: where to record it and why. */
    record Missing(String pointer, String why) {}

    /**
     * Why the higher-risk schedule applies (empty: the lower-risk one), the case facts that show it and
     * what is missing to tell, in the rule's order: grade, margin, level 3, size.
     */
    record Risk(List<String> why, List<Fact> reasons, List<Missing> missing) {
        boolean higher() {
            return !why.isEmpty();
        }
    }

    /** The surveillance risk of a plan after the operation. A pure function of the facts. */
    static Risk risk(Facts f) {
        List<Fact> reasons = new ArrayList<>();
        List<String> why = new ArrayList<>();
        List<Missing> missing = new ArrayList<>(2);
        Tri grade = f.highGrade();
        if (!grade.no()) {
            why.add(grade.yes() ? "grade 2-3" : "grade unknown");
            f.grade.ifPresent(reasons::add);
        }
        if (f.margin().isEmpty()) {
            why.add("margin unknown");
            missing.add(new Missing("/pathology/margin", "the resection margin decides how often surveillance imaging is needed"));
        } else if (f.margin().get() != Margin.R0) {
            why.add(f.margin().get().name());
            reasons.add(new Fact("/pathology/margin", f.margin().get().name()));
        }
        Tri upper = f.level(3);
        if (!upper.no()) {
            why.add(upper.yes() ? "level 3" : "levels unknown");
            if (upper.yes()) {
                reasons.addAll(f.extentFacts());
            } else {
                missing.add(new Missing(f.baselinePointer("cranialExtent"),
                        "level 3 involvement decides how often surveillance imaging is needed"));
            }
        }
        double sizeLimit = f.settings.get(Thresholds.HIGH_RISK_SIZE_CM);
        Tri large = f.sizeCm.map(cm -> Tri.of(cm > sizeLimit)).orElse(Tri.UNKNOWN);
        if (!large.no()) {
            why.add(large.yes() ? "larger than " + (int) sizeLimit + " cm" : "size unknown");
            f.sizeFact.ifPresent(reasons::add);
            if (large.unknown()) {
                missing.add(new Missing(f.pathology.isPresent() ? "/pathology/maxDiameterCm" : f.baselinePointer("tumorDiametersCm"),
                        "the tumor size decides how often surveillance imaging is needed"));
            }
        }
        if (grade.unknown()) {
            missing.add(new Missing(f.pathology.isPresent() ? "/pathology/fnclccGrade" : "/histology/fnclccGrade",
                    "the FNCLCC grade decides how often surveillance imaging is needed"));
        }
        return new Risk(why, reasons, missing);
    }

    /**
     * The surveillance schedule of a plan after the operation: undated without an operation date, else
     * the due dates from the operation, the next one after the plan's date and the overdue ones. A pure
     * function of the facts; read it through {@link Facts#surveillanceSchedule()}, which keeps it.
     */
    static SurveillanceSchedule schedule(Facts f) {
        Risk risk = risk(f);
        if (f.operation.isEmpty()) {
            return new SurveillanceSchedule(MODALITY, risk.higher(), risk.why(), Optional.empty(), List.of(),
                    Optional.empty(), List.of());
        }
        LocalDate opDate = f.operation.get().date();
        Schedule plan = f.schedules.forRisk(risk.higher());
        List<SurveillanceSchedule.Due> listed = new ArrayList<>(plan.dueMonths().size());
        for (int m : plan.dueMonths()) {
            listed.add(new SurveillanceSchedule.Due(opDate.plusMonths(m), m));
        }
        List<LocalDate> due = dueDates(f, opDate, plan);
        return new SurveillanceSchedule(MODALITY, risk.higher(), risk.why(), Optional.of(opDate), listed,
                Optional.of(due.get(due.size() - 1)), overdue(f, opDate, due));
    }

    static List<Finding> imaging(Facts f, Draft d) {
        if (!f.afterOperation()) {
            return d.silent();
        }
        Risk risk = risk(f);
        for (Missing m : risk.missing()) {
            d.missing(m.pointer(), m.why());
        }
        boolean higherRisk = risk.higher();
        d.because(risk.reasons());
        if (!higherRisk) {
            d.because(f.grade).because(new Fact("/pathology/margin", "R0")).because(f.sizeFact).because(f.extentFacts());
        }
        d.param("modality", MODALITY)
                .param("risk", higherRisk ? "higher" : "lower")
                .param("riskReasons", risk.why())
                .detail(DETAIL);
        if (f.operation.isEmpty()) {
            d.because(new Fact("/pathology/margin", f.margin().map(m -> (Object) m.name()).orElse("not recorded")))
                    .missing("/operation/date", "the surveillance schedule is dated from the operation");
            return d.conditional("the operation date is recorded")
                    .summary("Follow with CT of chest, abdomen and pelvis; record the operation date to date the schedule.")
                    .emit();
        }
        SurveillanceSchedule dated = f.surveillanceSchedule();
        LocalDate opDate = dated.operationDate().orElseThrow();
        d.because(new Fact("/operation/date", opDate.toString()));
        List<String> schedule = new ArrayList<>(dated.due().size());
        for (SurveillanceSchedule.Due due : dated.due()) {
            schedule.add(IsoDates.format(due.date()));
        }
        List<String> overdue = new ArrayList<>(dated.overdue().size());
        for (LocalDate date : dated.overdue()) {
            overdue.add(IsoDates.format(date));
        }
        d.param("schedule", schedule)
                .param("nextDue", IsoDates.format(dated.nextDue().orElseThrow()))
                .param("overdue", overdue);
        Schedule plan = f.schedules.forRisk(higherRisk);
        if (overdue.isEmpty()) {
            return d.status(RECOMMENDED).summary(plan.summary()).emit();
        }
        d.detail("Schedule: " + plan.summary() + " " + DETAIL);
        return d.status(RECOMMENDED).summary(overdue.size() == 1
                ? "Surveillance CT of chest, abdomen and pelvis due " + overdue.get(0) + " is not recorded: do it now, then keep to "
                        + "the schedule."
                : overdue.size() + " surveillance CTs due since " + overdue.get(0) + " are not recorded: CT of chest, abdomen and "
                        + "pelvis now, then keep to the schedule.")
                .emit();
    }

    /**
     * The due dates of the schedule up to and including the first one after the plan's date (the next
     * due); past the listed horizon the schedule goes on at the late interval.
     */
    private static List<LocalDate> dueDates(Facts f, LocalDate opDate, Schedule plan) {
        List<LocalDate> dates = new ArrayList<>(plan.dueMonths().size() + 2);
        for (int m : plan.dueMonths()) {
            LocalDate due = opDate.plusMonths(m);
            dates.add(due);
            if (due.isAfter(f.asOf)) {
                return dates;
            }
        }
        int late = f.settings.whole(Thresholds.LATE_INTERVAL);
        LocalDate last = dates.isEmpty() ? opDate : dates.get(dates.size() - 1);
        for (int m = f.settings.whole(Thresholds.HORIZON); ; m += late) {
            LocalDate due = opDate.plusMonths(m);
            if (due.isAfter(last)) {
                dates.add(due);
                if (due.isAfter(f.asOf)) {
                    return dates;
                }
            }
        }
    }

    /**
     * The due dates before the plan's date with no surveillance study recorded for them (v2 date rule).
     * A study is a follow-up visit or a CT, PET-CT or MRI after the operation; it counts for the due date
     * nearest to it: after the midpoint from the previous due date (or the operation), up to the midpoint
     * to the next one.
     */
    private static List<LocalDate> overdue(Facts f, LocalDate opDate, List<LocalDate> due) {
        List<LocalDate> studies = new ArrayList<>(f.followUps.size() + 2);
        for (FollowUp v : f.followUps) {
            studies.add(v.date());
        }
        for (ImagingStudy s : f.byDate) {
            if (s.date().isAfter(opDate) && (s.isCtLike() || s.modality() == Modality.MRI)) {
                studies.add(s.date());
            }
        }
        List<LocalDate> overdue = new ArrayList<>(2);
        for (int i = 0; i + 1 < due.size() && due.get(i).isBefore(f.asOf); i++) {
            LocalDate from = midpoint(i == 0 ? opDate : due.get(i - 1), due.get(i));
            LocalDate to = midpoint(due.get(i), due.get(i + 1));
            boolean recorded = false;
            for (LocalDate study : studies) {
                if (study.isAfter(from) && !study.isAfter(to)) {
                    recorded = true;
                    break;
                }
            }
            if (!recorded) {
                overdue.add(due.get(i));
            }
        }
        return overdue;
    }

    private static LocalDate midpoint(LocalDate a, LocalDate b) {
        long from = a.toEpochDay();
        return LocalDate.ofEpochDay(from + (b.toEpochDay() - from) / 2);
    }

    private static String summary(Settings s, boolean higherRisk) {
        String late = every(s.whole(Thresholds.LATE_INTERVAL));
        if (higherRisk) {
            return "CT chest, abdomen and pelvis " + every(s.whole(Thresholds.HIGH_RISK_EARLY_INTERVAL)) + " to "
                    + months(s.whole(Thresholds.HIGH_RISK_EARLY_UNTIL)) + ", " + every(s.whole(Thresholds.HIGH_RISK_MID_INTERVAL))
                    + " to " + months(s.whole(Thresholds.HIGH_RISK_MID_UNTIL)) + ", then " + late + " (higher risk).";
        }
        return "CT chest, abdomen and pelvis " + every(s.whole(Thresholds.LOW_RISK_INTERVAL)) + " to "
                + months(s.whole(Thresholds.LOW_RISK_UNTIL)) + ", then " + late + " (lower risk).";
    }

    private static String every(int months) {
        return months == 12 ? "yearly" : "every " + months + " months";
    }

    private static String months(int months) {
        return months % 12 == 0 ? months / 12 + " years" : months + " months";
    }

    static List<Finding> patency(Facts f, Draft d) {
        if (!f.afterOperation() || !f.conduitPlaced()) {
            return d.silent();
        }
        LocalDate opDate = f.operation.orElseThrow().date();
        LocalDate earlyBy = opDate.plusMonths(f.settings.whole(Thresholds.CONDUIT_EARLY_STUDY_MONTHS));
        d.status(RECOMMENDED).because(f.managementFact()).because(new Fact("/operation/date", opDate.toString()))
                .param("conduit", words(f.recordedManagement().orElseThrow()))
                .param("earlyStudy", "duplex ultrasound or CT venography")
                .param("earlyStudyBy", IsoDates.format(earlyBy))
                .param("watch", List.of("renal function after renal vein ligation or reimplantation", "leg swelling"))
                .detail("A caval conduit can thrombose without symptoms. Check it early (duplex ultrasound or CT venography by "
                        + IsoDates.format(earlyBy) + "), then state on every follow-up study whether it is patent, partly "
                        + "thrombosed or occluded. Watch renal function when a renal vein was ligated or reimplanted, and watch "
                        + "for leg swelling.")
                .update(Sources.GRAFT_THROMBOSIS);
        Optional<FollowUp> latest = f.latestVisit(v -> v.conduit().isPresent());
        if (latest.isPresent()) {
            FollowUp v = latest.get();
            return d.because(new Fact(v.pointer("conduit"), v.conduit().get().name()))
                    .param("latestConduitStatus", words(v.conduit().get()))
                    .summary("Report the caval conduit's patency on every study; watch renal function and leg swelling.")
                    .emit();
        }
        if (!earlyBy.isBefore(f.asOf)) {
            return d.summary("Check the caval conduit by duplex ultrasound or CT venography by " + IsoDates.format(earlyBy)
                    + ", then report its patency on every study.").emit();
        }
        return d.summary("No conduit patency is recorded since the operation: check it by duplex or CT venography now, then on "
                + "every study.").emit();
    }

    static List<Finding> thrombosis(Facts f, Draft d) {
        if (f.recordedManagement().isPresent() && !f.conduitPlaced()) {
            // Ligation, primary repair or no caval resection: there is no conduit to review.
            return d.silent();
        }
        Optional<FollowUp> latest = f.latestVisit(v -> v.conduit().isPresent());
        if (latest.isEmpty() || latest.get().conduit().get() == ConduitStatus.PATENT) {
            return d.silent();
        }
        FollowUp v = latest.get();
        String state = words(v.conduit().get());
        if (f.recordedManagement().isPresent()) {
            d.because(f.managementFact());
        }
        return d.status(RECOMMENDED).because(new Fact(v.pointer("conduit"), v.conduit().get().name()))
                .param("conduitStatus", state)
                .param("recordedOn", IsoDates.format(v.date()))
                .summary("Refer to vascular surgery: the caval conduit is " + state + " on the study of " + IsoDates.format(v.date())
                        + ".")
                .detail("The source reports graft thrombosis but gives no rule for it. A vascular review weighs symptoms (leg "
                        + "swelling, renal function), therapeutic anticoagulation, which a thrombosed conduit makes an "
                        + "indication, and intervention; the review is CavaPlan's assumption.")
                .evidence("outside the source")
                .update(Sources.GRAFT_THROMBOSIS)
                .emit();
    }

    /** The clinical words for a conduit state or a caval management. */
    private static String words(Enum<?> value) {
        if (value == ConduitStatus.PARTIAL_THROMBOSIS) {
            return "partly thrombosed";
        }
        if (value == IvcManagement.PATCH_CAVOPLASTY) {
            return "patch cavoplasty";
        }
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
