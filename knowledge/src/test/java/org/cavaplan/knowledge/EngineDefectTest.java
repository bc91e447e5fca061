package org.cavaplan.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cavaplan.core.engine.Assessment;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.engine.KnowledgeBase;
import org.cavaplan.core.engine.Opening;
import org.cavaplan.core.engine.Rule;
import org.cavaplan.core.engine.RuleInfo;
import org.cavaplan.core.engine.SourceInfo;
import org.cavaplan.core.engine.Threshold;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Classification;
import org.cavaplan.core.plan.DiseaseStatus;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.FactLabels;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.RedFlag;
import org.cavaplan.core.plan.SourceRef;
import org.cavaplan.core.plan.Stage;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.plan.Warning;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.ReadResult;
import org.junit.jupiter.api.Test;

/**
 * The engine (core) against knowledge bases with defects: it refuses them rather than print a plan
 * with a recommendation twice or under the wrong rule. A tiny knowledge base of its own stands in.
 */
class EngineDefectTest {

    private static final SourceRef SOURCE = new SourceRef("review", "Introduction");

    /** A rule that emits whatever recommendations it is given (by id), plus a warning and a missing fact. */
    private record Emits(String id, List<String> emitted) implements Rule<Case> {
        @Override
        public RuleInfo info() {
            return new RuleInfo(id, Optional.of(Phase.WORKUP), "always", "test", List.of(SOURCE), List.of());
        }

        @Override
        public List<Finding> evaluate(Case facts) {
            List<Finding> out = new java.util.ArrayList<>();
            for (String each : emitted) {
                out.add(new Recommendation(each, Phase.WORKUP, Status.RECOMMENDED, "Do " + each + ".", "Detail.",
                        Optional.empty(), "test", List.of(SOURCE), List.of(new Fact("/caseId", facts.caseId())),
                        java.util.Map.of(), List.of()));
            }
            out.add(new Warning("W_" + id.toUpperCase(), "from " + id));
            out.add(new MissingData("/patient/ecog", "needed", List.of(id)));
            return out;
        }
    }

    private record Tiny(List<Rule<Case>> rules, List<Finding> assessed) implements KnowledgeBase<Case> {
        @Override
        public String version() {
            return "test-1";
        }

        @Override
        public Case derive(Case kase, LocalDate asOf) {
            return kase;
        }

        @Override
        public Assessment assess(Case facts) {
            return new Assessment(Stage.PRETREATMENT, Intent.UNDETERMINED, DiseaseStatus.UNTREATED,
                    new Classification(List.of(), false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                    Optional.empty(), assessed);
        }

        @Override
        public Opening opening(Case facts, List<Recommendation> recommendations, List<RedFlag> raised) {
            return new Opening(List.of(), raised);
        }

        @Override
        public FactLabels labels(Case facts) {
            return FactLabels.POINTERS;
        }

        @Override
        public Map<String, Object> changedAssumptions() {
            return Map.of();
        }

        @Override
        public List<Threshold> thresholds() {
            return List.of();
        }

        @Override
        public List<SourceInfo> sources() {
            return List.of();
        }

        @Override
        public List<String> errata() {
            return List.of();
        }
    }

    private static Case seed() {
        ReadResult read = CaseReader.create().read("""
                {
                  "schemaVersion": "1",
                  "caseId": "defect-test",
                  "patient": { "ageYears": 60, "sex": "FEMALE" },
                  "imaging": [ { "date": "2020-01-10", "modality": "CT" } ]
                }
                """);
        assertThat(read).isInstanceOf(ReadResult.Valid.class);
        return ((ReadResult.Valid) read).value();
    }

    @Test
    void well_formed_rules_give_their_recommendations_in_catalogue_order_and_merge_what_they_miss() {
        Engine engine = Engine.create(new Tiny(List.of(new Emits("b.second", List.of("b.second")),
                new Emits("a.first", List.of("a.first")), new Emits("c.silent", List.of())), List.of()));
        Plan plan = engine.plan(seed(), LocalDate.of(2026, 1, 1));
        assertThat(plan.recommendations()).extracting(Recommendation::id).containsExactly("b.second", "a.first");
        assertThat(plan.warnings()).extracting(Warning::code).containsExactly("W_A.FIRST", "W_B.SECOND", "W_C.SILENT");
        assertThat(plan.missingData()).singleElement().satisfies(m -> {
            assertThat(m.pointer()).isEqualTo("/patient/ecog");
            assertThat(m.affects()).containsExactly("a.first", "b.second", "c.silent");
        });
    }

    @Test
    void two_rules_with_one_id_are_refused_when_the_engine_is_created() {
        Tiny twice = new Tiny(List.of(new Emits("a.rule", List.of("a.rule")), new Emits("a.rule", List.of())), List.of());
        assertThatThrownBy(() -> Engine.create(twice)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two rules have the id a.rule");
    }

    @Test
    void a_rule_that_emits_a_recommendation_under_another_rules_id_fails_the_plan() {
        Engine engine = Engine.create(new Tiny(List.of(new Emits("a.rule", List.of("a.rule")),
                new Emits("b.rule", List.of("a.rule"))), List.of()));
        assertThatThrownBy(() -> engine.plan(seed(), LocalDate.of(2026, 1, 1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rule b.rule emitted recommendation a.rule");
    }

    @Test
    void a_rule_that_emits_two_recommendations_fails_the_plan() {
        Engine engine = Engine.create(new Tiny(List.of(new Emits("a.rule", List.of("a.rule", "a.rule"))), List.of()));
        assertThatThrownBy(() -> engine.plan(seed(), LocalDate.of(2026, 1, 1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rule a.rule emitted recommendation a.rule after another");
    }

    @Test
    void an_assessment_that_carries_a_recommendation_fails_the_plan() {
        Case kase = seed();
        List<Finding> stray = new Emits("x.rule", List.of("x.rule")).evaluate(kase);
        Engine engine = Engine.create(new Tiny(List.of(), stray));
        assertThatThrownBy(() -> engine.plan(kase, LocalDate.of(2026, 1, 1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the assessment emitted recommendation x.rule");
    }
}
