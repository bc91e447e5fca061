package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cavaplan.core.plan.Status.CONDITIONAL;
import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.CONTRAINDICATED;
import static org.cavaplan.core.plan.Status.NOT_RECOMMENDED;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.core.plan.Verdict.CONCORDANT;
import static org.cavaplan.core.plan.Verdict.DISCORDANT;
import static org.cavaplan.core.plan.Verdict.NOT_ASSESSABLE;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.pointersRead;
import static org.cavaplan.knowledge.rules.CaseFixtures.pretreatment;
import static org.cavaplan.knowledge.rules.CaseFixtures.rec;
import static org.cavaplan.knowledge.rules.CaseFixtures.seed;
import static org.cavaplan.knowledge.rules.CaseFixtures.statusOf;
import static org.cavaplan.knowledge.rules.CaseFixtures.updateSources;
import static org.cavaplan.knowledge.rules.CaseFixtures.verdictOf;
import static org.cavaplan.knowledge.rules.CaseFixtures.warningCodes;

import java.util.List;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.cavaplan.knowledge.Settings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** §3 IVC management: ligation, patch or graft, and the conduit under contamination. */
class IvcRulesTest {

    /** Level 1 tumor, IVC wall involved, with this lumen and these collaterals on the planning CT (null: not recorded). */
    private static CaseFixtures findings(String lumen, String collaterals) {
        CaseFixtures f = pretreatment().without("/imaging/0/ivcLumen");
        f = lumen == null ? f : f.with("/imaging/0/ivcLumen", lumen);
        return collaterals == null ? f : f.with("/imaging/0/collaterals", collaterals);
    }

    private static CaseFixtures circumference(double pct) {
        return pretreatment().with("/imaging/0/ivcCircumferenceInvolvedPct", pct);
    }

    private static CaseFixtures ligatable() {
        return findings("OCCLUDED", "WELL_DEVELOPED");
    }

    private static CaseFixtures contaminated() {
        return operated().with("/operation/findings/grossContamination", true);
    }

    @Test
    void nothing_is_emitted_for_the_ivc_when_it_is_not_involved() {
        Plan plan = contaminated().with("/imaging/0/ivcInvolvement", "NONE").with("/operation/circumferenceResectedPct", 90).plan();

        assertThat(plan.recommendations()).noneSatisfy(r -> assertThat(r.phase()).isEqualTo(Phase.IVC_MANAGEMENT));
    }

    @Nested
    class Ligation {

        @Test
        void ligation_is_contraindicated_when_the_upper_segment_is_involved() {
            Plan plan = ligatable().with("/imaging/0/cranialExtent", "HEPATIC_VEINS").plan();

            assertThat(statusOf(plan, "ivc.ligation")).contains(CONTRAINDICATED);
        }

        @Test
        void ligation_is_recommended_for_an_occluded_cava_with_well_developed_collaterals_below_level_3() {
            Recommendation r = rec(ligatable().plan(), "ivc.ligation");

            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.phase()).isEqualTo(Phase.IVC_MANAGEMENT);
            assertThat(r.parameters()).containsEntry("lumen", "OCCLUDED").containsEntry("collaterals", "WELL_DEVELOPED");
            assertThat(pointersRead(r)).contains("/imaging/0/ivcLumen", "/imaging/0/collaterals", "/imaging/0/cranialExtent");
            assertThat(r.because()).contains(new Fact("/imaging/0/ivcLumen", "OCCLUDED"),
                    new Fact("/imaging/0/collaterals", "WELL_DEVELOPED"));
        }

        @Test
        void ligation_is_not_recommended_when_the_lumen_is_known_not_to_be_occluded() {
            assertThat(statusOf(findings("NARROWED", null).plan(), "ivc.ligation")).contains(NOT_RECOMMENDED);
        }

        @Test
        void ligation_is_not_recommended_when_collaterals_are_known_not_to_be_well_developed() {
            assertThat(statusOf(findings(null, "MINIMAL").plan(), "ivc.ligation")).contains(NOT_RECOMMENDED);
            assertThat(statusOf(findings("OCCLUDED", "NONE").plan(), "ivc.ligation")).contains(NOT_RECOMMENDED);
        }

        @Test
        void ligation_is_conditional_when_the_lumen_is_unknown() {
            Plan plan = findings(null, "WELL_DEVELOPED").plan();

            Recommendation r = rec(plan, "ivc.ligation");
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("occluded").contains("collaterals"));
            assertThat(plan.missingData()).anySatisfy(m -> {
                assertThat(m.pointer()).isEqualTo("/imaging/0/ivcLumen");
                assertThat(m.affects()).contains("ivc.ligation");
            });
        }

        @Test
        void ligation_is_conditional_when_the_collaterals_are_unknown() {
            Plan plan = findings("OCCLUDED", null).plan();

            assertThat(statusOf(plan, "ivc.ligation")).contains(CONDITIONAL);
            assertThat(plan.missingData()).extracting(MissingData::pointer).contains("/imaging/0/collaterals");
        }

        /** Engine's choice: with unknown extents, an occluded cava is not ligated blindly (level 3 may be involved). */
        @Test
        void ligation_is_conditional_when_level_3_is_unknown_even_if_occluded_with_collaterals() {
            Plan plan = ligatable().without("/imaging/0/cranialExtent").without("/imaging/0/caudalExtent").plan();

            assertThat(statusOf(plan, "ivc.ligation")).contains(CONDITIONAL);
        }

        @Test
        void a_known_cranial_extent_below_level_3_is_enough_to_allow_ligation() {
            Plan plan = ligatable().without("/imaging/0/caudalExtent").plan();

            assertThat(statusOf(plan, "ivc.ligation")).contains(RECOMMENDED);
        }

        @Test
        void the_knowledge_base_records_the_corrected_erratum_on_ligation_levels() {
            assertThat(CavaPlanKnowledge.create().errata()).anySatisfy(e -> assertThat(e).contains("1 and 2").contains("2 and 3"));
        }
    }

    @Nested
    class PatchCavoplasty {

        @Test
        void patch_is_recommended_below_the_circumference_threshold() {
            Recommendation r = rec(circumference(74).plan(), "ivc.patch-cavoplasty");

            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.parameters()).containsEntry("material", "bovine pericardium")
                    .containsEntry("sheetCm", List.of(8.0, 12.0)).containsEntry("circumferencePct", 74.0);
            assertThat(r.evidence()).containsIgnoringCase("single source");
            assertThat(pointersRead(r)).contains("/imaging/0/ivcCircumferenceInvolvedPct");
        }

        @Test
        void patch_is_not_recommended_above_the_circumference_threshold() {
            assertThat(statusOf(circumference(76).plan(), "ivc.patch-cavoplasty")).contains(NOT_RECOMMENDED);
        }

        @Test
        void patch_is_only_considered_at_exactly_the_circumference_threshold() {
            Plan plan = circumference(75).plan();

            assertThat(statusOf(plan, "ivc.patch-cavoplasty")).contains(CONSIDER);
            assertThat(warningCodes(plan)).contains("CIRCUMFERENCE_AT_THRESHOLD");
        }

        @Test
        void no_threshold_warning_is_given_away_from_the_threshold() {
            assertThat(warningCodes(circumference(74).plan())).doesNotContain("CIRCUMFERENCE_AT_THRESHOLD");
        }

        @Test
        void patch_is_conditional_when_the_circumference_is_unknown() {
            Plan plan = pretreatment().plan();

            Recommendation r = rec(plan, "ivc.patch-cavoplasty");
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).isPresent();
            assertThat(plan.missingData()).anySatisfy(m -> {
                assertThat(m.pointer()).isEqualTo("/imaging/0/ivcCircumferenceInvolvedPct");
                assertThat(m.affects()).contains("ivc.patch-cavoplasty", "ivc.interposition-graft");
            });
        }

        @Test
        void the_resected_circumference_at_operation_overrides_the_imaging_estimate() {
            Plan plan = operated().with("/imaging/0/ivcCircumferenceInvolvedPct", 40).with("/operation/circumferenceResectedPct", 90)
                    .plan();

            assertThat(statusOf(plan, "ivc.patch-cavoplasty")).contains(NOT_RECOMMENDED);
            assertThat(statusOf(plan, "ivc.interposition-graft")).contains(RECOMMENDED);
            assertThat(pointersRead(rec(plan, "ivc.interposition-graft"))).contains("/operation/circumferenceResectedPct");
        }

        @Test
        void a_resected_length_over_12_cm_warns_that_one_patch_is_too_small() {
            Plan plan = operated().with("/operation/circumferenceResectedPct", 50).with("/operation/resectedLengthCm", 12.5).plan();

            assertThat(warningCodes(plan)).contains("PATCH_TOO_SMALL");
        }

        @Test
        void a_resected_length_of_12_cm_fits_one_patch() {
            Plan plan = operated().with("/operation/circumferenceResectedPct", 50).with("/operation/resectedLengthCm", 12).plan();

            assertThat(warningCodes(plan)).doesNotContain("PATCH_TOO_SMALL");
        }

        @Test
        void no_patch_warning_when_ligation_is_recommended_and_no_patch_is_considered() {
            Plan plan = operated().with("/operation/findings/ivcLumen", "OCCLUDED")
                    .with("/operation/findings/collaterals", "WELL_DEVELOPED").with("/operation/resectedLengthCm", 15).plan();

            assertThat(statusOf(plan, "ivc.ligation")).contains(RECOMMENDED);
            assertThat(warningCodes(plan)).doesNotContain("PATCH_TOO_SMALL");
        }

        @Test
        void patch_and_graft_are_absent_when_ligation_is_recommended() {
            Plan plan = ligatable().with("/imaging/0/ivcCircumferenceInvolvedPct", 100).plan();

            assertThat(statusOf(plan, "ivc.patch-cavoplasty")).isEmpty();
            assertThat(statusOf(plan, "ivc.interposition-graft")).isEmpty();
        }

        @Test
        void reconstruction_is_still_decided_when_ligation_is_only_conditional() {
            Plan plan = findings(null, null).with("/imaging/0/ivcCircumferenceInvolvedPct", 30).plan();

            assertThat(statusOf(plan, "ivc.ligation")).contains(CONDITIONAL);
            assertThat(statusOf(plan, "ivc.patch-cavoplasty")).contains(RECOMMENDED);
        }

        @Test
        void the_75_percent_threshold_comes_from_the_source_and_cannot_be_changed() {
            assertThatThrownBy(() -> Settings.defaults().with("ivc.circumferenceThresholdPct", 80))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class InterpositionGraft {

        @Test
        void graft_is_recommended_above_the_circumference_threshold() {
            Recommendation r = rec(circumference(76).plan(), "ivc.interposition-graft");

            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.parameters()).containsEntry("material", "ringed PTFE").containsEntry("circumferencePct", 76.0);
        }

        @Test
        void graft_is_not_recommended_below_the_circumference_threshold() {
            assertThat(statusOf(circumference(74).plan(), "ivc.interposition-graft")).contains(NOT_RECOMMENDED);
        }

        @Test
        void graft_is_only_considered_at_exactly_the_circumference_threshold() {
            Plan plan = circumference(75).plan();

            assertThat(statusOf(plan, "ivc.interposition-graft")).contains(CONSIDER);
            assertThat(warningCodes(plan)).contains("CIRCUMFERENCE_AT_THRESHOLD");
        }

        @Test
        void graft_is_conditional_when_the_circumference_is_unknown() {
            Recommendation r = rec(pretreatment().plan(), "ivc.interposition-graft");

            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).isPresent();
        }

        @Test
        void graft_diameter_is_taken_from_the_baseline_caval_diameter() {
            Recommendation r = rec(circumference(90).with("/imaging/0/ivcDiameterMm", 22).plan(), "ivc.interposition-graft");

            assertThat(r.parameters()).containsEntry("diameterMm", 22.0);
            assertThat(pointersRead(r)).contains("/imaging/0/ivcDiameterMm");
        }

        @Test
        void graft_diameter_is_left_out_when_the_caval_diameter_is_unknown() {
            assertThat(rec(circumference(90).plan(), "ivc.interposition-graft").parameters()).doesNotContainKey("diameterMm");
        }

        @Test
        void graft_carries_the_thrombosis_and_undersized_ptfe_evidence() {
            Recommendation r = rec(circumference(90).plan(), "ivc.interposition-graft");

            assertThat(r.evidenceUpdates()).hasSize(2);
            assertThat(r.evidenceUpdates()).anySatisfy(u -> assertThat(u.note()).contains("39%"));
            assertThat(r.evidenceUpdates()).anySatisfy(u -> assertThat(u.note()).contains("0.6").contains("92%"));
            assertThat(updateSources(r)).doesNotHaveDuplicates();
        }
    }

    @Nested
    class Contamination {

        @Test
        void a_prosthetic_conduit_is_contraindicated_under_gross_contamination() {
            assertThat(statusOf(contaminated().plan(), "ivc.prosthetic-conduit")).contains(CONTRAINDICATED);
        }

        @Test
        void no_conduit_restriction_without_contamination() {
            Plan clean = operated().with("/operation/findings/grossContamination", false).plan();
            Plan unknown = operated().plan();

            assertThat(statusOf(clean, "ivc.prosthetic-conduit")).isEmpty();
            assertThat(statusOf(clean, "ivc.autologous-vein-conduit")).isEmpty();
            assertThat(statusOf(unknown, "ivc.prosthetic-conduit")).isEmpty();
            assertThat(statusOf(unknown, "ivc.autologous-vein-conduit")).isEmpty();
        }

        @Test
        void autologous_vein_is_recommended_under_contamination_when_ligation_is_not_possible() {
            Plan plan = contaminated().plan();

            assertThat(statusOf(plan, "ivc.ligation")).contains(NOT_RECOMMENDED);
            assertThat(statusOf(plan, "ivc.autologous-vein-conduit")).contains(RECOMMENDED);
        }

        @Test
        void autologous_vein_is_recommended_under_contamination_at_level_3() {
            Plan plan = contaminated().with("/imaging/0/cranialExtent", "HEPATIC_VEINS").with("/imaging/0/ivcLumen", "OCCLUDED")
                    .with("/imaging/0/collaterals", "WELL_DEVELOPED").plan();

            assertThat(statusOf(plan, "ivc.autologous-vein-conduit")).contains(RECOMMENDED);
        }

        @Test
        void autologous_vein_is_only_considered_under_contamination_when_ligation_is_recommended() {
            Plan plan = contaminated().with("/imaging/0/ivcLumen", "OCCLUDED").with("/imaging/0/collaterals", "WELL_DEVELOPED").plan();

            assertThat(statusOf(plan, "ivc.ligation")).contains(RECOMMENDED);
            assertThat(statusOf(plan, "ivc.autologous-vein-conduit")).contains(CONSIDER);
        }

        @Test
        void autologous_vein_is_only_considered_under_contamination_while_ligation_is_conditional() {
            Plan plan = contaminated().without("/imaging/0/ivcLumen").with("/imaging/0/collaterals", "WELL_DEVELOPED").plan();

            assertThat(statusOf(plan, "ivc.ligation")).contains(CONDITIONAL);
            assertThat(statusOf(plan, "ivc.autologous-vein-conduit")).contains(CONSIDER);
        }
    }

    @Nested
    class ConcordanceWithTheOperation {

        @Test
        void ligation_at_level_3_is_discordant() {
            Plan plan = operated().with("/imaging/0/cranialExtent", "HEPATIC_VEINS").with("/operation/ivcManagement", "LIGATION")
                    .plan();

            assertThat(verdictOf(plan, "ivc.ligation")).contains(DISCORDANT);
        }

        @Test
        void ligation_of_an_occluded_cava_with_collaterals_is_concordant() {
            Plan plan = operated().with("/operation/findings/ivcLumen", "OCCLUDED")
                    .with("/operation/findings/collaterals", "WELL_DEVELOPED").with("/operation/ivcManagement", "LIGATION").plan();

            assertThat(verdictOf(plan, "ivc.ligation")).contains(CONCORDANT);
        }

        @Test
        void ligation_cannot_be_assessed_when_the_findings_it_needs_are_missing() {
            Plan plan = operated().without("/imaging/0/ivcLumen").with("/operation/ivcManagement", "LIGATION").plan();

            assertThat(verdictOf(plan, "ivc.ligation")).contains(NOT_ASSESSABLE);
        }

        @Test
        void a_patch_for_more_than_75_percent_is_discordant() {
            Plan plan = operated().with("/operation/circumferenceResectedPct", 90)
                    .with("/operation/ivcManagement", "PATCH_CAVOPLASTY").plan();

            assertThat(verdictOf(plan, "ivc.patch-cavoplasty")).contains(DISCORDANT);
        }

        @Test
        void a_graft_for_less_than_75_percent_is_discordant() {
            Plan plan = operated().with("/operation/circumferenceResectedPct", 50)
                    .with("/operation/ivcManagement", "INTERPOSITION_GRAFT").plan();

            assertThat(verdictOf(plan, "ivc.interposition-graft")).contains(DISCORDANT);
        }

        @Test
        void a_patch_for_less_than_75_percent_is_concordant() {
            Plan plan = operated().with("/operation/circumferenceResectedPct", 50)
                    .with("/operation/ivcManagement", "PATCH_CAVOPLASTY").plan();

            assertThat(verdictOf(plan, "ivc.patch-cavoplasty")).contains(CONCORDANT);
        }

        @Test
        void the_seed_graft_for_a_full_circumference_is_concordant_and_shows_its_inputs() {
            Plan plan = seed().plan();

            Concordance c = plan.concordance().stream().filter(v -> v.id().equals("ivc.interposition-graft")).findFirst()
                    .orElseThrow();
            assertThat(c.verdict()).isEqualTo(CONCORDANT);
            assertThat(c.because()).extracting(f -> f.pointer())
                    .contains("/operation/ivcManagement", "/operation/circumferenceResectedPct");
        }

        @Test
        void ptfe_under_contamination_is_discordant() {
            Plan plan = contaminated().with("/operation/circumferenceResectedPct", 90)
                    .with("/operation/ivcManagement", "INTERPOSITION_GRAFT").with("/operation/conduit", "RINGED_PTFE").plan();

            assertThat(verdictOf(plan, "ivc.prosthetic-conduit")).contains(DISCORDANT);
        }

        @Test
        void no_verdict_is_given_when_no_ivc_management_is_recorded() {
            assertThat(operated().with("/operation/circumferenceResectedPct", 90).plan().concordance()).isEmpty();
        }
    }
}
