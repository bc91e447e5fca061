package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.NOT_RECOMMENDED;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.util.List;
import java.util.Set;
import org.cavaplan.core.model.Antithrombotic;
import org.cavaplan.core.model.Conduit;
import org.cavaplan.core.model.IvcManagement;
import org.cavaplan.core.model.Organ;
import org.cavaplan.core.model.Postoperative;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Verdict;

/** Care after the operation when a graft or patch was placed (Anticoagulation; Operative Procedure). */
final class PostoperativeRules {

    private static final Set<Organ> BOWEL = Set.of(Organ.DUODENUM, Organ.SMALL_BOWEL, Organ.COLON);

    private PostoperativeRules() {}

    static List<KbRule> all() {
        return List.of(
                rule("postop.aspirin", Phase.POSTOPERATIVE, "CONSIDER after a graft or patch (lifelong, surgeon's discretion)",
                        "small series; no consensus", List.of(Sources.ANTICOAGULATION), List.of(), PostoperativeRules::aspirin),
                rule("postop.warfarin", Phase.POSTOPERATIVE,
                        "NOT_RECOMMENDED routinely after a graft or patch; concordance DISCORDANT when warfarin was given",
                        "single review article; no consensus", List.of(Sources.ANTICOAGULATION), List.of(),
                        PostoperativeRules::warfarin),
                rule("postop.graft-infection-watch", Phase.POSTOPERATIVE,
                        "RECOMMENDED when a prosthetic conduit was placed with a bowel resection", "case series",
                        List.of(Sources.OPERATIVE), List.of(), PostoperativeRules::infectionWatch));
    }

    private static boolean applies(Facts f) {
        return f.afterOperation() && f.conduitPlaced();
    }

    private static Set<Antithrombotic> given(Facts f) {
        return f.kase.postoperative().map(Postoperative::antithrombotics).orElse(Set.of());
    }

    static List<Finding> aspirin(Facts f, Draft d) {
        if (!applies(f)) {
            return d.silent();
        }
        d.because(f.managementFact());
        if (given(f).contains(Antithrombotic.ASPIRIN)) {
            d.because(new Fact("/postoperative/antithrombotics", Facts.sorted(given(f))));
        }
        return d.status(CONSIDER)
                .summary("Consider lifelong low-dose aspirin after caval reconstruction, at the surgeon's discretion.")
                .detail("Antiplatelet therapy was linked with few graft thromboses in one series; there is no consensus on "
                        + "long-term antithrombotic therapy.")
                .update(Sources.GRAFT_THROMBOSIS)
                .emit();
    }

    static List<Finding> warfarin(Facts f, Draft d) {
        if (!applies(f)) {
            return d.silent();
        }
        d.because(f.managementFact());
        if (given(f).contains(Antithrombotic.WARFARIN)) {
            Fact drugs = new Fact("/postoperative/antithrombotics", Facts.sorted(given(f)));
            d.because(drugs).concordance("postop.warfarin", Verdict.DISCORDANT,
                    "Warfarin was given; the source finds it generally unnecessary with high caval flow. Local protocols differ: "
                            + "document the reason.", List.of(f.managementFact(), drugs));
        }
        return d.status(NOT_RECOMMENDED)
                .summary("Routine warfarin is not needed after caval reconstruction: flow in the IVC is high.")
                .detail("Few studies show a benefit of long-term anticoagulation; the high flow in the cava makes warfarin generally "
                        + "unnecessary. Treat a separate indication (such as venous thromboembolism) on its own terms.")
                .emit();
    }

    static List<Finding> infectionWatch(Facts f, Draft d) {
        if (!f.afterOperation() || f.recordedManagement().isEmpty()) {
            return d.silent();
        }
        IvcManagement m = f.recordedManagement().get();
        Conduit conduit = f.operation.flatMap(op -> op.conduit()).orElse(null);
        boolean prosthetic = (m == IvcManagement.INTERPOSITION_GRAFT || m == IvcManagement.PATCH_CAVOPLASTY)
                && (conduit == Conduit.RINGED_PTFE || conduit == Conduit.OTHER);
        Set<Organ> resected = f.operation.map(op -> op.enBlocResections()).orElse(Set.of());
        if (!prosthetic || resected.stream().noneMatch(BOWEL::contains)) {
            return d.silent();
        }
        return d.status(RECOMMENDED)
                .because(f.managementFact())
                .because(new Fact("/operation/conduit", conduit.name()))
                .because(new Fact("/operation/enBlocResections", Facts.sorted(resected)))
                .summary("Watch for graft infection: a prosthetic conduit lies beside a bowel resection.")
                .detail("Prosthetic graft infection is uncommon but more frequent with a concomitant bowel resection; investigate "
                        + "fever, sepsis or fluid around the graft early.")
                .emit();
    }
}
