package org.cavaplan.registry;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.CauseOfDeath;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.model.IvcInvolvement;
import org.cavaplan.core.model.IvcManagement;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.model.Neoadjuvant;
import org.cavaplan.core.model.Operation;
import org.cavaplan.core.model.Outcome;
import org.cavaplan.core.model.Pathology;
import org.cavaplan.core.model.RegionalNodes;
import org.cavaplan.core.model.Sex;
import org.cavaplan.core.model.VitalStatus;
import org.cavaplan.core.plan.Classification;
import org.cavaplan.core.plan.FirstRecurrence;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.PlanningBaseline;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Stage;

/**
 * The columns of a case version kept for search and analytics. Levels, stage, intent, AJCC stage,
 * grade, tumor size and the first recurrence are the knowledge base's own derivations, those of the
 * case's plan as of its latest date (its header and typed sections); the rest are read from the case. Day counts start at the operation:
 * {@code followUpDays} to death or last contact; {@code recurrenceDays} to the first follow-up visit
 * that records a recurrence, or else to the last follow-up visit (then {@code recurrence} is false).
 * The fields of contract v2 (ASA class, ejection fraction, eGFR, regional nodes on imaging and on
 * pathology) are read from the case; columns since registry migration V4. {@code localRecurrenceDays}
 * and {@code distantMetastasisDays} (migration V9) count as {@code recurrenceDays} does, to the first
 * visit that records a local recurrence, resp. a distant metastasis (the plan's typed sections), or else
 * to the last follow-up visit (then {@code localRecurrence}, resp. {@code distantMetastasis}, is false).
 */
record Extracted(
        int ageYears,
        Sex sex,
        Optional<Integer> ecog,
        List<Integer> ivcLevels,
        boolean intracardiac,
        Optional<IvcInvolvement> ivcInvolvement,
        Optional<String> ajccStage,
        Optional<Integer> grade,
        Optional<Margin> margin,
        Optional<Double> closestMarginMm,
        Optional<Double> sizeCm,
        Optional<IvcManagement> ivcManagement,
        boolean neoadjuvantRadiotherapy,
        boolean neoadjuvantChemotherapy,
        Stage stage,
        Intent intent,
        Optional<LocalDate> operationDate,
        Optional<VitalStatus> vitalStatus,
        Optional<LocalDate> lastContactDate,
        Optional<CauseOfDeath> causeOfDeath,
        Optional<Integer> followUpDays,
        Optional<Boolean> recurrence,
        Optional<Integer> recurrenceDays,
        Optional<Integer> asaClass,
        Optional<Double> lvefPct,
        Optional<Double> egfrMlMin,
        Optional<RegionalNodes> imagingNodes,
        Optional<RegionalNodes> pathologyNodes,
        Optional<Boolean> localRecurrence,
        Optional<Integer> localRecurrenceDays,
        Optional<Boolean> distantMetastasis,
        Optional<Integer> distantMetastasisDays) {

    Extracted {
        ivcLevels = List.copyOf(ivcLevels);
    }

    /** The columns of {@code kase}, the derived ones from {@code plan}: its plan as of the case's latest date. */
    static Extracted of(Case kase, Plan plan) {
        Classification c = plan.classification();
        Optional<LocalDate> operated = kase.operation().map(Operation::date);
        Optional<Outcome> outcome = kase.outcome();
        Optional<Integer> followUpDays = operated.flatMap(op -> outcome.map(o -> days(op, o.lastContactDate())));
        Optional<LocalDate> firstRecurrence = plan.sections().firstRecurrence().map(FirstRecurrence::date);
        Optional<LocalDate> firstLocal = plan.sections().firstLocalRecurrence().map(FollowUp::date);
        Optional<LocalDate> firstDistant = plan.sections().firstDistantMetastasis().map(FollowUp::date);
        return new Extracted(
                kase.patient().ageYears(),
                kase.patient().sex(),
                kase.patient().ecog(),
                c.ivcLevels(),
                c.intracardiacExtension(),
                c.ivcInvolvement(),
                c.ajccStage(),
                c.fnclccGrade(),
                kase.pathology().map(Pathology::margin),
                kase.pathology().flatMap(Pathology::closestMarginMm),
                plan.sections().baseline().flatMap(PlanningBaseline::size).map(PlanningBaseline.TumorSize::cm),
                kase.operation().flatMap(Operation::ivcManagement),
                kase.neoadjuvant().flatMap(Neoadjuvant::radiotherapy).isPresent(),
                kase.neoadjuvant().flatMap(Neoadjuvant::chemotherapy).isPresent(),
                plan.stage(),
                plan.intent(),
                operated,
                outcome.map(Outcome::vitalStatus),
                outcome.map(Outcome::lastContactDate),
                outcome.flatMap(Outcome::causeOfDeath),
                followUpDays,
                flag(kase, operated, firstRecurrence),
                visitDays(kase, operated, firstRecurrence),
                kase.patient().asaClass(),
                kase.patient().lvefPct(),
                kase.patient().egfrMlMin(),
                plan.sections().baseline().flatMap(PlanningBaseline::clinicalNodes),
                kase.pathology().flatMap(Pathology::regionalNodes),
                flag(kase, operated, firstLocal),
                visitDays(kase, operated, firstLocal),
                flag(kase, operated, firstDistant),
                visitDays(kase, operated, firstDistant));
    }

    /** Whether the event was first recorded ({@code first}, its date); empty without an operation or a follow-up visit. */
    private static Optional<Boolean> flag(Case kase, Optional<LocalDate> operated, Optional<LocalDate> first) {
        return operated.isEmpty() || kase.followUp().isEmpty() ? Optional.empty() : Optional.of(first.isPresent());
    }

    /** Days from the operation to {@code first}, else to the last visit; empty as {@link #flag}. */
    private static Optional<Integer> visitDays(Case kase, Optional<LocalDate> operated, Optional<LocalDate> first) {
        return flag(kase, operated, first).flatMap(f -> operated.map(op -> days(op, first.orElseGet(() -> lastVisit(kase)))));
    }

    /** The highest IVC level reached (3 upper, 1 lower), empty when the extents are unknown. */
    Optional<Integer> highestLevel() {
        return ivcLevels.stream().max(Integer::compare);
    }

    /** Whether the tumor reaches {@code level}; empty when the extents are unknown. */
    Optional<Boolean> reaches(int level) {
        return ivcLevels.isEmpty() ? Optional.empty() : Optional.of(ivcLevels.contains(level));
    }

    /** The date of the latest follow-up visit; the case has one. */
    private static LocalDate lastVisit(Case kase) {
        LocalDate last = null;
        for (FollowUp v : kase.followUp()) {
            if (last == null || v.date().isAfter(last)) {
                last = v.date();
            }
        }
        return last;
    }

    private static int days(LocalDate from, LocalDate to) {
        return Math.toIntExact(ChronoUnit.DAYS.between(from, to));
    }
}
