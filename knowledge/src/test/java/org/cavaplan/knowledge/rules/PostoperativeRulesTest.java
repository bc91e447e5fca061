package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.NOT_RECOMMENDED;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.core.plan.Verdict.DISCORDANT;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.statusOf;
import static org.cavaplan.knowledge.rules.CaseFixtures.verdictOf;

import java.util.List;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** §3 Postoperative: POSTOPERATIVE and FOLLOW_UP, when a graft or patch was placed. */
class PostoperativeRulesTest {

    private static CaseFixtures reconstructed(String management) {
        return operated().with("/operation/ivcManagement", management);
    }

    private static CaseFixtures ptfeGraftWith(String... resected) {
        return reconstructed("INTERPOSITION_GRAFT").with("/operation/conduit", "RINGED_PTFE")
                .with("/operation/enBlocResections", List.of(resected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PATCH_CAVOPLASTY", "INTERPOSITION_GRAFT"})
    void aspirin_is_considered_after_a_patch_or_graft(String management) {
        assertThat(statusOf(reconstructed(management).plan(), "postop.aspirin")).contains(CONSIDER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PATCH_CAVOPLASTY", "INTERPOSITION_GRAFT"})
    void routine_warfarin_is_not_recommended_after_a_patch_or_graft(String management) {
        assertThat(statusOf(reconstructed(management).plan(), "postop.warfarin")).contains(NOT_RECOMMENDED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LIGATION", "PRIMARY_REPAIR", "NONE"})
    void antithrombotic_advice_is_absent_without_a_conduit(String management) {
        Plan plan = reconstructed(management).plan();

        assertThat(statusOf(plan, "postop.aspirin")).isEmpty();
        assertThat(statusOf(plan, "postop.warfarin")).isEmpty();
    }

    @Test
    void antithrombotic_advice_is_absent_when_the_management_is_not_recorded() {
        assertThat(statusOf(operated().plan(), "postop.aspirin")).isEmpty();
    }

    @Test
    void antithrombotic_advice_continues_in_follow_up() {
        Plan plan = reconstructed("PATCH_CAVOPLASTY").add("/followUp", "{\"date\": \"2020-09-01\"}").plan();

        assertThat(statusOf(plan, "postop.aspirin")).contains(CONSIDER);
        assertThat(statusOf(plan, "postop.warfarin")).contains(NOT_RECOMMENDED);
    }

    @Test
    void warfarin_given_after_a_graft_is_discordant_with_a_note_on_local_protocols() {
        Plan plan = reconstructed("INTERPOSITION_GRAFT").with("/postoperative/antithrombotics", List.of("WARFARIN", "ASPIRIN"))
                .plan();

        Concordance c = plan.concordance().stream().filter(v -> v.id().equals("postop.warfarin")).findFirst().orElseThrow();
        assertThat(c.verdict()).isEqualTo(DISCORDANT);
        assertThat(c.note()).containsIgnoringCase("protocol");
    }

    @Test
    void no_warfarin_verdict_when_warfarin_was_not_given() {
        Plan plan = reconstructed("INTERPOSITION_GRAFT").with("/postoperative/antithrombotics", List.of("ASPIRIN")).plan();

        assertThat(verdictOf(plan, "postop.warfarin")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DUODENUM", "SMALL_BOWEL", "COLON"})
    void graft_infection_is_watched_when_ptfe_lies_beside_a_bowel_resection(String bowel) {
        assertThat(statusOf(ptfeGraftWith(bowel, "RIGHT_KIDNEY").plan(), "postop.graft-infection-watch")).contains(RECOMMENDED);
    }

    @Test
    void no_infection_watch_without_a_bowel_resection() {
        assertThat(statusOf(ptfeGraftWith("RIGHT_KIDNEY", "LIVER").plan(), "postop.graft-infection-watch")).isEmpty();
    }

    @Test
    void no_infection_watch_for_an_autologous_vein_beside_bowel() {
        Plan plan = ptfeGraftWith("COLON").with("/operation/conduit", "AUTOLOGOUS_VEIN").plan();

        assertThat(statusOf(plan, "postop.graft-infection-watch")).isEmpty();
    }

    @Test
    void no_infection_watch_after_ligation_with_bowel_resection() {
        Plan plan = reconstructed("LIGATION").with("/operation/enBlocResections", List.of("COLON")).plan();

        assertThat(statusOf(plan, "postop.graft-infection-watch")).isEmpty();
    }
}
