package org.cavaplan.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.Collaterals;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.Lumen;
import org.cavaplan.core.model.Site;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.FirstRecurrence;
import org.cavaplan.core.plan.IvcPath;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.PlanSections;
import org.cavaplan.core.plan.PlanningBaseline;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.plan.SurveillanceSchedule;

/**
 * The typed sections of one plan (see {@link PlanSections}), published from what the facts and the
 * rules already decided: the planning baseline, the IVC decision path, the RECIST details, the
 * surveillance schedule and the first recurrence. It reads the derived facts and the plan's
 * recommendations and makes no decision of its own.
 */
final class Sections {

    private static final Comparator<ImagingStudy> LATER = Comparator.comparing(ImagingStudy::date)
            .thenComparingInt(ImagingStudy::index);

    private Sections() {}

    static PlanSections of(Facts f, List<Recommendation> recommendations, List<MissingData> missing) {
        Status ligation = null;
        Status patch = null;
        Status graft = null;
        boolean surveillance = false;
        for (int i = 0, n = recommendations.size(); i < n; i++) {
            Recommendation r = recommendations.get(i);
            switch (r.id()) {
                case IvcRules.LIGATION -> ligation = r.status();
                case IvcRules.PATCH -> patch = r.status();
                case IvcRules.GRAFT -> graft = r.status();
                case SurveillanceSchedule.RECOMMENDATION -> surveillance = true;
                default -> { }
            }
        }
        Optional<IvcPath> ivc = ligation == null && patch == null && graft == null ? Optional.empty()
                : Optional.of(ivcPath(f, ligation, patch, graft, missing));
        return new PlanSections(Optional.of(baseline(f)), ivc, f.response.map(ResponseAssessment::details),
                surveillance ? Optional.of(f.surveillanceSchedule()) : Optional.<SurveillanceSchedule>empty(),
                firstRecurrence(f), firstVisit(f, v -> v.localRecurrence().orElse(false)),
                firstVisit(f, FollowUp::recordsDistantMetastases));
    }

    /** The first follow-up visit by date for which {@code records} holds. */
    private static Optional<FollowUp> firstVisit(Facts f, java.util.function.Predicate<FollowUp> records) {
        return f.followUpsByDate().stream().filter(records).findFirst();
    }

    static PlanningBaseline baseline(Facts f) {
        Optional<PlanningBaseline.Extent> extent = Optional.empty();
        if (f.cranialStudy.isPresent() && f.caudalStudy.isPresent()) {
            ImagingStudy cranial = f.cranialStudy.get();
            ImagingStudy caudal = f.caudalStudy.get();
            extent = Optional.of(new PlanningBaseline.Extent(Facts.landmark(f.cranial.get()), Facts.landmark(f.caudal.get()),
                    LATER.compare(cranial, caudal) >= 0 ? cranial : caudal));
        }
        Optional<PlanningBaseline.TumorSize> size = f.pathology.flatMap(p -> p.maxDiameterCm())
                .map(cm -> new PlanningBaseline.TumorSize(cm, PlanningBaseline.SizeSource.PATHOLOGY, Optional.empty()))
                .or(() -> f.measuredStudy.map(Sections::measured));
        Optional<PlanningBaseline.TumorSize> pretreatment = f.pretreatmentStudy
                .filter(s -> s.longestDiameterCm().isPresent()).map(Sections::measured);
        return new PlanningBaseline(f.planningBaseline(), extent, size, pretreatment, AjccStage.clinicalNodes(f));
    }

    private static PlanningBaseline.TumorSize measured(ImagingStudy study) {
        return new PlanningBaseline.TumorSize(study.longestDiameterCm().orElseThrow(), PlanningBaseline.SizeSource.IMAGING,
                Optional.of(study));
    }

    /**
     * The IVC path: its inputs from the IVC decision, the branch from the statuses the plan's IVC rows
     * finally took (the resection plan may have made them conditional).
     */
    static IvcPath ivcPath(Facts f, Status ligation, Status patch, Status graft, List<MissingData> missing) {
        IvcDecision d = f.ivc;
        IvcPath.LigationStep step;
        if (ligation == Status.CONTRAINDICATED || d.upperSegment().yes()) {
            step = IvcPath.LigationStep.UPPER_SEGMENT_RECONSTRUCT;
        } else if (ligation == Status.RECOMMENDED) {
            step = IvcPath.LigationStep.LIGATE;
        } else if (ligation == Status.NOT_RECOMMENDED) {
            step = IvcPath.LigationStep.LIGATION_NOT_ADVISED_RECONSTRUCT;
        } else if (ligation == Status.CONDITIONAL) {
            step = IvcPath.LigationStep.AWAITING_FINDINGS;
        } else {
            step = IvcPath.LigationStep.RECONSTRUCT;
        }
        Optional<IvcPath.ReconstructionStep> reconstruction = Optional.empty();
        if (step.reconstructs()) {
            if (patch == Status.RECOMMENDED) {
                reconstruction = Optional.of(IvcPath.ReconstructionStep.PATCH);
            } else if (graft == Status.RECOMMENDED) {
                reconstruction = Optional.of(IvcPath.ReconstructionStep.GRAFT);
            } else if (patch == Status.CONSIDER || graft == Status.CONSIDER) {
                reconstruction = Optional.of(IvcPath.ReconstructionStep.PATCH_OR_GRAFT);
            } else {
                reconstruction = Optional.of(IvcPath.ReconstructionStep.AWAITING_CIRCUMFERENCE);
            }
        }
        List<Fact> inputs = new ArrayList<>(f.extentFacts());
        f.lumen.ifPresent(inputs::add);
        f.collaterals.ifPresent(inputs::add);
        f.circumference.ifPresent(inputs::add);
        Optional<IvcPath.CircumferenceSource> source = d.circumferencePct().map(c -> d.measuredAtOperation()
                ? IvcPath.CircumferenceSource.RESECTED_AT_OPERATION : IvcPath.CircumferenceSource.ESTIMATED_ON_IMAGING);
        return new IvcPath(tri(d.upperSegment()), f.levels, f.lumen.map(x -> Lumen.valueOf((String) x.value())),
                f.collaterals.map(x -> Collaterals.valueOf((String) x.value())), d.circumferencePct(), source,
                f.settings.get(Thresholds.CIRCUMFERENCE_PCT), tri(d.contamination()), f.operation.isPresent(),
                Optional.ofNullable(ligation), Optional.ofNullable(patch), Optional.ofNullable(graft), step, reconstruction, inputs,
                missingForTheIvc(missing));
    }

    /** The missing data that holds back a row of the IVC decision or of its conduit and cover. */
    private static List<MissingData> missingForTheIvc(List<MissingData> missing) {
        List<MissingData> ivc = new ArrayList<>(2);
        for (MissingData m : missing) {
            for (String id : m.affects()) {
                if (id.startsWith("ivc.") || id.startsWith("op.conduit") || id.startsWith("op.cover")) {
                    ivc.add(m);
                    break;
                }
            }
        }
        return ivc;
    }

    private static Optional<Boolean> tri(Tri t) {
        return t.unknown() ? Optional.empty() : Optional.of(t.yes());
    }

    static Optional<FirstRecurrence> firstRecurrence(Facts f) {
        return f.firstRecurrence().map(v -> new FirstRecurrence(v, v.localRecurrence().orElse(false), sites(v)));
    }

    private static List<Site> sites(FollowUp v) {
        if (!v.recordsDistantMetastases()) {
            return List.of();
        }
        return List.copyOf(EnumSet.copyOf(v.distantMetastases().get()));
    }
}
