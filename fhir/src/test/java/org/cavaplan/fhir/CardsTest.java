package org.cavaplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.SurveillanceSchedule;
import org.cavaplan.core.plan.PlanSections;
import java.util.Optional;
import java.time.LocalDate;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.RedFlag;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.vocabulary.PlanWords;
import org.junit.jupiter.api.Test;

class CardsTest {

    private static final String URL = "https://cavaplan.example/cases/seed-case-report";
    private static final String LEVEL_3 = "04-level3-intracardiac-ligation-contraindicated";

    private static List<ObjectNode> cards(Case kase) {
        return Cards.from(Fixtures.plan(kase), URL);
    }

    private static List<String> indicators(List<ObjectNode> cards) {
        return cards.stream().map(c -> c.get("indicator").asText()).toList();
    }

    /** The plan with other red flags, key decisions and recommendations, all else as it is. */
    private static Plan with(Plan plan, List<RedFlag> redFlags, List<KeyDecision> keyDecisions, List<Recommendation> recommendations) {
        return new Plan(plan.caseId(), plan.asOf(), plan.stage(), plan.intent(), plan.diseaseStatus(), plan.classification(),
                keyDecisions, redFlags, plan.response(), recommendations, plan.concordance(), plan.prognosticFactors(),
                plan.missingData(), plan.warnings(), plan.knowledgeBaseVersion(), plan.changedAssumptions(), plan.labels(), plan.sections());
    }

    /** The level-3 plan with key decisions chosen here, out of the phases' order: the graft, a work-up row, the patch advised against, the ligation. */
    private static Plan level3WithChosenKeyDecisions() {
        Plan plan = Fixtures.plan(Fixtures.golden(LEVEL_3));
        List<KeyDecision> chosen = new ArrayList<>();
        for (String id : List.of("ivc.interposition-graft", "workup.echocardiography", "ivc.patch-cavoplasty", "ivc.ligation")) {
            chosen.add(KeyDecision.of(plan.recommendation(id).orElseThrow(() -> new AssertionError(id + " is not in the plan"))));
        }
        return with(plan, plan.redFlags(), chosen, plan.recommendations());
    }

    @Test
    void everyCardOfTheSeedCaseIsWithinTheCdsHooksLimitsAndLinksToThePlanPage() {
        Plan plan = Fixtures.plan(Fixtures.seedCase());
        List<ObjectNode> cards = Cards.from(plan, URL);

        assertThat(cards).isNotEmpty();
        for (ObjectNode card : cards) {
            assertThat(card.get("summary").asText()).isNotBlank().hasSizeLessThanOrEqualTo(140);
            assertThat(card.get("indicator").asText()).isIn("info", "warning", "critical");
            assertThat(card.get("source").get("label").asText()).isEqualTo("CavaPlan knowledge base " + plan.knowledgeBaseVersion());
            assertThat(card.get("links").get(0).get("url").asText()).isEqualTo(URL);
            assertThat(card.get("links").get(0).get("type").asText()).isEqualTo("absolute");
            assertThat(card.get("detail").asText()).contains("**");
        }
        assertThat(cards.stream().map(c -> c.get("uuid").asText()).distinct()).hasSameSizeAs(cards);
    }

    @Test
    void theCardsAreTheRedFlagsThenTheKeyDecisionsInThePlansOrderAndNothingElse() {
        Plan plan = level3WithChosenKeyDecisions();
        List<ObjectNode> cards = Cards.from(plan, URL);

        assertThat(plan.redFlags()).isNotEmpty();
        assertThat(cards).hasSize(plan.redFlags().size() + plan.keyDecisions().size());
        for (int i = 0; i < plan.redFlags().size(); i++) {
            RedFlag f = plan.redFlags().get(i);
            assertThat(cards.get(i).get("indicator").asText()).isEqualTo("critical");
            assertThat(cards.get(i).get("summary").asText()).contains(f.message().substring(0, Math.min(30, f.message().length())));
            assertThat(cards.get(i).get("detail").asText()).startsWith("**Red flag: " + PlanWords.redFlag(f.code()) + "**");
        }
        for (int i = 0; i < plan.keyDecisions().size(); i++) {
            KeyDecision k = plan.keyDecisions().get(i);
            ObjectNode card = cards.get(plan.redFlags().size() + i);
            assertThat(card.get("uuid").asText()).isEqualTo(Cards.uuid(plan.caseId(), k.id()));
            assertThat(card.get("summary").asText()).isEqualTo(k.summary());
            assertThat(card.get("detail").asText()).startsWith("**" + PlanWords.status(k.status()) + "** · "
                    + plan.recommendation(k.id()).orElseThrow().phase().title() + "\n\n");
        }
    }

    @Test
    void aDecisionAgainstAnActionIsAWarningAndTheOthersAreInformation() {
        Plan plan = level3WithChosenKeyDecisions();
        List<String> indicators = indicators(Cards.from(plan, URL)).subList(plan.redFlags().size(), plan.redFlags().size() + 4);

        assertThat(plan.keyDecisions()).extracting(KeyDecision::status)
                .containsExactly(Status.RECOMMENDED, Status.RECOMMENDED, Status.NOT_RECOMMENDED, Status.CONTRAINDICATED);
        assertThat(indicators).containsExactly("info", "info", "warning", "warning");
    }

    @Test
    void aRedFlagCardNamesTheFlagAndGivesTheFactsBehindItAsLabels() {
        Plan plan = Fixtures.plan(Fixtures.golden(LEVEL_3));
        RedFlag flag = plan.redFlags().get(0);
        ObjectNode card = Cards.from(plan, URL).get(0);

        assertThat(card.get("uuid").asText()).isEqualTo(Cards.uuid(plan.caseId(), "red-flag|" + flag.code() + "|" + flag.message()));
        assertThat(card.get("summary").asText()).startsWith(PlanWords.redFlag(flag.code()) + ": ");
        String detail = card.get("detail").asText();
        assertThat(detail).contains(flag.message(), "**Because:** ");
        for (Fact f : flag.because()) {
            assertThat(detail).contains(plan.label(f)).doesNotContain(f.pointer());
        }
        assertThat(detail).doesNotContain(flag.code());
    }

    @Test
    void aKeyDecisionCardCarriesItsSourcesInWordsAndTheFactsThatTriggeredItAsLabels() {
        Plan plan = level3WithChosenKeyDecisions();
        Recommendation graft = plan.recommendation("ivc.interposition-graft").orElseThrow();
        ObjectNode card = Cards.from(plan, URL).stream().filter(c -> c.get("uuid").asText()
                .equals(Cards.uuid(plan.caseId(), "ivc.interposition-graft"))).findFirst().orElseThrow();

        assertThat(card.get("summary").asText()).isEqualTo(graft.summary());
        assertThat(card.get("detail").asText()).contains(graft.detail(), "**Sources:** " + PlanWords.sources(graft.sources()),
                "**Evidence:** " + graft.evidence());
        for (Fact f : graft.because()) {
            assertThat(card.get("detail").asText()).contains(plan.label(f)).doesNotContain(f.pointer());
        }
        assertThat(card.get("detail").asText()).doesNotContain(graft.id(), "RECOMMENDED", "IVC_MANAGEMENT");
    }

    @Test
    void theSurveillanceDecisionSaysWhenTheNextImagingIsDueAndWarnsOfOverdueStudies() {
        Plan plan = Fixtures.plan(Fixtures.golden("29-patch-occlusion-on-follow-up"));
        Recommendation imaging = plan.recommendation("surveillance.imaging").orElseThrow();
        SurveillanceSchedule s = plan.sections().surveillance().orElseThrow();
        Plan overdue = new Plan(plan.caseId(), plan.asOf(), plan.stage(), plan.intent(), plan.diseaseStatus(), plan.classification(),
                plan.keyDecisions(), plan.redFlags(), plan.response(), plan.recommendations(), plan.concordance(),
                plan.prognosticFactors(), plan.missingData(), plan.warnings(), plan.knowledgeBaseVersion(),
                plan.changedAssumptions(), plan.labels(), new PlanSections(plan.sections().baseline(), plan.sections().ivc(),
                        plan.sections().recist(), Optional.of(new SurveillanceSchedule(s.modality(), s.higherRisk(), s.riskReasons(),
                                s.operationDate(), s.due(), s.nextDue(), List.of(LocalDate.parse("2020-08-31")))),
                        plan.sections().firstRecurrence()));
        List<KeyDecision> decisions = List.of(KeyDecision.of(imaging));

        ObjectNode onTime = Cards.from(with(plan, List.of(), decisions, plan.recommendations()), URL).get(0);
        ObjectNode late = Cards.from(with(overdue, List.of(), decisions, overdue.recommendations()), URL).get(0);

        assertThat(onTime.get("indicator").asText()).isEqualTo("info");
        assertThat(onTime.get("detail").asText()).contains("**Next surveillance:** Next imaging due " + imaging.parameters().get("nextDue"))
                .doesNotContain("**Overdue:**");
        assertThat(late.get("indicator").asText()).isEqualTo("warning");
        assertThat(late.get("detail").asText()).contains("**Overdue:** Due before " + plan.asOf() + " and not recorded: 2020-08-31.");
    }

    @Test
    void cardIdsAreTheSameForTheSameCaseAndRecommendation() {
        assertThat(cards(Fixtures.seedCase())).isEqualTo(cards(Fixtures.seedCase()));
        assertThat(Cards.uuid("a", "ivc.ligation")).isNotEqualTo(Cards.uuid("b", "ivc.ligation"))
                .isNotEqualTo(Cards.uuid("a", "ivc.patch-cavoplasty"));
    }

    @Test
    void metastaticDiseaseOpensWithACriticalCard() {
        List<ObjectNode> cards = cards(Fixtures.golden("12-metastatic-symptomatic-palliative"));

        assertThat(cards.get(0).get("indicator").asText()).isEqualTo("critical");
        assertThat(cards.get(0).get("summary").asText()).contains("palliative");
    }

    @Test
    void progressionOnRestagingOpensWithACriticalCard() {
        List<ObjectNode> cards = cards(Fixtures.golden("22-recist-pd-growth-after-radiotherapy"));

        assertThat(cards.get(0).get("indicator").asText()).isEqualTo("critical");
        assertThat(cards.get(0).get("summary").asText()).containsIgnoringCase("progress");
    }

    @Test
    void recurrenceAtFollowUpOpensWithACriticalCardCitingTheFollowUp() {
        List<ObjectNode> cards = cards(Fixtures.golden("19-metastatic-recurrence-unfavourable"));

        assertThat(cards.get(0).get("indicator").asText()).isEqualTo("critical");
        assertThat(cards.get(0).get("summary").asText()).startsWith("Recurrence");
        assertThat(cards.get(0).get("detail").asText()).contains("at follow-up of ").doesNotContain("/followUp/");
    }

    @Test
    void withoutARedFlagNoCardIsCritical() {
        Plan plan = Fixtures.plan(Fixtures.golden("02-level1-infrarenal-patch-pretreatment"));

        assertThat(plan.redFlags()).isEmpty();
        assertThat(indicators(Cards.from(plan, URL))).doesNotContain("critical");
    }

    @Test
    void aPlanWithNeitherRedFlagsNorKeyDecisionsGetsOneInformationCardPointingToThePlan() {
        Plan plan = Fixtures.plan(Fixtures.golden("02-level1-infrarenal-patch-pretreatment"));
        List<ObjectNode> cards = Cards.from(with(plan, List.of(), List.of(), plan.recommendations()), URL);

        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).get("indicator").asText()).isEqualTo("info");
        assertThat(cards.get(0).get("summary").asText()).isEqualTo("CavaPlan has a care plan with " + plan.recommendations().size()
                + " recommendations and no key decision or red flag.");
        assertThat(Cards.from(with(plan, List.of(), List.of(), List.of()), URL)).isEmpty();
    }

    @Test
    void everyCardOfEveryGoldenCaseHasAShortSummaryAndNoRuleIdPointerOrCodeWhereAPersonReads() {
        for (Fixtures.Named named : Fixtures.golden()) {
            Plan plan = Fixtures.plan(Fixtures.read(named.json()));
            List<ObjectNode> cards = Cards.from(plan, URL);
            assertThat(cards).hasSizeGreaterThanOrEqualTo(plan.redFlags().size() + plan.keyDecisions().size());
            for (ObjectNode card : cards) {
                String summary = card.get("summary").asText();
                String detail = card.get("detail").asText();
                assertThat(summary).as(named.name()).hasSizeLessThanOrEqualTo(140);
                for (Recommendation r : plan.recommendations()) {
                    assertThat(summary + detail).as(named.name()).doesNotContain("`" + r.id() + "`", " " + r.id() + " ");
                    for (Fact f : r.because()) {
                        assertThat(detail).as(named.name()).doesNotContain("`" + f.pointer() + "`");
                    }
                }
                for (RedFlag f : plan.redFlags()) {
                    assertThat(summary + detail).as(named.name()).doesNotContain(f.code() + " ", f.code() + "*");
                }
            }
        }
    }

    @Test
    void aLongSummaryIsCutWithAnEllipsis() {
        assertThat(Cards.fit("x".repeat(200))).hasSize(140).endsWith("…");
        assertThat(Cards.fit("word ".repeat(40) + "end.")).hasSizeLessThanOrEqualTo(140).endsWith("word…");
        assertThat(Cards.fit("short")).isEqualTo("short");
    }
}
