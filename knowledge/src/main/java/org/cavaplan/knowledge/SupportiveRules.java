package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cavaplan.core.model.Antithrombotic;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.Operation;
import org.cavaplan.core.model.Organ;
import org.cavaplan.core.model.Postoperative;
import org.cavaplan.core.plan.DiseaseStatus;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Verdict;

/**
 * Care that does not depend on the stage, the intent or the histology (plan contract v2, Supportive
 * rows; ASCO VTE guideline 2023): a recorded venous thromboembolism is treated with therapeutic
 * anticoagulation for at least the minimum months and while the cancer is active.
 */
final class SupportiveRules {

    static final String LMWH = "low-molecular-weight heparin at a therapeutic dose (preferred)";
    static final String DOAC = "a direct oral anticoagulant (apixaban, edoxaban or rivaroxaban): not with a bowel resection "
            + "or a high bleeding risk";
    static final String DOAC_AFTER_BOWEL_RESECTION = "a direct oral anticoagulant (apixaban, edoxaban or rivaroxaban): "
            + "not advised after this bowel resection";

    private static final Set<Organ> BOWEL = EnumSet.of(Organ.DUODENUM, Organ.SMALL_BOWEL, Organ.COLON);

    private SupportiveRules() {}

    static List<KbRule> all() {
        return List.of(
                rule("vte.therapeutic-anticoagulation", Phase.SUPPORTIVE,
                        "when venous thromboembolism is recorded, in every stage and intent: RECOMMENDED while disease is "
                                + "present (untreated, persistent or recurrent), within {vte.minimumTreatmentMonths} of the "
                                + "operation or within {vte.minimumTreatmentMonths} of a study that records a pulmonary embolism; "
                                + "else CONSIDER (review whether to continue). After the operation, warfarin or a direct oral "
                                + "anticoagulant recorded is CONCORDANT, low-molecular-weight heparin NOT_ASSESSABLE (dose unknown)",
                        "guideline (ASCO VTE 2023)", List.of(Sources.ASCO_VTE_2023), List.of(Thresholds.VTE_ACTIVE_MONTHS),
                        SupportiveRules::therapeuticAnticoagulation).key());
    }

    static List<Finding> therapeuticAnticoagulation(Facts f, Draft d) {
        if (!f.vteRecorded()) {
            return d.silent();
        }
        d.because(f.vte);
        judgeRecorded(f, d);
        int months = f.settings.whole(Thresholds.VTE_ACTIVE_MONTHS);
        boolean resectionAhead = f.beforeOperation() && f.resectionPlan.kind() != ResectionPlan.Kind.NONE;
        d.param("agents", agents(f, d)).param("minimumMonths", months)
                .detail("Venous thromboembolism in a patient with cancer is treated with full-dose anticoagulation for at least "
                        + months + " months, and for as long as the cancer is active. Low-molecular-weight heparin is preferred; "
                        + "apixaban, edoxaban or rivaroxaban are options, but not after a bowel resection or with a high bleeding "
                        + "risk." + (resectionAhead ? " Before the operation, anticoagulation is interrupted by agent, as the "
                                + "anticoagulation plan says." : ""));
        String treat = "Therapeutic anticoagulation for the venous thromboembolism: at least " + months
                + " months and while the cancer is active.";
        DiseaseStatus status = f.diseaseStatus;
        if (status == DiseaseStatus.UNTREATED || status == DiseaseStatus.PERSISTENT || status == DiseaseStatus.RECURRENT) {
            return d.status(RECOMMENDED).because(f.diseaseStatusBasis).summary(treat).emit();
        }
        // After an operation with no disease known to remain: treatment continues for the minimum months
        // after the operation, and after a pulmonary embolism found on a later study.
        Optional<LocalDate> operated = f.operation.map(Operation::date);
        if (operated.filter(date -> !f.asOf.isAfter(date.plusMonths(months))).isPresent()) {
            return d.status(RECOMMENDED).because(new Fact("/operation/date", operated.get().toString())).summary(treat).emit();
        }
        Optional<ImagingStudy> embolism = latestEmbolism(f);
        if (embolism.filter(s -> !f.asOf.isAfter(s.date().plusMonths(months))).isPresent()) {
            return d.status(RECOMMENDED).because(new Fact(embolism.get().pointer("date"), embolism.get().date().toString()))
                    .summary(treat).emit();
        }
        d.because(f.diseaseStatusBasis);
        if (operated.isEmpty()) {
            d.missing("/operation/date", "the months of anticoagulation after the operation are counted from its date");
            return d.conditional("the operation was at most " + months + " months ago (else review whether to continue)")
                    .summary(treat).emit();
        }
        d.because(new Fact("/operation/date", operated.get().toString()));
        return d.status(CONSIDER)
                .summary("Review whether to continue anticoagulation: the operation was over " + months + " months ago, "
                        + (status == DiseaseStatus.NO_EVIDENCE_OF_DISEASE ? "with no evidence of disease."
                                : "disease status unknown."))
                .emit();
    }

    /** The agents, the oral ones qualified when a bowel resection is recorded. */
    private static List<String> agents(Facts f, Draft d) {
        Optional<Operation> bowel = f.operation.filter(op -> op.enBlocResections().stream().anyMatch(BOWEL::contains));
        bowel.ifPresent(op -> d.because(new Fact("/operation/enBlocResections", Facts.sorted(op.enBlocResections()))));
        return List.of(LMWH, bowel.isPresent() ? DOAC_AFTER_BOWEL_RESECTION : DOAC);
    }

    /** The latest study (as of the plan's date) that records a pulmonary embolism. */
    private static Optional<ImagingStudy> latestEmbolism(Facts f) {
        for (int i = f.byDate.size() - 1; i >= 0; i--) {
            if (f.byDate.get(i).pulmonaryEmbolism().orElse(false)) {
                return Optional.of(f.byDate.get(i));
            }
        }
        return Optional.empty();
    }

    /** Concordance of the anticoagulant recorded after the operation with the treatment of the thromboembolism. */
    private static void judgeRecorded(Facts f, Draft d) {
        Set<Antithrombotic> recorded = f.kase.postoperative().map(Postoperative::antithrombotics).orElse(Set.of());
        if (recorded.isEmpty()) {
            return;
        }
        List<Fact> facts = new ArrayList<>(f.vte.size() + 1);
        facts.add(new Fact("/postoperative/antithrombotics", Facts.sorted(recorded)));
        facts.addAll(f.vte);
        if (recorded.contains(Antithrombotic.WARFARIN) || recorded.contains(Antithrombotic.DOAC)) {
            d.concordance("vte.therapeutic-anticoagulation", Verdict.CONCORDANT,
                    "Therapeutic anticoagulation (" + (recorded.contains(Antithrombotic.WARFARIN) ? "warfarin" : "a direct oral "
                            + "anticoagulant") + ") is recorded after the operation for the venous thromboembolism.", facts);
        } else if (recorded.contains(Antithrombotic.LMWH)) {
            d.concordance("vte.therapeutic-anticoagulation", Verdict.NOT_ASSESSABLE,
                    "Low-molecular-weight heparin is recorded after the operation, but not whether its dose was therapeutic "
                            + "or prophylactic.", facts);
        }
    }
}
