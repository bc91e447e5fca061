package org.cavaplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.Status;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.RequestGroup;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class PlanFhirTest {

    private static List<RequestGroup.RequestGroupActionComponent> leaves(RequestGroup group) {
        return group.getAction().stream().flatMap(g -> g.getAction().stream()).toList();
    }

    @Test
    void everyRecommendationBecomesOneActionInsideTheGroupOfItsPhase() {
        for (Fixtures.Named named : Fixtures.golden()) {
            Case kase = Fixtures.read(named.json());
            Plan plan = Fixtures.plan(kase);
            RequestGroup group = PlanFhir.requestGroup(kase, plan);

            assertThat(leaves(group)).extracting(a -> a.getId())
                    .as(named.name()).containsExactlyElementsOf(plan.recommendations().stream().map(Recommendation::id).toList());
            for (RequestGroup.RequestGroupActionComponent phase : group.getAction()) {
                String phaseCode = phase.getCodeFirstRep().getCodingFirstRep().getCode();
                for (RequestGroup.RequestGroupActionComponent a : phase.getAction()) {
                    assertThat("phase." + plan.recommendation(a.getId()).orElseThrow().phase()).isEqualTo(phaseCode);
                }
            }
        }
    }

    @Test
    void anActionCarriesSummaryDetailStatusSourcesAndTheCpgExtensions() {
        // before the operation, where the IVC plan is made (afterwards it is judged, not re-issued)
        Case kase = Fixtures.golden("04-level3-intracardiac-ligation-contraindicated");
        Plan plan = Fixtures.plan(kase);
        Recommendation graft = plan.recommendation("ivc.interposition-graft").orElseThrow();
        RequestGroup.RequestGroupActionComponent a = leaves(PlanFhir.requestGroup(kase, plan)).stream()
                .filter(x -> x.getId().equals("ivc.interposition-graft")).findFirst().orElseThrow();

        assertThat(a.getTitle()).isEqualTo(graft.summary());
        assertThat(a.getDescription()).isEqualTo(graft.detail());
        assertThat(a.getCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo("recommendation-status." + graft.status());
        assertThat(a.getDocumentation()).filteredOn(d -> d.getType().toCode().equals("citation")).hasSize(graft.sources().size());
        assertThat(a.getDocumentation()).filteredOn(d -> d.getType().toCode().equals("documentation"))
                .hasSize(graft.evidenceUpdates().size());
        CodeableConcept strength = (CodeableConcept) a.getExtensionByUrl(PlanFhir.EXT_STRENGTH).getValue();
        CodeableConcept quality = (CodeableConcept) a.getExtensionByUrl(PlanFhir.EXT_QUALITY).getValue();
        assertThat(strength.getCodingFirstRep().getCode()).isEqualTo("strong");
        assertThat(quality.getText()).isEqualTo(graft.evidence());
    }

    @Test
    void aConditionalRecommendationCarriesItsConditionAsText() {
        Case kase = Fixtures.golden("31-lumen-collaterals-circumference-unknown");
        Plan plan = Fixtures.plan(kase);
        Recommendation conditional = plan.recommendations().stream().filter(r -> r.status() == Status.CONDITIONAL).findFirst()
                .orElseThrow();
        RequestGroup.RequestGroupActionComponent a = leaves(PlanFhir.requestGroup(kase, plan)).stream()
                .filter(x -> x.getId().equals(conditional.id())).findFirst().orElseThrow();

        assertThat(a.getConditionFirstRep().getKind()).isEqualTo(RequestGroup.ActionConditionKind.APPLICABILITY);
        assertThat(((StringType) a.getConditionFirstRep().getExtensionByUrl(PlanFhir.EXT_CONDITION_TEXT).getValue()).getValue())
                .isEqualTo(conditional.when().orElseThrow());
        assertThat(a.getTextEquivalent()).isEqualTo("Applies when: " + conditional.when().orElseThrow());
    }

    @Test
    void evidenceLabelsMapToTheQualityTheyHonestlySupport() {
        assertThat(PlanFhir.qualityCode("expert opinion (assumption)")).contains("very-low");
        assertThat(PlanFhir.qualityCode("single case report")).contains("very-low");
        assertThat(PlanFhir.qualityCode("case reports and small series")).contains("very-low");
        assertThat(PlanFhir.qualityCode("retrospective series")).contains("low");
        assertThat(PlanFhir.qualityCode("NCCN category 2B")).contains("low");
        assertThat(PlanFhir.qualityCode("single review article (operative technique)")).contains("very-low");
        assertThat(PlanFhir.qualityCode("single source for the 75% threshold")).contains("very-low");
        assertThat(PlanFhir.qualityCode("randomised trial (STRASS)")).contains("moderate");
        assertThat(PlanFhir.qualityCode("something new")).isEmpty();
        assertThat(PlanFhir.quality("something new").getCoding()).isEmpty();
    }

    @Test
    void strengthFollowsTheStatus() {
        assertThat(PlanFhir.strength(Status.RECOMMENDED).getCodingFirstRep().getCode()).isEqualTo("strong");
        assertThat(PlanFhir.strength(Status.CONTRAINDICATED).getCodingFirstRep().getCode()).isEqualTo("strong");
        assertThat(PlanFhir.strength(Status.CONSIDER).getCodingFirstRep().getCode()).isEqualTo("weak");
        assertThat(PlanFhir.strength(Status.NOT_RECOMMENDED).getCodingFirstRep().getCode()).isEqualTo("weak");
    }

    @Test
    void theSurveillanceScheduleBecomesACarePlanWithOneScheduledActivityPerDueDate() {
        // free of disease after the operation (the seed case has recurred: no surveillance schedule then)
        Case kase = Fixtures.golden("29-patch-occlusion-on-follow-up");
        Plan plan = Fixtures.plan(kase);
        List<?> schedule = (List<?>) plan.recommendation("surveillance.imaging").orElseThrow().parameters().get("schedule");

        CarePlan care = PlanFhir.carePlan(kase, plan).orElseThrow();

        assertThat(care.getActivity()).hasSize(schedule.size());
        for (int i = 0; i < schedule.size(); i++) {
            CarePlan.CarePlanActivityDetailComponent d = care.getActivity().get(i).getDetail();
            assertThat(d.getScheduledPeriod().getStartElement().getValueAsString()).isEqualTo(schedule.get(i).toString());
            assertThat(d.getStatus()).isEqualTo(d.getScheduledPeriod().getStartElement().getValueAsString().compareTo(plan.asOf().toString()) > 0
                    ? CarePlan.CarePlanActivityStatus.NOTSTARTED : CarePlan.CarePlanActivityStatus.UNKNOWN);
        }
    }

    @Test
    void beforeTheOperationThereIsNoSurveillanceCarePlan() {
        Case kase = Fixtures.golden("02-level1-infrarenal-patch-pretreatment");
        assertThat(PlanFhir.carePlan(kase, Fixtures.plan(kase))).isEmpty();
    }

    @Test
    void thePlanBundleHoldsTheCaseAndThePlanEveryReferenceResolvesInsideItAndItReadsBackAsTheCase() {
        Case kase = Fixtures.golden("29-patch-occlusion-on-follow-up");
        Bundle bundle = PlanFhir.bundle(kase, Fixtures.plan(kase));

        assertThat(bundle.getEntry()).extracting(e -> e.getResource().fhirType()).contains("Patient", "RequestGroup", "CarePlan");
        List<String> fullUrls = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getFullUrl).toList();
        String json = Fhir.json(bundle);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"reference\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        int references = 0;
        while (m.find()) {
            assertThat(fullUrls).contains(m.group(1));
            references++;
        }
        assertThat(references).isGreaterThan(10);
        assertThat(BundleReader.create().read(json)).isEqualTo(new org.cavaplan.io.ReadResult.Valid(kase));
    }
}
