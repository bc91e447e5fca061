package org.cavaplan.core.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cavaplan.core.model.Antithrombotic;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.Collaterals;
import org.cavaplan.core.model.ConduitStatus;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.Lumen;
import org.cavaplan.core.model.Modality;
import org.cavaplan.core.model.Operation;
import org.cavaplan.core.model.Patient;
import org.cavaplan.core.model.Sex;
import org.cavaplan.core.model.Site;
import org.cavaplan.core.model.Symptom;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Stage;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.plan.Verdict;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    /** A CT of 2013-01-15 (study 0), an MRI of 2013-02-20 (study 1), an operation, one follow-up visit. */
    private static final Case KASE = new Case(
            "vocab-1",
            new Patient(58, Sex.FEMALE, Optional.of(1)),
            Optional.empty(),
            Optional.empty(),
            List.of(study(0, "2013-01-15", Modality.CT), study(1, "2013-02-20", Modality.MRI)),
            Optional.empty(),
            Optional.of(new Operation(LocalDate.parse("2013-03-04"), Operation.Findings.none(), Optional.of(100.0),
                    Optional.of(5.0), Optional.empty(), Optional.empty(), Optional.empty(), Set.of())),
            Optional.empty(),
            Optional.empty(),
            List.of(new FollowUp(0, LocalDate.parse("2014-06-01"), Optional.of(0), Optional.of(ConduitStatus.PATENT),
                    Optional.of(false), Optional.of(Set.of()), Optional.empty(), Optional.empty())),
            Optional.empty());

    private static ImagingStudy study(int index, String date, Modality modality) {
        return new ImagingStudy(index, LocalDate.parse(date), modality, Optional.of(true), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(Set.of()));
    }

    @Test
    void the_labels_of_the_contract_come_out_exactly() {
        assertThat(Vocabulary.label(KASE, "/imaging/0/distantMetastases", List.of()))
                .isEqualTo("Distant metastases on CT of 2013-01-15: none");
        assertThat(Vocabulary.label(KASE, "/operation/findings/ivcLumen", "OCCLUDED"))
                .isEqualTo("IVC lumen at operation: occluded");
        assertThat(Vocabulary.label(KASE, "/operation/circumferenceResectedPct", 100.0))
                .isEqualTo("Circumference resected at operation: 100 %");
        assertThat(Vocabulary.label(KASE, new Fact("/operation/circumferenceResectedPct", 100)))
                .isEqualTo("Circumference resected at operation: 100 %");
    }

    @Test
    void a_label_names_the_study_by_its_modality_and_date_and_the_visit_by_its_date() {
        assertThat(Vocabulary.label(KASE, "/imaging/1/collaterals", Collaterals.WELL_DEVELOPED))
                .isEqualTo("Venous collaterals on MRI of 2013-02-20: well developed");
        assertThat(Vocabulary.label(KASE, "/imaging/0/chestIncluded", true))
                .isEqualTo("Chest coverage on CT of 2013-01-15: included");
        assertThat(Vocabulary.label(KASE, "/followUp/0/conduit", "PARTIAL_THROMBOSIS"))
                .isEqualTo("Conduit at follow-up of 2014-06-01: partial thrombosis");
        assertThat(Vocabulary.label(KASE, "/followUp/0/ecog", 2))
                .isEqualTo("Performance status at follow-up of 2014-06-01: ECOG 2");
    }

    @Test
    void a_label_says_where_a_finding_was_made_but_not_for_the_dates_that_identify_it() {
        assertThat(Vocabulary.label(KASE, "/pathology/fnclccGrade", 3)).isEqualTo("Grade on pathology: FNCLCC 3");
        assertThat(Vocabulary.label(KASE, "/histology/fnclccGrade", 2)).isEqualTo("Grade on histology: FNCLCC 2");
        assertThat(Vocabulary.label(KASE, "/pathology/closestMarginMm", 1.0))
                .isEqualTo("Closest margin on pathology: 1 mm");
        assertThat(Vocabulary.label(KASE, "/patient/ecog", 1)).isEqualTo("Performance status: ECOG 1");
        assertThat(Vocabulary.label(KASE, "/neoadjuvant/radiotherapy/totalDoseGy", 55.0))
                .isEqualTo("Neoadjuvant radiotherapy total dose: 55 Gy");
        assertThat(Vocabulary.label(KASE, "/imaging/0/date", "2013-01-15")).isEqualTo("Study date: 2013-01-15");
        assertThat(Vocabulary.label(KASE, "/operation/date", LocalDate.parse("2013-03-04")))
                .isEqualTo("Date of operation: 2013-03-04");
        assertThat(Vocabulary.label(KASE, "/imaging", List.of("CT", "MRI"))).isEqualTo("Imaging studies: CT, MRI");
    }

    @Test
    void a_label_needs_a_study_or_visit_the_case_has() {
        assertThatThrownBy(() -> Vocabulary.label(KASE, "/imaging/7/ivcLumen", "PATENT"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/imaging/7/ivcLumen");
        assertThatThrownBy(() -> Vocabulary.label(KASE, "/imaging/*/ivcLumen", "PATENT"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/imaging/*/ivcLumen");
        assertThatThrownBy(() -> Vocabulary.label(KASE, "/followUp/3/ecog", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/followUp/3/ecog");
    }

    @Test
    void a_pointer_and_its_schema_path_name_the_same_field_without_context() {
        assertThat(Vocabulary.field("/imaging/2/ivcLumen")).isEqualTo("IVC lumen");
        assertThat(Vocabulary.field("/imaging/*/ivcLumen")).isEqualTo("IVC lumen");
        assertThat(Vocabulary.field("/operation/findings/ivcLumen")).isEqualTo("IVC lumen");
        assertThat(Vocabulary.field("/imaging/0/tumorDiametersCm/2")).isEqualTo("Tumor diameter");
        assertThat(Vocabulary.field("/patient/egfrMlMin")).isEqualTo("Estimated glomerular filtration rate");
    }

    @Test
    void a_heading_tells_apart_fields_of_the_same_name_in_different_sections() {
        assertThat(Vocabulary.heading("/imaging/*/ivcLumen")).isEqualTo("IVC lumen on imaging");
        assertThat(Vocabulary.heading("/operation/findings/ivcLumen")).isEqualTo("IVC lumen at operation");
        assertThat(Vocabulary.heading("/histology/fnclccGrade")).isEqualTo("Grade on histology");
        assertThat(Vocabulary.heading("/pathology/fnclccGrade")).isEqualTo("Grade on pathology");
        assertThat(Vocabulary.heading("/followUp/*/distantMetastases")).isEqualTo("Distant metastases at follow-up");
        assertThat(Vocabulary.heading("/followUp/*/date")).isEqualTo("Follow-up date");
        assertThat(Vocabulary.heading("/patient/ageYears")).isEqualTo("Age");
    }

    @Test
    void a_field_has_the_unit_its_numbers_are_written_in() {
        assertThat(Vocabulary.unit("/operation/circumferenceResectedPct")).contains("%");
        assertThat(Vocabulary.unit("/imaging/0/tumorDiametersCm")).contains("cm");
        assertThat(Vocabulary.unit("/postoperative/adjuvantRadiotherapyGy")).contains("Gy");
        assertThat(Vocabulary.unit("/patient/egfrMlMin")).contains("mL/min/1.73 m\u00b2");
        assertThat(Vocabulary.unit("/patient/ecog")).isEmpty();
        assertThat(Vocabulary.unit("/followUp/0/metastasisCount")).isEmpty();
    }

    @Test
    void constants_read_as_words_given_as_a_name_or_as_the_enum() {
        assertThat(Vocabulary.value("/imaging/0/ivcLumen", "OCCLUDED")).isEqualTo("occluded");
        assertThat(Vocabulary.value("/imaging/0/ivcLumen", Lumen.OCCLUDED)).isEqualTo("occluded");
        assertThat(Vocabulary.value("/imaging/0/cranialExtent", "RIGHT_ATRIUM")).isEqualTo("right atrium");
        assertThat(Vocabulary.value("/operation/conduit", "RINGED_PTFE")).isEqualTo("ringed PTFE");
        assertThat(Vocabulary.value("/operation/conduit", "BOVINE_PERICARDIUM")).isEqualTo("bovine pericardium");
        assertThat(Vocabulary.value("/postoperative/antithrombotics/0", "LMWH"))
                .isEqualTo("low-molecular-weight heparin");
        assertThat(Vocabulary.value("/postoperative/antithrombotics", Antithrombotic.DOAC))
                .isEqualTo("direct oral anticoagulant");
        assertThat(Vocabulary.value("/imaging/0/modality", "PET_CT")).isEqualTo("PET-CT");
        assertThat(Vocabulary.value("/pathology/margin", "R0")).isEqualTo("R0");
        assertThat(Vocabulary.value("/imaging/1/collaterals", "WELL_DEVELOPED")).isEqualTo("well developed");
        assertThat(Vocabulary.value("/presentation/symptoms", Symptom.BUDD_CHIARI)).isEqualTo("Budd-Chiari syndrome");
        assertThat(Vocabulary.value("/pathology/regionalNodes", "N1")).isEqualTo("N1");
    }

    @Test
    void booleans_read_as_the_words_of_their_field() {
        assertThat(Vocabulary.value("/presentation/incidental", true)).isEqualTo("yes");
        assertThat(Vocabulary.value("/presentation/incidental", false)).isEqualTo("no");
        assertThat(Vocabulary.value("/imaging/0/chestIncluded", false)).isEqualTo("not included");
        assertThat(Vocabulary.value("/imaging/0/pulmonaryEmbolism", true)).isEqualTo("present");
        assertThat(Vocabulary.value("/operation/findings/liverMetastases", true)).isEqualTo("found");
        assertThat(Vocabulary.value("/postoperative/adjuvantChemotherapy", false)).isEqualTo("not given");
        assertThat(Vocabulary.value("/followUp/0/metastasesResectable", true)).isEqualTo("resectable");
    }

    @Test
    void numbers_carry_their_scale_or_unit_and_no_needless_decimals() {
        assertThat(Vocabulary.value("/operation/circumferenceResectedPct", 100.0)).isEqualTo("100 %");
        assertThat(Vocabulary.value("/pathology/maxDiameterCm", 5)).isEqualTo("5 cm");
        assertThat(Vocabulary.value("/neoadjuvant/radiotherapy/totalDoseGy", 50.4)).isEqualTo("50.4 Gy");
        assertThat(Vocabulary.value("/pathology/closestMarginMm", new BigDecimal("1.50"))).isEqualTo("1.5 mm");
        assertThat(Vocabulary.value("/patient/ageYears", 58)).isEqualTo("58 years");
        assertThat(Vocabulary.value("/patient/asaClass", 3)).isEqualTo("ASA 3");
        assertThat(Vocabulary.value("/patient/egfrMlMin", 42.0)).isEqualTo("42 mL/min/1.73 m\u00b2");
        assertThat(Vocabulary.value("/neoadjuvant/chemotherapy/cycles", 6)).isEqualTo("6");
        assertThat(Vocabulary.value("/imaging/0/tumorDiametersCm/0", 4.6f)).isEqualTo("4.6 cm");
    }

    @Test
    void lists_read_as_their_items_joined_and_an_empty_list_as_none() {
        assertThat(Vocabulary.value("/imaging/0/tumorDiametersCm", List.of(4.6, 4.1, 4.0)))
                .isEqualTo("4.6 \u00d7 4.1 \u00d7 4 cm");
        assertThat(Vocabulary.value("/followUp/0/distantMetastases", List.of("LUNG", "SOFT_TISSUE")))
                .isEqualTo("lung, soft tissue");
        assertThat(Vocabulary.value("/operation/enBlocResections", List.of())).isEqualTo("none");
        Set<Site> sites = new LinkedHashSet<>(List.of(Site.BRAIN, Site.LUNG, Site.LIVER));
        assertThat(Vocabulary.value("/imaging/0/distantMetastases", sites)).isEqualTo("lung, liver, brain");
        assertThat(Vocabulary.value("/presentation/symptoms", Set.of("WEIGHT_LOSS", "FLANK_PAIN")))
                .isEqualTo("flank pain, weight loss");
        assertThat(Vocabulary.value("/presentation/symptoms", EnumSet.of(Symptom.PALPABLE_MASS)))
                .isEqualTo("palpable mass");
    }

    @Test
    void dates_free_text_and_unrecorded_values_read_as_they_are() {
        assertThat(Vocabulary.value("/operation/date", LocalDate.parse("2013-03-04"))).isEqualTo("2013-03-04");
        assertThat(Vocabulary.value("/neoadjuvant/chemotherapy/regimen", "doxorubicin + dacarbazine"))
                .isEqualTo("doxorubicin + dacarbazine");
        assertThat(Vocabulary.value("/imaging/0/ivcLumen", "not recorded")).isEqualTo("not recorded");
        assertThat(Vocabulary.value("/imaging/0/ivcLumen", Optional.empty())).isEqualTo("not recorded");
        assertThat(Vocabulary.value("/imaging/0/ivcLumen", Optional.of(Lumen.NARROWED))).isEqualTo("narrowed");
        assertThat(Vocabulary.value("/caseId", "CASE_01")).isEqualTo("CASE_01");
    }

    @Test
    void plan_values_have_words() {
        assertThat(Vocabulary.enumWords(Status.NOT_RECOMMENDED)).isEqualTo("not recommended");
        assertThat(Vocabulary.enumWords(Status.CONTRAINDICATED)).isEqualTo("contraindicated");
        assertThat(Vocabulary.enumWords(Stage.PRETREATMENT)).isEqualTo("pre-treatment");
        assertThat(Vocabulary.enumWords(Stage.POST_NEOADJUVANT)).isEqualTo("after neoadjuvant therapy");
        assertThat(Vocabulary.enumWords(Stage.POSTOPERATIVE)).isEqualTo("after the operation");
        assertThat(Vocabulary.enumWords(Stage.FOLLOW_UP)).isEqualTo("follow-up");
        assertThat(Vocabulary.enumWords(Verdict.NOT_ASSESSABLE)).isEqualTo("not assessable");
        assertThat(Vocabulary.enumWords("Intent", "UNDETERMINED")).isEqualTo("undetermined");
        assertThat(Vocabulary.enumWords(Modality.DOPPLER_ULTRASOUND)).isEqualTo("Doppler ultrasound");
    }

    @Test
    void an_unknown_field_is_a_defect_named_in_the_exception() {
        assertThatThrownBy(() -> Vocabulary.field("/imaging/2/ivcColour"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/imaging/2/ivcColour");
        assertThatThrownBy(() -> Vocabulary.value("/operation/surgeon", "Dr X"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/operation/surgeon");
        assertThatThrownBy(() -> Vocabulary.field("imaging/0/date")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Vocabulary.field("/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Vocabulary.field("/imaging//date")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_unknown_constant_is_a_defect_named_in_the_exception() {
        assertThatThrownBy(() -> Vocabulary.value("/imaging/0/ivcLumen", "BLOCKED"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BLOCKED");
        assertThatThrownBy(() -> Vocabulary.value("/imaging/0/ivcLumen", ConduitStatus.PARTIAL_THROMBOSIS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PARTIAL_THROMBOSIS");
        assertThatThrownBy(() -> Vocabulary.value("/patient/ageYears", Sex.MALE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/patient/ageYears");
        assertThatThrownBy(() -> Vocabulary.enumWords("Status", "MAYBE"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Status.MAYBE");
        assertThatThrownBy(() -> Vocabulary.enumWords("Mood", "CALM"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Mood");
        assertThatThrownBy(() -> Vocabulary.value("/patient/lvefPct", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Vocabulary.value("/patient/lvefPct", new Object()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
