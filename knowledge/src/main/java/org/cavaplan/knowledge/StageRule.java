package org.cavaplan.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cavaplan.core.engine.RuleInfo;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.DiseaseStatus;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.PrognosticFactor;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.RedFlag;
import org.cavaplan.core.plan.Status;

/**
 * The v2 stage rule (plan contract §3): recommendations are for what is still ahead. A deceased
 * patient gets none; work-up, neoadjuvant, preoperative, operative and IVC rows only before the
 * operation; adjuvant rows only within their window after it, free of recurrence (the review of
 * residual disease while it persists); surveillance imaging only while free of disease; a histology
 * other than leiomyosarcoma keeps only the work-up and the rows that do not depend on it. A rule that
 * the stage rule silences still judges what was done: its concordance verdicts, prognostic factors
 * and red flags are kept, its recommendation, missing data and warnings are not.
 */
final class StageRule {

    /** The rows that do not depend on the histology (§1.1, NOT_LEIOMYOSARCOMA). */
    static final Set<String> HISTOLOGY_INDEPENDENT = Set.of("vte.therapeutic-anticoagulation",
            "postop.conduit-anticoagulation", "postop.graft-infection-watch", "surveillance.conduit-patency",
            "surveillance.conduit-thrombosis-review");

    private StageRule() {}

    /** Whether this rule may recommend anything for this patient now. */
    static boolean admits(Facts f, RuleInfo info) {
        if (info.phase().isEmpty()) {
            return true;
        }
        if (f.deceased()) {
            return false;
        }
        Phase phase = info.phase().get();
        if (f.leiomyosarcoma().no() && phase != Phase.WORKUP && !HISTOLOGY_INDEPENDENT.contains(info.id())) {
            return false;
        }
        return switch (phase) {
            case WORKUP, NEOADJUVANT, PREOPERATIVE, OPERATIVE, IVC_MANAGEMENT -> f.beforeOperation();
            case ADJUVANT -> "adjuvant.residual-disease-review".equals(info.id())
                    ? f.diseaseStatus == DiseaseStatus.PERSISTENT
                    : inAdjuvantWindow(f);
            case SURVEILLANCE -> !"surveillance.imaging".equals(info.id())
                    || f.diseaseStatus == DiseaseStatus.NO_EVIDENCE_OF_DISEASE || f.diseaseStatus == DiseaseStatus.UNKNOWN;
            case SUPPORTIVE, POSTOPERATIVE, SYSTEMIC, RECURRENCE -> true;
        };
    }

    /**
     * Within the adjuvant window (§7.8): after the operation, at most the window's days from the
     * operation to the plan's date, with no recurrence recorded. Without an operation date (pathology
     * alone) the window cannot be measured and the rows stay.
     */
    static boolean inAdjuvantWindow(Facts f) {
        if (!f.afterOperation() || f.firstRecurrence().isPresent()) {
            return false;
        }
        return f.daysSinceOperation().map(days -> days <= f.settings.whole(Thresholds.ADJUVANT_WINDOW_DAYS)).orElse(true);
    }

    /**
     * The findings of a preoperative, operative or IVC rule as the resection plan allows them (§7.3,
     * §7.5, §7.6): silenced while no resection is planned; RECOMMENDED and CONSIDER turned CONDITIONAL
     * with the plan's {@code when} while the resection is only conditional; as they are otherwise.
     */
    static List<Finding> followResectionPlan(Facts f, RuleInfo info, List<Finding> findings) {
        if (!followsTheResectionPlan(info) || f.resectionPlan.kind() == ResectionPlan.Kind.PLANNED) {
            return findings;
        }
        if (f.resectionPlan.kind() == ResectionPlan.Kind.NONE) {
            return judgedOnly(findings);
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            if (finding instanceof Recommendation r && (r.status() == Status.RECOMMENDED || r.status() == Status.CONSIDER)) {
                out.add(conditional(r, f.resectionPlan.when()));
            } else if (finding instanceof Recommendation r && r.status() == Status.CONDITIONAL
                    && !r.when().orElseThrow().contains(f.resectionPlan.when())) {
                // a row waiting on its own fact also waits on the resection: both conditions are said
                out.add(conditional(r, f.resectionPlan.when() + ", and " + r.when().orElseThrow()));
            } else {
                out.add(finding);
            }
        }
        return out;
    }

    private static Recommendation conditional(Recommendation r, String when) {
        return new Recommendation(r.id(), r.phase(), Status.CONDITIONAL, r.summary(), r.detail(), Optional.of(when), r.evidence(),
                r.sources(), r.because(), r.parameters(), r.evidenceUpdates());
    }

    /**
     * Whether a rule can judge what was done (concordance) or speak of prognosis: the rules of the work-up,
     * neoadjuvant, preoperative and operative phases only advise, so a silenced one need not run at all.
     */
    static boolean judgesWhatWasDone(RuleInfo info) {
        return info.phase().map(p -> switch (p) {
            case WORKUP, NEOADJUVANT, PREOPERATIVE, OPERATIVE -> false;
            default -> true;
        }).orElse(true);
    }

    /**
     * True for a preoperative, operative (not intent) or IVC row before the operation while no resection
     * is planned: {@link #followResectionPlan} would keep none of its findings, since before the operation
     * such a row judges nothing, so it need not run.
     */
    static boolean awaitsAResectionPlan(Facts f, RuleInfo info) {
        if (f.resectionPlan.kind() != ResectionPlan.Kind.NONE || !f.beforeOperation()) {
            return false;
        }
        return followsTheResectionPlan(info);
    }

    /** The preoperative, operative (but not the intent rows, which state the plan) and IVC rows. */
    private static boolean followsTheResectionPlan(RuleInfo info) {
        Phase phase = info.phase().orElse(null);
        return phase == Phase.PREOPERATIVE || phase == Phase.IVC_MANAGEMENT
                || (phase == Phase.OPERATIVE && !info.id().startsWith("intent."));
    }

    /** The findings of a silenced rule that still stand: what was done, judged, and what it says of prognosis. */
    static List<Finding> judgedOnly(List<Finding> findings) {
        List<Finding> kept = null;
        for (Finding finding : findings) {
            if (finding instanceof Concordance || finding instanceof PrognosticFactor || finding instanceof RedFlag) {
                if (kept == null) {
                    kept = new ArrayList<>(2);
                }
                kept.add(finding);
            }
        }
        return kept == null ? List.of() : kept;
    }
}
