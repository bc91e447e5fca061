package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cavaplan.core.model.Antithrombotic;
import org.cavaplan.core.model.Conduit;
import org.cavaplan.core.model.ConduitStatus;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.model.IvcManagement;
import org.cavaplan.core.model.Organ;
import org.cavaplan.core.model.Postoperative;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Verdict;

/**
 * Care after the operation (plan contract v2, Postoperative rows): extended thromboprophylaxis in the
 * first weeks, antithrombotic therapy and infection watch around a caval conduit (S: Postoperative Care:
 * Anticoagulation; S: Operative Procedure), and leg care after ligation. Recorded anticoagulation beside
 * a conduit is judged in concordance whatever the stage.
 */
final class PostoperativeRules {

    private static final Set<Organ> BOWEL = Set.of(Organ.DUODENUM, Organ.SMALL_BOWEL, Organ.COLON);
    private static final Set<Organ> KIDNEYS = Set.of(Organ.RIGHT_KIDNEY, Organ.LEFT_KIDNEY);
    /** Anticoagulants at a therapeutic (or unknown) dose, as recorded after the operation. */
    private static final Set<Antithrombotic> ANTICOAGULANTS = Set.of(Antithrombotic.WARFARIN, Antithrombotic.DOAC,
            Antithrombotic.LMWH);

    private PostoperativeRules() {}

    static List<KbRule> all() {
        return List.of(
                rule("postop.extended-vte-prophylaxis", Phase.POSTOPERATIVE,
                        "RECOMMENDED up to {postop.extendedProphylaxisDays} after the operation when no venous thromboembolism "
                                + "and no warfarin or direct oral anticoagulant is recorded: low-molecular-weight heparin, the dose "
                                + "adjusted to renal function (eGFR below {fitness.heparinDoseEgfrBelow}, or after a nephrectomy); "
                                + "nothing later",
                        "guideline (ASCO VTE 2023)", List.of(Sources.ASCO_VTE_2023),
                        List.of(Thresholds.EXTENDED_PROPHYLAXIS_DAYS, Thresholds.LOW_EGFR_HEPARIN),
                        PostoperativeRules::extendedProphylaxis),
                rule("postop.aspirin", Phase.POSTOPERATIVE,
                        "CONSIDER after a graft or patch (lifelong, at the surgeon's discretion; no consensus)",
                        "small series; no consensus", List.of(Sources.ANTICOAGULATION), List.of(), PostoperativeRules::aspirin),
                rule("postop.conduit-anticoagulation", Phase.POSTOPERATIVE,
                        "after a graft or patch: RECOMMENDED when the latest follow-up that records the conduit shows it partly "
                                + "thrombosed or occluded (with vascular review); else CONSIDER as the centre's protocol. Recorded "
                                + "warfarin, direct oral anticoagulant or low-molecular-weight heparin: CONCORDANT with venous "
                                + "thromboembolism or conduit thrombosis, else NOT_ASSESSABLE (centre protocol: document the reason)",
                        "single review article; practice varies", List.of(Sources.ANTICOAGULATION), List.of(),
                        PostoperativeRules::conduitAnticoagulation),
                rule("postop.ligation-leg-care", Phase.POSTOPERATIVE,
                        "RECOMMENDED after ligation of the IVC: leg elevation and compression, early watch for compartment "
                                + "syndrome and severe oedema",
                        "surgical series", List.of(Sources.SURGICAL_SERIES), List.of(), PostoperativeRules::ligationLegCare),
                rule("postop.graft-infection-watch", Phase.POSTOPERATIVE,
                        "RECOMMENDED when a prosthetic (ringed PTFE) conduit was placed with a bowel resection; CONDITIONAL when "
                                + "the conduit's material is recorded as other or not at all",
                        "case series", List.of(Sources.OPERATIVE), List.of(), PostoperativeRules::infectionWatch));
    }

    private static boolean conduitAfterOperation(Facts f) {
        return f.afterOperation() && f.conduitPlaced();
    }

    private static Set<Antithrombotic> given(Facts f) {
        return f.kase.postoperative().map(Postoperative::antithrombotics).orElse(Set.of());
    }

    private static Fact givenFact(Facts f) {
        return new Fact("/postoperative/antithrombotics", Facts.sorted(given(f)));
    }

    /** The conduit's state on the latest follow-up visit that records it (§7.17), as a fact. */
    static Optional<Fact> latestConduitStatus(Facts f) {
        return f.latestVisit(v -> v.conduit().isPresent()).map(v -> new Fact(v.pointer("conduit"), v.conduit().get().name()));
    }

    /** True when the latest follow-up that records the conduit shows it partly thrombosed or occluded. */
    static boolean conduitThrombosed(Facts f) {
        return f.latestVisit(v -> v.conduit().isPresent()).map(FollowUp::conduit).map(Optional::get)
                .filter(c -> c == ConduitStatus.PARTIAL_THROMBOSIS || c == ConduitStatus.OCCLUDED).isPresent();
    }

    static List<Finding> extendedProphylaxis(Facts f, Draft d) {
        if (!f.afterOperation() || f.vteRecorded() || given(f).contains(Antithrombotic.WARFARIN)
                || given(f).contains(Antithrombotic.DOAC)) {
            return d.silent();
        }
        int days = f.settings.whole(Thresholds.EXTENDED_PROPHYLAXIS_DAYS);
        if (f.operation.isEmpty()) {
            d.because(f.margin().map(m -> new Fact("/pathology/margin", m.name()))
                            .orElseGet(() -> new Fact(f.followUps.get(0).pointer("date"), f.followUps.get(0).date().toString())))
                    .missing("/operation/date", "the operation date decides whether extended thromboprophylaxis is still due");
            return prophylaxisDetail(f, d).conditional("the operation was at most " + days + " days ago")
                    .summary("Low-molecular-weight heparin prophylaxis for " + days + " days after the operation, if it was that recent.")
                    .emit();
        }
        LocalDate operated = f.operation.get().date();
        if (f.daysSinceOperation().orElseThrow() > days) {
            return d.silent();
        }
        LocalDate until = operated.plusDays(days);
        d.because(new Fact("/operation/date", operated.toString()))
                .param("agent", "low-molecular-weight heparin")
                .param("alternatives", List.of("apixaban", "rivaroxaban"))
                .param("days", days)
                .param("until", until.toString());
        return prophylaxisDetail(f, d).status(RECOMMENDED)
                .summary("Give low-molecular-weight heparin prophylaxis until " + days + " days after the operation (" + until + ").")
                .emit();
    }

    /**
     * The detail of extended prophylaxis, with the renal dose note when the eGFR is below the heparin threshold or a
     * kidney was removed; names recorded low-molecular-weight heparin among the facts.
     */
    private static Draft prophylaxisDetail(Facts f, Draft d) {
        if (given(f).contains(Antithrombotic.LMWH)) {
            d.because(givenFact(f));
        }
        StringBuilder text = new StringBuilder(RuleTexts.resolve("After major abdominal cancer surgery, thromboprophylaxis with "
                + "low-molecular-weight heparin continues for up to {postop.extendedProphylaxisDays} after the operation; apixaban "
                + "or rivaroxaban are weaker alternatives. The dose follows renal function.", f.settings));
        List<String> notes = new ArrayList<>(2);
        Optional<Double> egfr = f.kase.patient().egfrMlMin();
        if (egfr.isPresent() && egfr.get() < f.settings.get(Thresholds.LOW_EGFR_HEPARIN)) {
            d.because(new Fact("/patient/egfrMlMin", egfr.get()));
            notes.add(RuleTexts.resolve("the eGFR of " + RuleTexts.number(egfr.get()) + " mL/min/1.73 m² is below "
                    + "{fitness.heparinDoseEgfrBelow}", f.settings));
        }
        Set<Organ> resected = f.operation.map(op -> op.enBlocResections()).orElse(Set.of());
        if (resected.stream().anyMatch(KIDNEYS::contains)) {
            d.because(new Fact("/operation/enBlocResections", Facts.sorted(resected)));
            notes.add("a kidney was removed with the tumor");
        }
        if (!notes.isEmpty()) {
            String note = "Renal dose: " + String.join(" and ", notes)
                    + "; check creatinine and reduce the heparin dose (or use unfractionated heparin) as renal function requires.";
            d.param("renalDose", note);
            text.append(' ').append(note);
        }
        return d.detail(text.toString());
    }

    static List<Finding> aspirin(Facts f, Draft d) {
        if (!conduitAfterOperation(f)) {
            return d.silent();
        }
        d.because(f.managementFact());
        if (given(f).contains(Antithrombotic.ASPIRIN)) {
            d.because(givenFact(f));
        }
        return d.status(CONSIDER)
                .summary("Consider lifelong low-dose aspirin after caval reconstruction, at the surgeon's discretion.")
                .detail("Antiplatelet therapy was linked with few graft thromboses in one series; there is no consensus on "
                        + "long-term antithrombotic therapy.")
                .update(Sources.GRAFT_THROMBOSIS)
                .emit();
    }

    static List<Finding> conduitAnticoagulation(Facts f, Draft d) {
        if (!conduitAfterOperation(f)) {
            return d.silent();
        }
        Fact management = f.managementFact();
        Optional<Fact> conduitStatus = latestConduitStatus(f);
        boolean thrombosed = conduitThrombosed(f);
        d.because(management).update(Sources.GRAFT_THROMBOSIS);
        judgeRecordedAnticoagulation(f, d, management, thrombosed ? conduitStatus : Optional.empty());
        if (thrombosed) {
            Fact status = conduitStatus.get();
            FollowUp visit = f.latestVisit(v -> v.conduit().isPresent()).get();
            String state = ConduitStatus.OCCLUDED.name().equals(status.value()) ? "occluded" : "partly thrombosed";
            return d.status(RECOMMENDED).because(status)
                    .summary("Anticoagulate: the caval conduit is " + state + " on " + visit.date() + "; ask for a vascular review.")
                    .detail("Thrombosis of the conduit is an indication for therapeutic anticoagulation, with vascular surgery "
                            + "review of the conduit and of the venous return from the legs and kidneys.")
                    .emit();
        }
        conduitStatus.ifPresent(d::because);
        return d.status(CONSIDER)
                .summary("Anticoagulation after the caval conduit follows the centre's protocol: the source found it rarely needed.")
                .detail("With the high flow in the cava the source found full anticoagulation generally unnecessary after a graft or "
                        + "patch, and practice varies between centres. A separate indication, such as venous thromboembolism, is "
                        + "treated on its own terms.")
                .emit();
    }

    /** Concordance of recorded warfarin, direct oral anticoagulant or low-molecular-weight heparin beside a conduit. */
    private static void judgeRecordedAnticoagulation(Facts f, Draft d, Fact management, Optional<Fact> thrombosis) {
        if (given(f).stream().noneMatch(ANTICOAGULANTS::contains)) {
            return;
        }
        Fact drugs = givenFact(f);
        d.because(drugs);
        List<Fact> facts = new ArrayList<>(List.of(management, drugs));
        if (f.vteRecorded() || thrombosis.isPresent()) {
            facts.addAll(f.vte);
            thrombosis.ifPresent(facts::add);
            String indication = f.vteRecorded() && thrombosis.isPresent()
                    ? "venous thromboembolism and thrombosis of the conduit"
                    : f.vteRecorded() ? "venous thromboembolism" : "thrombosis of the conduit";
            d.concordance("postop.conduit-anticoagulation", Verdict.CONCORDANT,
                    "Anticoagulation after caval reconstruction has an indication: " + indication + ".", facts);
        } else {
            d.concordance("postop.conduit-anticoagulation", Verdict.NOT_ASSESSABLE,
                    "Anticoagulation after caval reconstruction without venous thromboembolism or conduit thrombosis: "
                            + "centre protocol, document the reason.", facts);
        }
    }

    static List<Finding> ligationLegCare(Facts f, Draft d) {
        if (!f.afterOperation() || f.recordedManagement().filter(m -> m == IvcManagement.LIGATION).isEmpty()) {
            return d.silent();
        }
        return d.status(RECOMMENDED)
                .because(f.managementFact())
                .summary("After caval ligation: elevate and compress the legs; watch early for compartment syndrome and severe oedema.")
                .detail("Venous return from the legs now runs through collaterals. Leg elevation and compression stockings limit "
                        + "swelling; in the first days, check the legs for tense swelling, pain on passive stretch or numbness "
                        + "(compartment syndrome) and for severe oedema.")
                .emit();
    }

    static List<Finding> infectionWatch(Facts f, Draft d) {
        if (!conduitAfterOperation(f)) {
            return d.silent();
        }
        Set<Organ> resected = f.operation.map(op -> op.enBlocResections()).orElse(Set.of());
        if (resected.stream().noneMatch(BOWEL::contains)) {
            return d.silent();
        }
        Optional<Conduit> conduit = f.operation.flatMap(op -> op.conduit());
        if (conduit.isPresent() && (conduit.get() == Conduit.BOVINE_PERICARDIUM || conduit.get() == Conduit.AUTOLOGOUS_VEIN)) {
            return d.silent();
        }
        d.because(f.managementFact())
                .because(new Fact("/operation/enBlocResections", Facts.sorted(resected)))
                .summary("Watch for graft infection: a prosthetic conduit lies beside a bowel resection.")
                .detail("Prosthetic graft infection is uncommon but more frequent with a concomitant bowel resection; investigate "
                        + "fever, sepsis or fluid around the graft early.");
        if (conduit.isEmpty() || conduit.get() == Conduit.OTHER) {
            d.because(new Fact("/operation/conduit", conduit.map(Enum::name).orElse("not recorded")))
                    .missing("/operation/conduit", "whether the conduit is prosthetic decides the watch for graft infection");
            return d.conditional("the conduit is prosthetic").emit();
        }
        return d.status(RECOMMENDED).because(new Fact("/operation/conduit", conduit.get().name())).emit();
    }
}
