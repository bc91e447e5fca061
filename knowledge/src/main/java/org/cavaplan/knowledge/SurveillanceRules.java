package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.ConduitStatus;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Phase;

/** Surveillance after the operation (Follow-up; Case Report). */
final class SurveillanceRules {

    private SurveillanceRules() {}

    static List<KbRule> all() {
        return List.of(
                rule("surveillance.imaging", Phase.SURVEILLANCE,
                        "RECOMMENDED after the operation: CT of chest, abdomen and pelvis on a dated schedule; higher risk (grade 2-3 "
                                + "or unknown, R1/R2, level 3, or larger than the size threshold) every 3 months to 2 years, every 6 "
                                + "months to 5 years, then yearly; otherwise every 6 months to 3 years, then yearly (assumption)",
                        "expert opinion (assumption shaped after NCCN sarcoma surveillance)",
                        List.of(Sources.FOLLOW_UP, Sources.ASSUMPTION),
                        List.of(Thresholds.HIGH_GRADE_MIN, Thresholds.HIGH_RISK_SIZE_CM, Thresholds.HIGH_RISK_EARLY_INTERVAL,
                                Thresholds.HIGH_RISK_EARLY_UNTIL, Thresholds.HIGH_RISK_MID_INTERVAL, Thresholds.HIGH_RISK_MID_UNTIL,
                                Thresholds.LOW_RISK_INTERVAL, Thresholds.LOW_RISK_UNTIL, Thresholds.LATE_INTERVAL, Thresholds.HORIZON),
                        SurveillanceRules::imaging),
                rule("surveillance.conduit-patency", Phase.SURVEILLANCE,
                        "RECOMMENDED after a graft or patch: report conduit patency on each study", "single case report",
                        List.of(Sources.CASE_REPORT), List.of(), SurveillanceRules::patency),
                rule("surveillance.conduit-thrombosis-review", Phase.SURVEILLANCE,
                        "RECOMMENDED when the latest follow-up shows partial thrombosis or occlusion of the conduit (assumption)",
                        "outside the source", List.of(Sources.ASSUMPTION, Sources.CASE_REPORT), List.of(),
                        SurveillanceRules::thrombosis));
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

    static List<Finding> imaging(Facts f, Draft d) {
        if (!f.afterOperation()) {
            return d.silent();
        }
        List<Fact> reasons = new ArrayList<>();
        List<String> why = new ArrayList<>();
        Tri grade = f.highGrade();
        if (!grade.no()) {
            why.add(grade.yes() ? "grade 2-3" : "grade unknown");
            f.grade.ifPresent(reasons::add);
        }
        if (f.margin().isEmpty()) {
            why.add("margin unknown");
            d.missing("/pathology/margin", "the resection margin decides how often surveillance imaging is needed");
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
                d.missing(f.baselinePointer("cranialExtent"), "level 3 involvement decides how often surveillance imaging is needed");
            }
        }
        double sizeLimit = f.settings.get(Thresholds.HIGH_RISK_SIZE_CM);
        Tri large = f.sizeCm.map(cm -> Tri.of(cm > sizeLimit)).orElse(Tri.UNKNOWN);
        if (!large.no()) {
            why.add(large.yes() ? "larger than " + (int) sizeLimit + " cm" : "size unknown");
            f.sizeFact.ifPresent(reasons::add);
            if (large.unknown()) {
                d.missing(f.pathology.isPresent() ? "/pathology/maxDiameterCm" : f.baselinePointer("tumorDiametersCm"),
                        "the tumor size decides how often surveillance imaging is needed");
            }
        }
        if (grade.unknown()) {
            d.missing(f.pathology.isPresent() ? "/pathology/fnclccGrade" : "/histology/fnclccGrade",
                    "the FNCLCC grade decides how often surveillance imaging is needed");
        }
        boolean higherRisk = !why.isEmpty();
        d.because(reasons);
        if (!higherRisk) {
            d.because(f.grade).because(new Fact("/pathology/margin", "R0")).because(f.sizeFact).because(f.extentFacts());
        }
        d.param("modality", "CT chest, abdomen and pelvis")
                .param("risk", higherRisk ? "higher" : "lower")
                .param("riskReasons", why)
                .detail("CT of the chest, abdomen and pelvis looks for local recurrence and distant (mostly lung) metastases. The "
                        + "source asks for a personalised interval; the schedule's intervals are CavaPlan assumptions shaped after "
                        + "NCCN sarcoma surveillance, with unknown risk factors counted as higher risk.");
        if (f.operation.isEmpty()) {
            d.because(new Fact("/pathology/margin", f.margin().map(m -> (Object) m.name()).orElse("not recorded")))
                    .missing("/operation/date", "the surveillance schedule is dated from the operation");
            return d.conditional("the operation date is recorded")
                    .summary("Follow with CT of chest, abdomen and pelvis; record the operation date to date the schedule.")
                    .emit();
        }
        LocalDate opDate = f.operation.get().date();
        d.because(new Fact("/operation/date", opDate.toString()));
        Schedule plan = f.schedules.forRisk(higherRisk);
        List<String> schedule = new ArrayList<>(plan.dueMonths().size());
        Optional<LocalDate> next = Optional.empty();
        for (int m : plan.dueMonths()) {
            LocalDate due = opDate.plusMonths(m);
            schedule.add(IsoDates.format(due));
            if (next.isEmpty() && due.isAfter(f.asOf)) {
                next = Optional.of(due);
            }
        }
        d.param("schedule", schedule);
        if (next.isEmpty()) {
            // Past the listed horizon the schedule goes on at the late interval.
            int late = f.settings.whole(Thresholds.LATE_INTERVAL);
            int m = f.settings.whole(Thresholds.HORIZON);
            LocalDate due = opDate.plusMonths(m);
            while (!due.isAfter(f.asOf)) {
                m += late;
                due = opDate.plusMonths(m);
            }
            next = Optional.of(due);
        }
        d.param("nextDue", IsoDates.format(next.get()));
        return d.status(RECOMMENDED).summary(plan.summary()).emit();
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
        return d.status(RECOMMENDED).because(f.managementFact())
                .summary("Report the patency of the caval conduit on every surveillance study.")
                .detail("Graft thrombosis can be silent; each follow-up study states whether the conduit is patent, partly "
                        + "thrombosed or occluded.")
                .update(Sources.GRAFT_THROMBOSIS)
                .emit();
    }

    static List<Finding> thrombosis(Facts f, Draft d) {
        Optional<FollowUp> latest = f.latestVisit(v -> v.conduit().isPresent());
        if (latest.isEmpty() || latest.get().conduit().get() == ConduitStatus.PATENT) {
            return d.silent();
        }
        FollowUp v = latest.get();
        return d.status(RECOMMENDED).because(new Fact(v.pointer("conduit"), v.conduit().get().name()))
                .summary("Refer to vascular surgery: the latest study shows the caval conduit partly or fully thrombosed.")
                .detail("The source reports graft thrombosis but gives no rule; a vascular review of symptoms, anticoagulation and "
                        + "intervention is CavaPlan's assumption.")
                .evidence("outside the source")
                .emit();
    }
}
