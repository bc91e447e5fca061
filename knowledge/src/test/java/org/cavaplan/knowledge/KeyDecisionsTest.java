package org.cavaplan.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.SourceRef;
import org.cavaplan.core.plan.Status;
import org.junit.jupiter.api.Test;

/**
 * The selection of key decisions (plan contract v2, §1.1 and §7.1). The cap of ten cannot be reached
 * by a real case with the v2 catalogue (at most nine K rows can be emitted in one plan, see golden
 * vignette 58), so it is checked here on plans made up for the purpose.
 */
class KeyDecisionsTest {

    private static final Set<String> KEYS = Set.of("workup.sarcoma-centre-referral", "workup.core-biopsy",
            "intent.curative-resection", "intent.palliative-resection", "vte.therapeutic-anticoagulation",
            "neoadjuvant.chemotherapy", "neoadjuvant.radiotherapy", "neoadjuvant.proceed-to-surgery",
            "neoadjuvant.progression-review", "op.en-bloc-resection", "ivc.ligation", "ivc.interposition-graft",
            "adjuvant.radiotherapy", "adjuvant.residual-disease-review", "systemic.first-line", "systemic.subsequent-line",
            "surveillance.imaging", "surveillance.conduit-thrombosis-review", "recurrence.resection");

    private static Recommendation row(String id, Phase phase, Status status) {
        return new Recommendation(id, phase, status, "Summary of " + id + ".", "Detail.",
                status == Status.CONDITIONAL ? Optional.of("a fact is known") : Optional.empty(), "test",
                List.of(new SourceRef("seed", "Introduction")), List.of(new Fact("/caseId", "c")), java.util.Map.of(), List.of());
    }

    private static List<String> ids(List<KeyDecision> decisions) {
        List<String> ids = new ArrayList<>();
        for (KeyDecision k : decisions) {
            ids.add(k.id());
        }
        return ids;
    }

    @Test
    void intent_rows_come_first_then_the_plan_order_and_rows_advised_against_are_left_out_but_for_the_three_named() {
        List<Recommendation> plan = List.of(
                row("workup.sarcoma-centre-referral", Phase.WORKUP, Status.RECOMMENDED),
                row("workup.mri-extent", Phase.WORKUP, Status.CONSIDER),
                row("neoadjuvant.chemotherapy", Phase.NEOADJUVANT, Status.NOT_RECOMMENDED),
                row("neoadjuvant.radiotherapy", Phase.NEOADJUVANT, Status.NOT_RECOMMENDED),
                row("intent.curative-resection", Phase.OPERATIVE, Status.RECOMMENDED),
                row("ivc.ligation", Phase.IVC_MANAGEMENT, Status.NOT_RECOMMENDED),
                row("ivc.interposition-graft", Phase.IVC_MANAGEMENT, Status.CONSIDER));

        assertThat(ids(KeyDecisions.of(KEYS, plan))).containsExactly("intent.curative-resection",
                "workup.sarcoma-centre-referral", "neoadjuvant.radiotherapy", "ivc.interposition-graft");
    }

    @Test
    void more_than_ten_key_decisions_are_cut_to_ten_from_the_end() {
        List<Recommendation> plan = List.of(
                row("workup.sarcoma-centre-referral", Phase.WORKUP, Status.RECOMMENDED),
                row("workup.core-biopsy", Phase.WORKUP, Status.RECOMMENDED),
                row("vte.therapeutic-anticoagulation", Phase.SUPPORTIVE, Status.RECOMMENDED),
                row("neoadjuvant.chemotherapy", Phase.NEOADJUVANT, Status.CONDITIONAL),
                row("neoadjuvant.radiotherapy", Phase.NEOADJUVANT, Status.NOT_RECOMMENDED),
                row("neoadjuvant.progression-review", Phase.NEOADJUVANT, Status.RECOMMENDED),
                row("intent.curative-resection", Phase.OPERATIVE, Status.CONDITIONAL),
                row("op.en-bloc-resection", Phase.OPERATIVE, Status.CONDITIONAL),
                row("ivc.ligation", Phase.IVC_MANAGEMENT, Status.CONDITIONAL),
                row("ivc.interposition-graft", Phase.IVC_MANAGEMENT, Status.CONDITIONAL),
                row("adjuvant.residual-disease-review", Phase.ADJUVANT, Status.RECOMMENDED),
                row("surveillance.imaging", Phase.SURVEILLANCE, Status.RECOMMENDED));

        assertThat(ids(KeyDecisions.of(KEYS, plan))).containsExactly("intent.curative-resection",
                "workup.sarcoma-centre-referral", "workup.core-biopsy", "vte.therapeutic-anticoagulation",
                "neoadjuvant.chemotherapy", "neoadjuvant.radiotherapy", "neoadjuvant.progression-review",
                "op.en-bloc-resection", "ivc.ligation", "ivc.interposition-graft");
    }

    @Test
    void the_cut_never_drops_an_intent_ivc_or_systemic_row_but_the_rows_before_them() {
        List<Recommendation> plan = List.of(
                row("workup.sarcoma-centre-referral", Phase.WORKUP, Status.RECOMMENDED),
                row("workup.core-biopsy", Phase.WORKUP, Status.RECOMMENDED),
                row("vte.therapeutic-anticoagulation", Phase.SUPPORTIVE, Status.RECOMMENDED),
                row("neoadjuvant.chemotherapy", Phase.NEOADJUVANT, Status.CONDITIONAL),
                row("neoadjuvant.radiotherapy", Phase.NEOADJUVANT, Status.NOT_RECOMMENDED),
                row("neoadjuvant.progression-review", Phase.NEOADJUVANT, Status.RECOMMENDED),
                row("intent.palliative-resection", Phase.OPERATIVE, Status.CONSIDER),
                row("op.en-bloc-resection", Phase.OPERATIVE, Status.CONDITIONAL),
                row("ivc.ligation", Phase.IVC_MANAGEMENT, Status.CONDITIONAL),
                row("ivc.interposition-graft", Phase.IVC_MANAGEMENT, Status.CONDITIONAL),
                row("systemic.first-line", Phase.SYSTEMIC, Status.RECOMMENDED),
                row("surveillance.conduit-thrombosis-review", Phase.SURVEILLANCE, Status.RECOMMENDED));

        List<KeyDecision> decisions = KeyDecisions.of(KEYS, plan);

        assertThat(decisions).hasSize(10);
        assertThat(ids(decisions)).containsExactly("intent.palliative-resection", "workup.sarcoma-centre-referral",
                "workup.core-biopsy", "vte.therapeutic-anticoagulation", "neoadjuvant.chemotherapy",
                "neoadjuvant.radiotherapy", "neoadjuvant.progression-review", "ivc.ligation", "ivc.interposition-graft",
                "systemic.first-line");
    }

    @Test
    void a_key_decision_carries_its_recommendations_status_and_summary() {
        Recommendation graft = row("ivc.interposition-graft", Phase.IVC_MANAGEMENT, Status.CONDITIONAL);

        KeyDecision k = KeyDecisions.of(KEYS, List.of(graft)).get(0);

        assertThat(k.status()).isEqualTo(Status.CONDITIONAL);
        assertThat(k.summary()).isEqualTo(graft.summary());
    }
}
