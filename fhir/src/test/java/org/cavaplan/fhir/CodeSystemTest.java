package org.cavaplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cavaplan.core.model.Antithrombotic;
import org.cavaplan.core.model.CauseOfDeath;
import org.cavaplan.core.model.Collaterals;
import org.cavaplan.core.model.Conduit;
import org.cavaplan.core.model.ConduitStatus;
import org.cavaplan.core.model.Diagnosis;
import org.cavaplan.core.model.HistologySource;
import org.cavaplan.core.model.IntraluminalGrowth;
import org.cavaplan.core.model.IvcInvolvement;
import org.cavaplan.core.model.IvcManagement;
import org.cavaplan.core.model.Landmark;
import org.cavaplan.core.model.Lumen;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.model.Modality;
import org.cavaplan.core.model.Organ;
import org.cavaplan.core.model.Site;
import org.cavaplan.core.model.Symptom;
import org.cavaplan.core.model.VitalStatus;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Status;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;

/** The shipped CodeSystem and the codes the mapping writes stay in step. */
class CodeSystemTest {

    private static final Set<String> CODES = CodeSystemText.displays().keySet();

    /** Every coded value of the case and plan, by its CodeSystem group (as {@link Codes#group} names it). */
    private static final List<Class<? extends Enum<?>>> VALUES = List.of(Landmark.class, IvcInvolvement.class, Lumen.class,
            Collaterals.class, IntraluminalGrowth.class, Organ.class, Site.class, Symptom.class, Diagnosis.class,
            HistologySource.class, IvcManagement.class, Conduit.class, ConduitStatus.class, Margin.class, VitalStatus.class,
            CauseOfDeath.class, Modality.class, Antithrombotic.class, org.cavaplan.core.model.RegionalNodes.class);

    /** The CodeSystem's displays speak the one clinical vocabulary: each value's display holds its words. */
    @Test
    void everyDisplayOfACodedValueUsesTheWordsOfTheOneVocabulary() {
        List<String> differ = new java.util.ArrayList<>();
        for (Class<? extends Enum<?>> type : VALUES) {
            for (Enum<?> value : type.getEnumConstants()) {
                String code = Codes.group(type) + "." + value.name();
                String words = org.cavaplan.core.vocabulary.Vocabulary.enumWords(value);
                String display = CodeSystemText.displays().get(code);
                if (display != null && !display.toLowerCase(java.util.Locale.ROOT).contains(words.toLowerCase(java.util.Locale.ROOT))) {
                    differ.add(code + " | " + display + " | " + words);
                }
            }
        }
        for (Status s : Status.values()) {
            String display = CodeSystemText.displays().get("recommendation-status." + s.name());
            String words = org.cavaplan.core.vocabulary.Vocabulary.enumWords(s);
            if (!display.toLowerCase(java.util.Locale.ROOT).contains(words.toLowerCase(java.util.Locale.ROOT))) {
                differ.add("recommendation-status." + s.name() + " | " + display + " | " + words);
            }
        }
        assertThat(differ).isEmpty();
    }

    @Test
    void everyValueOfTheCaseVocabularyHasItsCode() {
        List<Class<? extends Enum<?>>> vocabularies = List.of(Landmark.class, IvcInvolvement.class, Lumen.class, Collaterals.class,
                IntraluminalGrowth.class, Organ.class, Site.class, Symptom.class, Diagnosis.class, HistologySource.class,
                IvcManagement.class, Conduit.class, ConduitStatus.class, Margin.class, VitalStatus.class, CauseOfDeath.class,
                Modality.class, Antithrombotic.class);
        for (Class<? extends Enum<?>> type : vocabularies) {
            for (Enum<?> value : type.getEnumConstants()) {
                assertThat(CODES).contains(Codes.group(type) + "." + value.name());
            }
        }
        for (Status s : Status.values()) {
            assertThat(CODES).contains("recommendation-status." + s.name());
        }
        for (Phase p : Phase.values()) {
            assertThat(CODES).contains("phase." + p.name());
        }
    }

    @Test
    void everyCavaPlanCodeTheMappingWritesIsInTheCodeSystem() {
        Pattern coding = Pattern.compile("\"system\"\\s*:\\s*\"" + Pattern.quote(Codes.CAVAPLAN) + "\",\\s*\"code\"\\s*:\\s*\"([^\"]+)\"");
        int seen = 0;
        for (Fixtures.Named named : CdsHooksTest.golden()) {
            var kase = Fixtures.read(named.json());
            Matcher m = coding.matcher(Fhir.json(PlanFhir.bundle(kase, Fixtures.plan(kase))));
            while (m.find()) {
                assertThat(CODES).as(named.name()).contains(m.group(1));
                seen++;
            }
        }
        assertThat(seen).isGreaterThan(500);
    }

    @Test
    void theCodeSystemDeclaresItsCanonicalUrlAndCountsItsConcepts() {
        CodeSystem cs = Fhir.context().newJsonParser().parseResource(CodeSystem.class, Fhir.codeSystemJson());
        assertThat(cs.getUrl()).isEqualTo(Codes.CAVAPLAN);
        assertThat(cs.getCount()).isEqualTo(cs.getConcept().size()).isEqualTo(CODES.size());
        assertThat(cs.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.COMPLETE);
    }
}
