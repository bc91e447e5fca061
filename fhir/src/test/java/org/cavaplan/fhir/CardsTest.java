package org.cavaplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.Status;
import org.junit.jupiter.api.Test;

class CardsTest {

    private static final String URL = "https://cavaplan.example/cases/seed-case-report/plan";

    private static List<ObjectNode> cards(Case kase) {
        return Cards.from(Fixtures.plan(kase), URL);
    }

    private static List<String> indicators(List<ObjectNode> cards) {
        return cards.stream().map(c -> c.get("indicator").asText()).toList();
    }

    @Test
    void theSeedCaseGetsOneCardPerDecisiveRecommendationEachWithinTheCdsHooksLimits() {
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
        long decisiveRecommended = plan.recommendations().stream().filter(r -> r.status() == Status.RECOMMENDED
                && r.phase() != org.cavaplan.core.plan.Phase.PREOPERATIVE && r.phase() != org.cavaplan.core.plan.Phase.OPERATIVE).count();
        assertThat(cards.stream().filter(c -> c.get("detail").asText().startsWith("**Recommended**"))).hasSize((int) decisiveRecommended);
    }

    @Test
    void aRecommendationCardCarriesItsSourcesAndTheFactsThatTriggeredIt() {
        Plan plan = Fixtures.plan(Fixtures.seedCase());
        Recommendation graft = plan.recommendation("ivc.interposition-graft").orElseThrow();
        JsonNode card = Cards.from(plan, URL).stream().filter(c -> c.get("uuid").asText()
                .equals(Cards.uuid("seed-case-report", "ivc.interposition-graft"))).findFirst().orElseThrow();

        assertThat(card.get("summary").asText()).isEqualTo(graft.summary());
        assertThat(card.get("detail").asText()).contains(graft.detail()).contains("**Sources:**")
                .contains(graft.sources().get(0).locator()).contains("`" + graft.because().get(0).pointer() + "`");
    }

    @Test
    void cardIdsAreTheSameForTheSameCaseAndRecommendation() {
        assertThat(cards(Fixtures.seedCase())).isEqualTo(cards(Fixtures.seedCase()));
        assertThat(Cards.uuid("a", "ivc.ligation")).isNotEqualTo(Cards.uuid("b", "ivc.ligation"))
                .isNotEqualTo(Cards.uuid("a", "ivc.patch-cavoplasty"));
    }

    @Test
    void aContraindicationIsCriticalAndComesBeforeTheRecommendations() {
        List<ObjectNode> cards = cards(Fixtures.golden("04-level3-intracardiac-ligation-contraindicated"));

        assertThat(cards.get(0).get("uuid").asText())
                .isEqualTo(Cards.uuid(Fixtures.golden("04-level3-intracardiac-ligation-contraindicated").caseId(), "ivc.ligation"));
        assertThat(cards.get(0).get("indicator").asText()).isEqualTo("critical");
        assertThat(cards.get(0).get("detail").asText()).startsWith("**Contraindicated**");
        int firstRecommended = indexOf(cards, "**Recommended**");
        assertThat(firstRecommended).isGreaterThan(0);
    }

    @Test
    void discordantCareIsAWarning() {
        List<ObjectNode> cards = cards(Fixtures.golden("10-gross-contamination-ptfe-discordant"));

        assertThat(cards).anySatisfy(c -> {
            assertThat(c.get("indicator").asText()).isEqualTo("warning");
            assertThat(c.get("detail").asText()).startsWith("**Discordant with the rules** (ivc.prosthetic-conduit)");
        });
        assertThat(indicators(cards).indexOf("warning")).isGreaterThan(indexOf(cards, "**Recommended**"));
    }

    @Test
    void metastaticDiseaseOpensWithACriticalCard() {
        List<ObjectNode> cards = cards(Fixtures.golden("12-metastatic-symptomatic-palliative"));

        assertThat(cards.get(0).get("indicator").asText()).isEqualTo("critical");
        assertThat(cards.get(0).get("summary").asText()).contains("palliative");
    }

    @Test
    void progressionOnRestagingIsCritical() {
        List<ObjectNode> cards = cards(Fixtures.golden("22-recist-pd-growth-after-radiotherapy"));

        assertThat(cards).anySatisfy(c -> {
            assertThat(c.get("indicator").asText()).isEqualTo("critical");
            assertThat(c.get("summary").asText()).contains("RECIST 1.1 PD");
        });
        assertThat(cards.get(0).get("indicator").asText()).isEqualTo("critical");
    }

    @Test
    void recurrenceAtFollowUpOpensWithACriticalCardAndItsRecommendationsAreCritical() {
        List<ObjectNode> cards = cards(Fixtures.golden("19-metastatic-recurrence-unfavourable"));

        assertThat(cards.get(0).get("indicator").asText()).isEqualTo("critical");
        assertThat(cards.get(0).get("summary").asText()).startsWith("Recurrence or metastasis is recorded at follow-up");
        assertThat(cards.get(0).get("detail").asText()).contains("`/followUp/");
        assertThat(cards).filteredOn(c -> c.get("detail").asText().contains("· Recurrence ·"))
                .isNotEmpty().allSatisfy(c -> assertThat(c.get("indicator").asText()).isEqualTo("critical"));
    }

    @Test
    void withoutContraindicationMetastasesProgressionOrDiscordanceEveryCardIsInformational() {
        assertThat(indicators(cards(Fixtures.golden("02-level1-infrarenal-patch-pretreatment")))).containsOnly("info");
    }

    @Test
    void everyCardOfEveryGoldenCaseHasASummaryOfAtMost140Characters() {
        for (Fixtures.Named named : Fixtures.golden()) {
            for (ObjectNode card : cards(Fixtures.read(named.json()))) {
                assertThat(card.get("summary").asText()).as(named.name()).hasSizeLessThanOrEqualTo(140);
            }
        }
    }

    @Test
    void aLongSummaryIsCutWithAnEllipsis() {
        assertThat(Cards.fit("x".repeat(200))).hasSize(140).endsWith("…");
        assertThat(Cards.fit("word ".repeat(40) + "end.")).hasSizeLessThanOrEqualTo(140).endsWith("word…");
        assertThat(Cards.fit("short")).isEqualTo("short");
    }

    private static int indexOf(List<ObjectNode> cards, String detailStart) {
        for (int i = 0; i < cards.size(); i++) {
            if (cards.get(i).get("detail").asText().startsWith(detailStart)) {
                return i;
            }
        }
        return -1;
    }
}
