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
import static org.cavaplan.knowledge.rules.CaseFixtures.missingPointers;
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
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cavaplan.core.engine.Rule;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.SourceRef;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.cavaplan.knowledge.Facts;
import org.cavaplan.knowledge.Settings;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Plan contract v2, IVC management: ligation (conditional on the operation), primary repair, patch,
 * graft, the renal veins and the conduit under contamination; and the concordance of the management
 * recorded at operation. The base case is a level 1 (infrarenal) tumor involving the IVC wall, before
 * any treatment, curative intent, lumen narrowed on CT.
 */
class IvcRulesTest {

    private static final String PRIMARY_REPAIR_MAX = "ivc.primaryRepairMaxPct";
    private static final String PRIMARY_REPAIR_CONSIDER_MAX = "ivc.primaryRepairConsiderMaxPct";
    private static final String CIRCUMFERENCE_THRESHOLD = "ivc.circumferenceThresholdPct";
    private static final String LIGATION_WHEN = "the operation confirms an occluded cava with well-developed collaterals";
    /** An enum constant of the case or plan vocabulary written into text meant for a tumor board. */
    private static final Pattern CODE = Pattern.compile("\\b[A-Z]+_[A-Z_]+\\b");

    /** The base case with this lumen and these collaterals on the planning CT (null: not recorded). */
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

    /** The base case reaching level 2: suprarenal to infrarenal. */
    private static CaseFixtures level2() {
        return pretreatment().with("/imaging/0/cranialExtent", "SUPRARENAL");
    }

    private static CaseFixtures contaminated() {
        return operated().with("/operation/findings/grossContamination", true);
    }

    private static CaseFixtures recorded(String management, double circumferencePct) {
        return operated().with("/operation/circumferenceResectedPct", circumferencePct).with("/operation/ivcManagement", management);
    }

    private static String note(Plan plan, String id) {
        return concordance(plan, id).note();
    }

    private static Concordance concordance(Plan plan, String id) {
        return plan.concordance().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no concordance " + id + " in " + plan.concordance()));
    }

    private static List<Recommendation> ivcRows(Plan plan) {
        return plan.recommendations().stream().filter(r -> r.phase() == Phase.IVC_MANAGEMENT).toList();
    }

    private static String condition(Settings settings, String id) {
        for (Rule<Facts> rule : CavaPlanKnowledge.create(settings).rules()) {
            if (rule.info().id().equals(id)) {
                return rule.info().condition();
            }
        }
        throw new AssertionError("no rule " + id);
    }

    @Test
    void nothing_is_recommended_for_the_ivc_when_it_is_known_not_to_be_involved() {
        Plan plan = level2().with("/imaging/0/ivcInvolvement", "NONE").with("/imaging/0/ivcCircumferenceInvolvedPct", 90).plan();

        assertThat(ivcRows(plan)).isEmpty();
    }

    @Test
    void the_ivc_rows_follow_the_catalogue_order() {
        Plan plan = level2().with("/imaging/0/ivcCircumferenceInvolvedPct", 40).plan();

        assertThat(ivcRows(plan)).extracting(Recommendation::id).containsExactly("ivc.ligation", "ivc.primary-repair",
                "ivc.patch-cavoplasty", "ivc.interposition-graft", "ivc.renal-vein-management");
    }

    @Test
    void ligation_and_the_interposition_graft_are_key_decisions_and_the_patch_is_not() {
        Plan plan = ligatable().with("/imaging/0/ivcCircumferenceInvolvedPct", 40).plan();

        assertThat(plan.keyDecisions()).extracting(KeyDecision::id).contains("ivc.ligation", "ivc.interposition-graft")
                .doesNotContain("ivc.patch-cavoplasty", "ivc.primary-repair");
    }

    @Test
    void a_ligation_advised_against_is_not_a_key_decision() {
        Plan plan = circumference(90).plan();

        assertThat(statusOf(plan, "ivc.ligation")).contains(NOT_RECOMMENDED);
        assertThat(plan.keyDecisions()).extracting(KeyDecision::id).doesNotContain("ivc.ligation").contains("ivc.interposition-graft");
    }

    @Test
    void no_ivc_row_is_reissued_as_an_instruction_after_the_operation() {
        Plan plan = operated().with("/operation/circumferenceResectedPct", 90).with("/operation/findings/ivcLumen", "OCCLUDED")
                .with("/operation/findings/collaterals", "WELL_DEVELOPED").plan();

        assertThat(ivcRows(plan)).isEmpty();
    }

    @Test
    void ivc_texts_are_short_plain_sentences_without_codes() {
        List<Plan> plans = Stream.of(pretreatment(), ligatable(), findings(null, "MINIMAL"), circumference(10), circumference(40),
                circumference(75), circumference(90).with("/imaging/0/ivcDiameterMm", 22), level2().with("/patient/egfrMlMin", 40),
                level2().with("/imaging/0/invadedOrgans", List.of("RIGHT_KIDNEY")).with("/imaging/0/renalVeinThrombosis", true),
                pretreatment().without("/imaging/0/cranialExtent").without("/imaging/0/caudalExtent"),
                ligatable().with("/imaging/0/cranialExtent", "RIGHT_ATRIUM"),
                circumference(20).with("/imaging/0/intraluminalGrowth", "SIGNIFICANT")).map(CaseFixtures::plan).toList();

        for (Plan plan : plans) {
            for (Recommendation r : ivcRows(plan)) {
                assertThat(r.summary()).as(r.id()).hasSizeLessThanOrEqualTo(140).doesNotContainPattern(CODE);
                assertThat(r.detail()).as(r.id()).doesNotContainPattern(CODE);
                r.when().ifPresent(w -> assertThat(w).as(r.id()).doesNotContainPattern(CODE));
                assertThat(r.sources()).as(r.id()).isNotEmpty();
                assertThat(r.because()).as(r.id()).isNotEmpty();
            }
        }
    }

    @Nested
    class Ligation {

        @Test
        void ligation_is_contraindicated_when_the_upper_segment_is_involved() {
            Plan plan = ligatable().with("/imaging/0/cranialExtent", "HEPATIC_VEINS").plan();

            assertThat(statusOf(plan, "ivc.ligation")).contains(CONTRAINDICATED);
            assertThat(rec(plan, "ivc.ligation").parameters()).containsEntry("upperSegmentInvolved", "yes");
        }

        @Test
        void ligation_is_conditional_before_the_operation_even_when_imaging_shows_occlusion_with_collaterals() {
            Recommendation r = rec(ligatable().plan(), "ivc.ligation");

            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).contains(LIGATION_WHEN);
            assertThat(r.phase()).isEqualTo(Phase.IVC_MANAGEMENT);
            assertThat(r.parameters()).containsEntry("likelyFromImaging", true).containsEntry("lumen", "OCCLUDED")
                    .containsEntry("collaterals", "WELL_DEVELOPED").containsEntry("upperSegmentInvolved", "no");
            assertThat(r.because()).contains(new Fact("/imaging/0/ivcLumen", "OCCLUDED"),
                    new Fact("/imaging/0/collaterals", "WELL_DEVELOPED"), new Fact("/imaging/0/cranialExtent", "INFRARENAL"));
        }

        @Test
        void ligation_is_not_likely_from_imaging_when_imaging_does_not_show_both_findings() {
            Plan plan = findings(null, "WELL_DEVELOPED").plan();

            Recommendation r = rec(plan, "ivc.ligation");
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).contains(LIGATION_WHEN);
            assertThat(r.parameters()).containsEntry("likelyFromImaging", false).containsEntry("lumen", "unknown");
            assertThat(plan.missingData()).anySatisfy(m -> {
                assertThat(m.pointer()).isEqualTo("/imaging/0/ivcLumen");
                assertThat(m.affects()).contains("ivc.ligation");
            });
        }

        @Test
        void ligation_is_conditional_when_the_collaterals_are_unknown() {
            Plan plan = findings("OCCLUDED", null).plan();

            assertThat(statusOf(plan, "ivc.ligation")).contains(CONDITIONAL);
            assertThat(rec(plan, "ivc.ligation").parameters()).containsEntry("likelyFromImaging", false);
            assertThat(missingPointers(plan)).contains("/imaging/0/collaterals");
        }

        @Test
        void ligation_is_not_recommended_when_the_lumen_is_known_not_to_be_occluded() {
            Recommendation r = rec(findings("NARROWED", "WELL_DEVELOPED").plan(), "ivc.ligation");

            assertThat(r.status()).isEqualTo(NOT_RECOMMENDED);
            assertThat(r.summary()).contains("narrowed");
        }

        @Test
        void ligation_is_not_recommended_when_collaterals_are_known_not_to_be_well_developed() {
            assertThat(statusOf(findings(null, "MINIMAL").plan(), "ivc.ligation")).contains(NOT_RECOMMENDED);
            assertThat(statusOf(findings("OCCLUDED", "NONE").plan(), "ivc.ligation")).contains(NOT_RECOMMENDED);
        }

        /** §7.12: with unknown extents the row waits for them too; an occluded cava is not ligated blindly. */
        @Test
        void ligation_is_conditional_on_the_extents_when_level_3_is_unknown() {
            Plan plan = ligatable().without("/imaging/0/cranialExtent").without("/imaging/0/caudalExtent").plan();

            Recommendation r = rec(plan, "ivc.ligation");
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("level 3").endsWith(LIGATION_WHEN));
            assertThat(r.parameters()).containsEntry("upperSegmentInvolved", "unknown");
            assertThat(plan.missingData()).anySatisfy(m -> {
                assertThat(m.pointer()).isEqualTo("/imaging/0/cranialExtent");
                assertThat(m.affects()).contains("ivc.ligation");
            });
        }

        @Test
        void a_known_cranial_extent_below_level_3_is_enough_to_leave_only_the_operation_to_confirm() {
            Recommendation r = rec(ligatable().without("/imaging/0/caudalExtent").plan(), "ivc.ligation");

            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).contains(LIGATION_WHEN);
        }

        /** Reading: a lumen or collaterals known to fail rule ligation out whatever level 3 turns out to be (§7.12 aside). */
        @Test
        void ligation_known_to_fail_stays_not_recommended_while_the_extents_are_unknown() {
            Plan plan = findings("NARROWED", null).without("/imaging/0/cranialExtent").without("/imaging/0/caudalExtent").plan();

            assertThat(statusOf(plan, "ivc.ligation")).contains(NOT_RECOMMENDED);
        }

        @Test
        void level_2_involvement_warns_that_the_renal_outflow_needs_a_plan() {
            assertThat(warningCodes(level2().plan())).contains("RENAL_OUTFLOW");
            assertThat(warningCodes(pretreatment().plan())).doesNotContain("RENAL_OUTFLOW");
        }

        @Test
        void a_reconstruction_plan_is_kept_while_ligation_is_conditional() {
            Plan plan = ligatable().with("/imaging/0/ivcCircumferenceInvolvedPct", 100).plan();

            assertThat(statusOf(plan, "ivc.ligation")).contains(CONDITIONAL);
            assertThat(statusOf(plan, "ivc.interposition-graft")).contains(RECOMMENDED);
            assertThat(statusOf(plan, "ivc.patch-cavoplasty")).contains(NOT_RECOMMENDED);
            assertThat(statusOf(plan, "ivc.primary-repair")).contains(NOT_RECOMMENDED);
        }

        @Test
        void the_knowledge_base_records_the_corrected_erratum_on_ligation_levels() {
            assertThat(CavaPlanKnowledge.create().errata()).anySatisfy(e -> assertThat(e).contains("1 and 2").contains("2 and 3"));
        }
    }

    @Nested
    class PrimaryRepair {

        @Test
        void a_primary_repair_is_at_most_considered_before_the_operation_for_a_small_share() {
            Recommendation r = rec(circumference(20).plan(), "ivc.primary-repair");

            assertThat(r.status()).isEqualTo(CONSIDER);
            assertThat(r.parameters()).containsEntry("circumferencePct", 20.0).containsEntry("circumferenceSource", "estimated on imaging");
            assertThat(r.sources()).extracting(SourceRef::id).contains("caval-surgery-series", "cavaplan-assumption");
            assertThat(pointersRead(r)).contains("/imaging/0/ivcCircumferenceInvolvedPct");
        }

        @Test
        void a_primary_repair_is_considered_up_to_half_of_the_circumference() {
            assertThat(statusOf(circumference(25).plan(), "ivc.primary-repair")).contains(CONSIDER);
            assertThat(statusOf(circumference(40).plan(), "ivc.primary-repair")).contains(CONSIDER);
            assertThat(statusOf(circumference(50).plan(), "ivc.primary-repair")).contains(CONSIDER);
        }

        @Test
        void a_primary_repair_is_not_recommended_above_half_of_the_circumference() {
            Recommendation r = rec(circumference(51).plan(), "ivc.primary-repair");

            assertThat(r.status()).isEqualTo(NOT_RECOMMENDED);
            assertThat(r.summary()).contains("51 %").contains("50 %");
        }

        @Test
        void a_primary_repair_is_not_recommended_for_an_occluded_lumen_whatever_the_circumference() {
            Plan plan = circumference(10).with("/imaging/0/ivcLumen", "OCCLUDED").plan();

            assertThat(statusOf(plan, "ivc.primary-repair")).contains(NOT_RECOMMENDED);
            assertThat(statusOf(pretreatment().with("/imaging/0/ivcLumen", "OCCLUDED").plan(), "ivc.primary-repair"))
                    .contains(NOT_RECOMMENDED);
        }

        @Test
        void a_primary_repair_is_not_recommended_with_significant_intraluminal_growth() {
            Recommendation r = rec(circumference(10).with("/imaging/0/intraluminalGrowth", "SIGNIFICANT").plan(), "ivc.primary-repair");

            assertThat(r.status()).isEqualTo(NOT_RECOMMENDED);
            assertThat(pointersRead(r)).contains("/imaging/0/intraluminalGrowth");
        }

        @Test
        void minor_intraluminal_growth_does_not_rule_out_a_primary_repair() {
            assertThat(statusOf(circumference(10).with("/imaging/0/intraluminalGrowth", "MINOR").plan(), "ivc.primary-repair"))
                    .contains(CONSIDER);
        }

        @Test
        void a_primary_repair_is_conditional_when_the_circumference_is_unknown() {
            Plan plan = pretreatment().plan();

            Recommendation r = rec(plan, "ivc.primary-repair");
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("50 %"));
            assertThat(plan.missingData()).anySatisfy(m -> {
                assertThat(m.pointer()).isEqualTo("/imaging/0/ivcCircumferenceInvolvedPct");
                assertThat(m.affects()).contains("ivc.primary-repair", "ivc.patch-cavoplasty", "ivc.interposition-graft");
            });
        }

        @Test
        void a_centre_can_move_the_primary_repair_limits_and_the_printed_condition_follows() {
            Settings wider = Settings.defaults().with(PRIMARY_REPAIR_CONSIDER_MAX, 60).with(PRIMARY_REPAIR_MAX, 30);

            assertThat(statusOf(circumference(55).plan(wider), "ivc.primary-repair")).contains(CONSIDER);
            assertThat(statusOf(circumference(28).plan(wider), "ivc.patch-cavoplasty")).contains(CONSIDER);
            assertThat(condition(wider, "ivc.primary-repair")).contains("30 %", "60 %").doesNotContain("25 %", "50 %");
            assertThat(condition(Settings.defaults(), "ivc.primary-repair")).contains("25 %", "50 %");
        }
    }

    @Nested
    class PatchCavoplasty {

        @Test
        void patch_is_recommended_above_the_primary_repair_share_and_below_the_circumference_threshold() {
            Recommendation r = rec(circumference(74).plan(), "ivc.patch-cavoplasty");

            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.parameters()).containsEntry("material", "bovine pericardium")
                    .containsEntry("sheetCm", List.of(8.0, 12.0)).containsEntry("circumferencePct", 74.0)
                    .containsEntry("thresholdPct", 75);
            assertThat(r.evidence()).containsIgnoringCase("single source");
            assertThat(pointersRead(r)).contains("/imaging/0/ivcCircumferenceInvolvedPct");
            assertThat(statusOf(circumference(26).plan(), "ivc.patch-cavoplasty")).contains(RECOMMENDED);
        }

        @Test
        void patch_is_only_considered_up_to_the_primary_repair_share() {
            assertThat(statusOf(circumference(25).plan(), "ivc.patch-cavoplasty")).contains(CONSIDER);
            assertThat(statusOf(circumference(10).plan(), "ivc.patch-cavoplasty")).contains(CONSIDER);
            assertThat(warningCodes(circumference(10).plan())).doesNotContain("CIRCUMFERENCE_AT_THRESHOLD");
        }

        @Test
        void a_small_patch_does_not_offer_a_primary_repair_that_the_occluded_lumen_rules_out() {
            Plan plan = circumference(20).with("/imaging/0/ivcLumen", "OCCLUDED").plan();

            assertThat(statusOf(plan, "ivc.patch-cavoplasty")).contains(CONSIDER);
            assertThat(rec(plan, "ivc.patch-cavoplasty").summary()).contains("primary repair is not advised");
            assertThat(rec(circumference(20).plan(), "ivc.patch-cavoplasty").summary()).contains("primary repair may do");
        }

        @Test
        void patch_is_not_recommended_above_the_circumference_threshold() {
            assertThat(statusOf(circumference(76).plan(), "ivc.patch-cavoplasty")).contains(NOT_RECOMMENDED);
        }

        @Test
        void patch_is_only_considered_at_exactly_the_circumference_threshold_with_a_warning() {
            Plan plan = circumference(75).plan();

            assertThat(statusOf(plan, "ivc.patch-cavoplasty")).contains(CONSIDER);
            assertThat(warningCodes(plan)).contains("CIRCUMFERENCE_AT_THRESHOLD");
        }

        @Test
        void no_threshold_warning_is_given_away_from_the_threshold() {
            assertThat(warningCodes(circumference(74).plan())).doesNotContain("CIRCUMFERENCE_AT_THRESHOLD");
            assertThat(warningCodes(circumference(76).plan())).doesNotContain("CIRCUMFERENCE_AT_THRESHOLD");
        }

        @Test
        void patch_is_conditional_when_the_circumference_is_unknown() {
            Recommendation r = rec(pretreatment().plan(), "ivc.patch-cavoplasty");

            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("25 %").contains("75 %"));
        }

        @Test
        void the_75_percent_threshold_comes_from_the_source_and_cannot_be_changed() {
            assertThatThrownBy(() -> Settings.defaults().with(CIRCUMFERENCE_THRESHOLD, 80))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void the_printed_patch_condition_writes_its_numbers_from_the_thresholds() {
            assertThat(condition(Settings.defaults(), "ivc.patch-cavoplasty")).contains("25 %", "75 %", "8 × 12 cm")
                    .doesNotContain("{");
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
        void graft_is_an_option_at_or_below_the_circumference_threshold() {
            assertThat(statusOf(circumference(74).plan(), "ivc.interposition-graft")).contains(CONSIDER);
            assertThat(statusOf(circumference(30).plan(), "ivc.interposition-graft")).contains(CONSIDER);
            assertThat(statusOf(circumference(75).plan(), "ivc.interposition-graft")).contains(CONSIDER);
        }

        @Test
        void graft_is_conditional_when_the_circumference_is_unknown() {
            Recommendation r = rec(pretreatment().plan(), "ivc.interposition-graft");

            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("75 %"));
        }

        @Test
        void the_native_caval_diameter_is_given_as_such_with_the_sizing_options() {
            Recommendation r = rec(circumference(90).with("/imaging/0/ivcDiameterMm", 22).plan(), "ivc.interposition-graft");

            assertThat(r.parameters()).containsEntry("nativeIvcDiameterMm", 22.0).doesNotContainKey("diameterMm");
            assertThat(r.parameters().get("sizingOptions")).asInstanceOf(InstanceOfAssertFactories.list(String.class)).hasSize(2)
                    .anySatisfy(o -> assertThat(o).contains("matched").contains("22 mm"))
                    .anySatisfy(o -> assertThat(o).contains("undersized").contains("0.6").contains("13 mm"));
            assertThat(pointersRead(r)).contains("/imaging/0/ivcDiameterMm");
        }

        @Test
        void without_a_caval_diameter_the_sizing_options_stay_and_no_diameter_is_invented() {
            Recommendation r = rec(circumference(90).plan(), "ivc.interposition-graft");

            assertThat(r.parameters()).doesNotContainKey("nativeIvcDiameterMm");
            assertThat(r.parameters().get("sizingOptions")).asInstanceOf(InstanceOfAssertFactories.list(String.class)).hasSize(2).noneSatisfy(o -> assertThat(o).contains("mm"));
        }

        @Test
        void graft_carries_the_thrombosis_and_undersized_ptfe_evidence_with_their_sources_named() {
            Recommendation r = rec(circumference(90).plan(), "ivc.interposition-graft");

            assertThat(updateSources(r)).containsExactly("IVC graft series", "Undersized ringed PTFE");
            assertThat(r.evidenceUpdates()).anySatisfy(u -> assertThat(u.note()).contains("Illuminati").contains("39 %"));
            assertThat(r.evidenceUpdates()).anySatisfy(u -> assertThat(u.note()).contains("Pantoja").contains("0.6").contains("92 %"));
            assertThat(r.sources()).extracting(SourceRef::id).contains("seed", "IVC graft series", "Undersized ringed PTFE");
        }
    }

    @Nested
    class RenalVeins {

        @Test
        void renal_veins_are_planned_when_level_2_is_involved() {
            Recommendation r = rec(level2().plan(), "ivc.renal-vein-management");

            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.summary()).contains("right renal vein").contains("left");
            assertThat(r.parameters()).containsEntry("rightKidneyInvaded", "unknown").containsEntry("renalVeinThrombosis", "unknown");
            assertThat(pointersRead(r)).contains("/imaging/0/cranialExtent");
        }

        @Test
        void renal_veins_are_planned_when_the_renal_veins_are_an_extent() {
            Plan plan = pretreatment().with("/imaging/0/cranialExtent", "RENAL_VEINS").with("/imaging/0/caudalExtent", "RENAL_VEINS")
                    .plan();

            assertThat(statusOf(plan, "ivc.renal-vein-management")).contains(RECOMMENDED);
        }

        @Test
        void nothing_is_said_of_the_renal_veins_below_them() {
            assertThat(statusOf(pretreatment().plan(), "ivc.renal-vein-management")).isEmpty();
        }

        @Test
        void nothing_is_said_of_the_renal_veins_when_the_ivc_is_not_involved() {
            assertThat(statusOf(level2().with("/imaging/0/ivcInvolvement", "NONE").plan(), "ivc.renal-vein-management")).isEmpty();
        }

        @Test
        void renal_veins_are_conditional_on_the_extents_when_they_are_unknown() {
            Plan plan = pretreatment().without("/imaging/0/cranialExtent").without("/imaging/0/caudalExtent").plan();

            Recommendation r = rec(plan, "ivc.renal-vein-management");
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("level 2"));
            assertThat(plan.missingData()).filteredOn(m -> m.affects().contains("ivc.renal-vein-management"))
                    .extracting(MissingData::pointer).contains("/imaging/0/cranialExtent", "/imaging/0/caudalExtent");
        }

        @Test
        void an_invaded_right_kidney_turns_the_plan_to_a_right_nephrectomy() {
            Recommendation r = rec(level2().with("/imaging/0/invadedOrgans", List.of("RIGHT_KIDNEY"))
                    .with("/imaging/0/renalVeinThrombosis", true).plan(), "ivc.renal-vein-management");

            assertThat(r.summary()).contains("right kidney");
            assertThat(r.parameters()).containsEntry("rightKidneyInvaded", "yes").containsEntry("renalVeinThrombosis", "yes");
            assertThat(pointersRead(r)).contains("/imaging/0/invadedOrgans", "/imaging/0/renalVeinThrombosis");
        }

        @Test
        void low_renal_function_warns_on_the_renal_vein_plan() {
            Plan plan = level2().with("/patient/egfrMlMin", 45).plan();

            assertThat(warningCodes(plan)).contains("RENAL_FUNCTION");
            assertThat(plan.warnings()).filteredOn(w -> w.code().equals("RENAL_FUNCTION"))
                    .allSatisfy(w -> assertThat(w.message()).contains("45").contains("60"));
            assertThat(pointersRead(rec(plan, "ivc.renal-vein-management"))).contains("/patient/egfrMlMin");
        }

        @Test
        void no_renal_function_warning_at_the_limit_or_without_the_renal_vein_row() {
            assertThat(warningCodes(level2().with("/patient/egfrMlMin", 60).plan())).doesNotContain("RENAL_FUNCTION");
            assertThat(warningCodes(pretreatment().with("/patient/egfrMlMin", 45).plan())).doesNotContain("RENAL_FUNCTION");
        }
    }

    @Nested
    class Contamination {

        /** Contamination is recorded only at the operation, after which IVC rows are judged, not re-issued. */
        @Test
        void the_conduit_rows_are_not_reissued_after_the_operation() {
            Plan plan = contaminated().with("/operation/circumferenceResectedPct", 90).plan();

            assertThat(statusOf(plan, "ivc.prosthetic-conduit")).isEmpty();
            assertThat(statusOf(plan, "ivc.autologous-vein-conduit")).isEmpty();
        }

        @Test
        void without_contamination_no_conduit_row_appears_before_the_operation() {
            Plan plan = circumference(90).plan();

            assertThat(statusOf(plan, "ivc.prosthetic-conduit")).isEmpty();
            assertThat(statusOf(plan, "ivc.autologous-vein-conduit")).isEmpty();
        }
    }

    @Nested
    class ConcordanceWithTheOperation {

        @Test
        void ligation_at_level_3_is_discordant_and_the_note_says_why_in_words() {
            Plan plan = operated().with("/imaging/0/cranialExtent", "HEPATIC_VEINS").with("/operation/ivcManagement", "LIGATION")
                    .with("/operation/findings/ivcLumen", "OCCLUDED").with("/operation/findings/collaterals", "WELL_DEVELOPED")
                    .plan();

            assertThat(verdictOf(plan, "ivc.ligation")).contains(DISCORDANT);
            assertThat(note(plan, "ivc.ligation")).contains("level 3 is involved", "hepatic veins").doesNotContainPattern(CODE);
        }

        @Test
        void ligation_without_an_occluded_cava_with_well_developed_collaterals_is_discordant() {
            Plan plan = operated().with("/operation/findings/ivcLumen", "NARROWED").with("/operation/ivcManagement", "LIGATION").plan();

            assertThat(verdictOf(plan, "ivc.ligation")).contains(DISCORDANT);
            assertThat(note(plan, "ivc.ligation")).contains("lumen narrowed at operation").doesNotContainPattern(CODE);
        }

        @Test
        void ligation_with_minimal_collaterals_is_discordant_even_when_the_lumen_was_occluded() {
            Plan plan = operated().with("/operation/findings/ivcLumen", "OCCLUDED").with("/operation/findings/collaterals", "MINIMAL")
                    .with("/operation/ivcManagement", "LIGATION").plan();

            assertThat(verdictOf(plan, "ivc.ligation")).contains(DISCORDANT);
        }

        @Test
        void ligation_of_an_occluded_cava_with_collaterals_below_level_3_is_concordant() {
            Plan plan = operated().with("/operation/findings/ivcLumen", "OCCLUDED")
                    .with("/operation/findings/collaterals", "WELL_DEVELOPED").with("/operation/ivcManagement", "LIGATION").plan();

            assertThat(verdictOf(plan, "ivc.ligation")).contains(CONCORDANT);
            assertThat(note(plan, "ivc.ligation")).contains("level 3 is not involved", "infrarenal IVC", "lumen occluded at operation",
                    "collaterals well developed at operation");
            assertThat(concordance(plan, "ivc.ligation").because()).extracting(Fact::pointer)
                    .contains("/operation/ivcManagement", "/operation/findings/ivcLumen", "/operation/findings/collaterals");
        }

        @Test
        void ligation_cannot_be_assessed_when_the_findings_it_needs_are_missing() {
            Plan plan = operated().without("/imaging/0/ivcLumen").with("/operation/ivcManagement", "LIGATION").plan();

            assertThat(verdictOf(plan, "ivc.ligation")).contains(NOT_ASSESSABLE);
            assertThat(note(plan, "ivc.ligation")).contains("lumen not recorded", "collaterals not recorded");
        }

        @Test
        void ligation_cannot_be_assessed_when_the_extents_are_unknown() {
            Plan plan = operated().without("/imaging/0/cranialExtent").without("/imaging/0/caudalExtent")
                    .with("/operation/findings/ivcLumen", "OCCLUDED").with("/operation/findings/collaterals", "WELL_DEVELOPED")
                    .with("/operation/ivcManagement", "LIGATION").plan();

            assertThat(verdictOf(plan, "ivc.ligation")).contains(NOT_ASSESSABLE);
            assertThat(note(plan, "ivc.ligation")).contains("upper extent not recorded");
        }

        @Test
        void a_primary_repair_above_half_of_the_circumference_is_discordant() {
            Plan plan = recorded("PRIMARY_REPAIR", 60).plan();

            assertThat(verdictOf(plan, "ivc.primary-repair")).contains(DISCORDANT);
            assertThat(note(plan, "ivc.primary-repair")).contains("60 %", "50 %", "resected at operation");
        }

        @Test
        void a_primary_repair_up_to_half_of_the_circumference_is_concordant() {
            assertThat(verdictOf(recorded("PRIMARY_REPAIR", 50).plan(), "ivc.primary-repair")).contains(CONCORDANT);
            assertThat(verdictOf(recorded("PRIMARY_REPAIR", 20).plan(), "ivc.primary-repair")).contains(CONCORDANT);
        }

        @Test
        void a_primary_repair_cannot_be_assessed_without_a_circumference() {
            Plan plan = operated().with("/operation/ivcManagement", "PRIMARY_REPAIR").plan();

            assertThat(verdictOf(plan, "ivc.primary-repair")).contains(NOT_ASSESSABLE);
        }

        /** Reading: the contract's concordance list judges a primary repair by the circumference alone. */
        @Test
        void a_primary_repair_is_judged_by_the_resected_circumference_alone() {
            Plan plan = recorded("PRIMARY_REPAIR", 20).with("/operation/findings/ivcLumen", "OCCLUDED").plan();

            assertThat(verdictOf(plan, "ivc.primary-repair")).contains(CONCORDANT);
        }

        @Test
        void a_patch_above_75_percent_is_discordant() {
            Plan plan = recorded("PATCH_CAVOPLASTY", 90).plan();

            assertThat(verdictOf(plan, "ivc.patch-cavoplasty")).contains(DISCORDANT);
            assertThat(note(plan, "ivc.patch-cavoplasty")).contains("90 %", "75 %").doesNotContainPattern(CODE);
        }

        @Test
        void a_patch_up_to_75_percent_is_concordant() {
            assertThat(verdictOf(recorded("PATCH_CAVOPLASTY", 75).plan(), "ivc.patch-cavoplasty")).contains(CONCORDANT);
            assertThat(verdictOf(recorded("PATCH_CAVOPLASTY", 20).plan(), "ivc.patch-cavoplasty")).contains(CONCORDANT);
        }

        @Test
        void a_patch_cannot_be_assessed_without_a_circumference() {
            Plan plan = operated().with("/operation/ivcManagement", "PATCH_CAVOPLASTY").plan();

            assertThat(verdictOf(plan, "ivc.patch-cavoplasty")).contains(NOT_ASSESSABLE);
        }

        @Test
        void the_imaging_estimate_judges_a_patch_when_the_operation_did_not_measure_the_circumference() {
            Plan plan = operated().with("/imaging/0/ivcCircumferenceInvolvedPct", 40).with("/operation/ivcManagement", "PATCH_CAVOPLASTY")
                    .plan();

            assertThat(verdictOf(plan, "ivc.patch-cavoplasty")).contains(CONCORDANT);
            assertThat(note(plan, "ivc.patch-cavoplasty")).contains("involved on CT of 2020-01-10");
        }

        @Test
        void a_resected_length_over_one_pericardial_sheet_is_named_in_the_patch_verdict() {
            Plan longer = recorded("PATCH_CAVOPLASTY", 50).with("/operation/resectedLengthCm", 12.5).plan();
            Plan fits = recorded("PATCH_CAVOPLASTY", 50).with("/operation/resectedLengthCm", 12).plan();

            assertThat(note(longer, "ivc.patch-cavoplasty")).contains("12.5 cm", "12 cm pericardial sheet");
            assertThat(concordance(longer, "ivc.patch-cavoplasty").because()).extracting(Fact::pointer)
                    .contains("/operation/resectedLengthCm");
            assertThat(note(fits, "ivc.patch-cavoplasty")).doesNotContain("sheet");
        }

        @Test
        void a_graft_is_concordant_at_any_circumference() {
            assertThat(verdictOf(recorded("INTERPOSITION_GRAFT", 50).plan(), "ivc.interposition-graft")).contains(CONCORDANT);
            assertThat(verdictOf(recorded("INTERPOSITION_GRAFT", 10).plan(), "ivc.interposition-graft")).contains(CONCORDANT);
            assertThat(verdictOf(operated().with("/operation/ivcManagement", "INTERPOSITION_GRAFT").plan(), "ivc.interposition-graft"))
                    .contains(CONCORDANT);
        }

        @Test
        void the_seed_graft_for_a_full_circumference_is_concordant_and_shows_its_inputs() {
            Plan plan = seed().plan();

            Concordance c = concordance(plan, "ivc.interposition-graft");
            assertThat(c.verdict()).isEqualTo(CONCORDANT);
            assertThat(c.note()).contains("100 %");
            assertThat(c.because()).extracting(Fact::pointer).contains("/operation/ivcManagement", "/operation/circumferenceResectedPct");
        }

        @Test
        void ptfe_under_contamination_is_discordant() {
            Plan plan = contaminated().with("/operation/circumferenceResectedPct", 90)
                    .with("/operation/ivcManagement", "INTERPOSITION_GRAFT").with("/operation/conduit", "RINGED_PTFE").plan();

            assertThat(verdictOf(plan, "ivc.prosthetic-conduit")).contains(DISCORDANT);
            assertThat(note(plan, "ivc.prosthetic-conduit")).contains("ringed PTFE", "contamination");
            assertThat(verdictOf(plan, "ivc.interposition-graft")).contains(CONCORDANT);
        }

        @Test
        void autologous_vein_under_contamination_is_concordant() {
            Plan plan = contaminated().with("/operation/circumferenceResectedPct", 90)
                    .with("/operation/ivcManagement", "INTERPOSITION_GRAFT").with("/operation/conduit", "AUTOLOGOUS_VEIN").plan();

            assertThat(verdictOf(plan, "ivc.prosthetic-conduit")).contains(CONCORDANT);
            assertThat(note(plan, "ivc.prosthetic-conduit")).contains("autologous vein");
        }

        /** §7.13: "prosthetic" means ringed PTFE; another material is not known to be prosthetic. */
        @Test
        void another_conduit_material_or_none_recorded_under_contamination_cannot_be_assessed() {
            Plan other = contaminated().with("/operation/circumferenceResectedPct", 90)
                    .with("/operation/ivcManagement", "INTERPOSITION_GRAFT").with("/operation/conduit", "OTHER").plan();
            Plan none = contaminated().with("/operation/circumferenceResectedPct", 90)
                    .with("/operation/ivcManagement", "INTERPOSITION_GRAFT").plan();

            assertThat(verdictOf(other, "ivc.prosthetic-conduit")).contains(NOT_ASSESSABLE);
            assertThat(verdictOf(none, "ivc.prosthetic-conduit")).contains(NOT_ASSESSABLE);
        }

        @Test
        void no_conduit_verdict_without_recorded_contamination() {
            Plan plan = recorded("INTERPOSITION_GRAFT", 90).with("/operation/conduit", "RINGED_PTFE").plan();

            assertThat(verdictOf(plan, "ivc.prosthetic-conduit")).isEmpty();
        }

        /** Reading: what the operation did is judged even when the planning imaging called the IVC uninvolved. */
        @Test
        void a_recorded_management_is_judged_even_when_imaging_called_the_ivc_uninvolved() {
            Plan plan = recorded("PATCH_CAVOPLASTY", 90).with("/imaging/0/ivcInvolvement", "NONE").plan();

            assertThat(verdictOf(plan, "ivc.patch-cavoplasty")).contains(DISCORDANT);
        }

        @Test
        void no_verdict_is_given_when_no_ivc_management_is_recorded() {
            assertThat(operated().with("/operation/circumferenceResectedPct", 90).plan().concordance())
                    .noneSatisfy(c -> assertThat(c.id()).startsWith("ivc."));
        }
    }
}
