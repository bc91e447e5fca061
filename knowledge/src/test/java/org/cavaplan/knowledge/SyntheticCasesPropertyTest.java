package org.cavaplan.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.DiseaseStatus;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.FactLabels;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.Stage;
import org.cavaplan.core.plan.Status;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.PlanJson;
import org.cavaplan.io.ReadResult;
import org.cavaplan.io.SyntheticCases;
import org.junit.jupiter.api.Test;

/** Properties of the engine over thousands of generated cases (many seeds). */
class SyntheticCasesPropertyTest {

    private static final CaseReader READER = CaseReader.create();
    private static final Engine ENGINE = Engine.create(CavaPlanKnowledge.create());
    private static final int SEEDS = 40;
    private static final int PER_SEED = 100;

    private static Case read(ObjectNode json) {
        ReadResult result = READER.read(json);
        assertThat(result).as(json.get("caseId").asText() + " " + result).isInstanceOf(ReadResult.Valid.class);
        return ((ReadResult.Valid) result).value();
    }

    @Test
    void every_synthetic_case_is_valid_labelled_synthetic_and_planned_without_defects() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            for (ObjectNode json : SyntheticCases.generate(seed, 1, PER_SEED)) {
                Case kase = read(json);
                assertThat(kase.caseId()).startsWith("SYNTH-");
                Plan plan = ENGINE.plan(kase, kase.latestDate());
                Set<String> ids = new HashSet<>();
                boolean operated = plan.stage() == Stage.POSTOPERATIVE || plan.stage() == Stage.FOLLOW_UP;
                for (Recommendation r : plan.recommendations()) {
                    assertThat(ids.add(r.id())).as("%s emitted twice for %s", r.id(), kase.caseId()).isTrue();
                    assertThat(r.sources()).isNotEmpty();
                    assertThat(r.summary()).isNotBlank().hasSizeLessThanOrEqualTo(140);
                    assertThat(r.because()).isNotEmpty();
                    assertThat(r.when().isPresent()).isEqualTo(r.status() == Status.CONDITIONAL);
                    assertThat(operated && BEFORE_THE_OPERATION.contains(r.phase()))
                            .as("%s re-issued after the operation for %s", r.id(), kase.caseId()).isFalse();
                    labelled(plan, r.because(), kase.caseId());
                }
                plan.redFlags().forEach(f -> labelled(plan, f.because(), kase.caseId()));
                plan.concordance().forEach(c -> labelled(plan, c.because(), kase.caseId()));
                if (plan.diseaseStatus() == DiseaseStatus.PERSISTENT) {
                    assertThat(plan.recommendation("recurrence.resection")).as(kase.caseId()).isEmpty();
                }
                if (plan.redFlags().stream().anyMatch(f -> f.code().equals("DECEASED"))) {
                    assertThat(plan.recommendations()).as(kase.caseId()).isEmpty();
                }
                assertThat(plan.keyDecisions()).hasSizeLessThanOrEqualTo(10);
                for (int i = 1; i < plan.recommendations().size(); i++) {
                    assertThat(plan.recommendations().get(i - 1).phase()).isLessThanOrEqualTo(plan.recommendations().get(i).phase());
                }
            }
        }
    }

    /** The phases whose rows are for before the operation only (plan contract v2, stage rule). */
    private static final Set<Phase> BEFORE_THE_OPERATION = EnumSet.of(Phase.WORKUP, Phase.NEOADJUVANT, Phase.PREOPERATIVE,
            Phase.OPERATIVE, Phase.IVC_MANAGEMENT);

    /** Every fact a person reads has words from the vocabulary, never the pointer-and-value fallback. */
    private static void labelled(Plan plan, List<Fact> facts, String caseId) {
        for (Fact f : facts) {
            assertThat(plan.label(f)).as("label of %s in %s", f.pointer(), caseId).isNotBlank()
                    .isNotEqualTo(FactLabels.POINTERS.label(f)).doesNotStartWith("/");
        }
    }

    @Test
    void the_engine_never_throws_for_any_as_of_date_and_only_a_deceased_patient_gets_no_recommendation() {
        for (ObjectNode json : SyntheticCases.generate(7, 1, 300)) {
            Case kase = read(json);
            for (int days = -400; days <= 4000; days += 365) {
                Plan plan = ENGINE.plan(kase, kase.latestDate().plusDays(days));
                boolean deceased = plan.redFlags().stream().anyMatch(f -> f.code().equals("DECEASED"));
                assertThat(plan.recommendations().isEmpty()).as("%s on %s", kase.caseId(), plan.asOf()).isEqualTo(deceased);
            }
        }
    }

    @Test
    void the_same_seed_gives_the_same_cases_and_another_seed_other_cases() {
        assertThat(SyntheticCases.generate(3, 1, 50)).isEqualTo(SyntheticCases.generate(3, 1, 50));
        assertThat(SyntheticCases.generate(3, 1, 50)).isNotEqualTo(SyntheticCases.generate(4, 1, 50));
    }

    @Test
    void the_synthetic_cohort_covers_every_part_of_the_pathway() {
        Set<String> seen = new HashSet<>();
        for (ObjectNode json : SyntheticCases.generate(11, 1, 1000)) {
            Case kase = read(json);
            Plan plan = ENGINE.plan(kase, kase.latestDate());
            seen.add("stage:" + plan.stage());
            plan.classification().ivcLevels().forEach(l -> seen.add("level:" + l));
            kase.operation().flatMap(o -> o.ivcManagement()).ifPresent(m -> seen.add("ivc:" + m));
            kase.pathology().ifPresent(p -> seen.add("margin:" + p.margin()));
            plan.classification().fnclccGrade().ifPresent(g -> seen.add("grade:" + g));
            kase.neoadjuvant().ifPresent(n -> seen.add("neoadjuvant"));
            kase.followUp().stream().filter(v -> v.recordsRecurrence()).findAny().ifPresent(v -> seen.add("recurrence"));
            kase.outcome().ifPresent(o -> seen.add("outcome:" + o.vitalStatus()));
            plan.response().ifPresent(r -> seen.add("response:" + r.category()));
        }
        assertThat(seen).contains("stage:PRETREATMENT", "stage:POST_NEOADJUVANT", "stage:POSTOPERATIVE", "stage:FOLLOW_UP",
                "level:1", "level:2", "level:3", "ivc:LIGATION", "ivc:PATCH_CAVOPLASTY", "ivc:INTERPOSITION_GRAFT",
                "ivc:PRIMARY_REPAIR", "margin:R0", "margin:R1", "margin:R2", "grade:1", "grade:2", "grade:3", "neoadjuvant",
                "recurrence", "outcome:ALIVE", "outcome:DEAD", "response:SD");
    }

    /**
     * Before the operation (plan contract v2, IVC management): raising the circumference to resect never turns a
     * planned graft back into a patch, a graft is never advised against, and ligation is never more than CONDITIONAL.
     */
    @Test
    void before_the_operation_raising_the_circumference_never_turns_a_graft_into_a_patch_nor_makes_ligation_the_plan() {
        int checked = 0;
        for (ObjectNode json : SyntheticCases.generate(5, 1, 400)) {
            ObjectNode before = json.deepCopy();
            before.remove(List.of("operation", "pathology", "postoperative", "followUp", "outcome"));
            Optional<Status> previousGraft = Optional.empty();
            for (int pct = 0; pct <= 100; pct += 5) {
                ObjectNode copy = before.deepCopy();
                for (com.fasterxml.jackson.databind.JsonNode study : copy.get("imaging")) {
                    ((ObjectNode) study).put("ivcCircumferenceInvolvedPct", pct);
                }
                Case kase = read(copy);
                Plan plan = ENGINE.plan(kase, kase.latestDate());
                Optional<Status> graft = plan.recommendation("ivc.interposition-graft").map(Recommendation::status);
                Optional<Status> patch = plan.recommendation("ivc.patch-cavoplasty").map(Recommendation::status);
                Optional<Status> ligation = plan.recommendation("ivc.ligation").map(Recommendation::status);
                assertThat(graft).as("graft at %d%% for %s", pct, kase.caseId())
                        .isNotIn(Optional.of(Status.NOT_RECOMMENDED), Optional.of(Status.CONTRAINDICATED));
                assertThat(ligation).as("ligation at %d%% for %s", pct, kase.caseId()).isNotEqualTo(Optional.of(Status.RECOMMENDED));
                if (previousGraft.filter(s -> s == Status.RECOMMENDED).isPresent()) {
                    assertThat(graft).as("graft at %d%% for %s", pct, kase.caseId()).contains(Status.RECOMMENDED);
                    assertThat(patch.filter(s -> s == Status.RECOMMENDED)).as("patch at %d%% for %s", pct, kase.caseId()).isEmpty();
                }
                previousGraft = graft;
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    /** After the operation (v2): an interposition graft is concordant at any recorded circumference. */
    @Test
    void after_the_operation_a_recorded_interposition_graft_is_concordant_at_any_circumference() {
        int checked = 0;
        for (ObjectNode json : SyntheticCases.generate(5, 1, 400)) {
            com.fasterxml.jackson.databind.JsonNode op = json.path("operation");
            if (!"INTERPOSITION_GRAFT".equals(op.path("ivcManagement").asText())
                    || "NONE".equals(json.path("imaging").path(0).path("ivcInvolvement").asText())) {
                continue;
            }
            for (int pct = 0; pct <= 100; pct += 5) {
                ObjectNode copy = json.deepCopy();
                ((ObjectNode) copy.get("operation")).put("circumferenceResectedPct", pct);
                Case kase = read(copy);
                Plan plan = ENGINE.plan(kase, kase.latestDate());
                assertThat(plan.concordance().stream().filter(c -> c.id().equals("ivc.interposition-graft"))
                        .map(c -> c.verdict().name()).toList()).as("graft at %d%% for %s", pct, kase.caseId())
                        .containsExactly("CONCORDANT");
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(500);
    }

    /** Every optional field, removed one at a time from real-looking cases: the engine still plans. */
    @Test
    void the_engine_plans_every_case_with_any_one_optional_field_left_out() {
        int planned = 0;
        for (ObjectNode json : SyntheticCases.generate(13, 1, 60)) {
            for (String pointer : optionalPointers(json, "")) {
                ObjectNode copy = json.deepCopy();
                int cut = pointer.lastIndexOf('/');
                ((ObjectNode) copy.at(pointer.substring(0, cut))).remove(pointer.substring(cut + 1));
                ReadResult result = READER.read(copy);
                if (result instanceof ReadResult.Valid valid) {
                    Case kase = valid.value();
                    assertThat(ENGINE.plan(kase, kase.latestDate()).recommendations()).as(pointer).isNotNull();
                    planned++;
                }
            }
        }
        assertThat(planned).isGreaterThan(1000);
    }

    @Test
    void the_engine_plans_a_case_that_records_nothing_but_one_measured_study() {
        ObjectNode json = SyntheticCases.generate(1, 1).deepCopy();
        for (String field : new String[] {"presentation", "histology", "neoadjuvant", "operation", "pathology",
            "postoperative", "followUp", "outcome"}) {
            json.remove(field);
        }
        ObjectNode study = (ObjectNode) json.get("imaging").get(0);
        study.retain("date", "modality", "tumorDiametersCm");
        ((com.fasterxml.jackson.databind.node.ArrayNode) json.get("imaging")).removeAll().add(study);
        Case kase = read(json);
        Plan plan = ENGINE.plan(kase, kase.latestDate());
        assertThat(plan.intent().name()).isEqualTo("UNDETERMINED");
        assertThat(plan.recommendation("intent.curative-resection"))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(Status.CONDITIONAL));
        assertThat(plan.recommendation("workup.core-biopsy"))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(Status.RECOMMENDED));
        assertThat(plan.recommendation("ivc.ligation")).as("no IVC plan before staging (7.3)").isEmpty();
        assertThat(plan.missingData()).isNotEmpty();
    }

    private static java.util.List<String> optionalPointers(com.fasterxml.jackson.databind.JsonNode node, String at) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                out.add(at + "/" + name);
                out.addAll(optionalPointers(node.get(name), at + "/" + name));
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.addAll(optionalPointers(node.get(i), at + "/" + i));
            }
        }
        return out;
    }

    @Test
    void planning_is_deterministic() {
        IntStream.rangeClosed(1, 50).forEach(n -> {
            Case kase = read(SyntheticCases.generate(9, n));
            // The plan's JSON, labels included: a Plan record holds its FactLabels, which compare by identity.
            assertThat(PlanJson.writePretty(ENGINE.plan(kase, kase.latestDate())))
                    .isEqualTo(PlanJson.writePretty(ENGINE.plan(kase, kase.latestDate())));
        });
    }
}
