package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.cavaplan.io.Json;
import org.junit.jupiter.api.Test;

class CaseDiffTest {

    private static ObjectNode seed() {
        try {
            return (ObjectNode) Json.mapper().readTree(WebTestServer.seedCase());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> sentences(JsonNode before, JsonNode after) {
        return CaseDiff.diff(before, after).stream().map(CaseDiff.Line::sentence).toList();
    }

    @Test
    void the_same_case_has_no_line_even_with_numbers_written_otherwise() {
        ObjectNode after = seed();
        ((ObjectNode) after.get("pathology")).put("closestMarginMm", 1.0);

        assertThat(CaseDiff.diff(seed(), after)).isEmpty();
        assertThat(CaseDiff.count(0)).isEqualTo("No field differs");
    }

    @Test
    void a_nested_field_is_named_by_its_section_and_its_words_and_coded_values_read_as_words() {
        ObjectNode after = seed();
        ((ObjectNode) after.get("pathology")).put("margin", "R1");
        ((ObjectNode) after.get("operation")).put("ivcManagement", "LIGATION");
        ((ObjectNode) after.get("patient")).put("ecog", 2);

        assertThat(sentences(seed(), after)).containsExactly(
                "Patient: performance status not recorded \u2192 ECOG 2",
                "Operation: IVC management interposition graft \u2192 ligation",
                "Pathology: resection margin R0 \u2192 R1");
    }

    @Test
    void a_changed_study_is_named_by_its_number_modality_and_date_and_its_pointer_is_kept_for_hover_text() {
        ObjectNode after = seed();
        ((ObjectNode) after.get("imaging").get(1)).putArray("tumorDiametersCm").add(9).add(4.1);

        List<CaseDiff.Line> lines = CaseDiff.diff(seed(), after);

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).pointer()).isEqualTo("/imaging/1/tumorDiametersCm");
        assertThat(lines.get(0).kind()).isEqualTo(CaseDiff.Kind.CHANGED);
        assertThat(lines.get(0).sentence()).startsWith("Imaging study 2 (CT, 2013-01-15): tumor diameters ")
                .endsWith(" \u2192 9 \u00d7 4.1 cm");
    }

    @Test
    void a_study_added_before_the_others_is_one_added_line_and_the_others_do_not_change() {
        ObjectNode after = seed();
        ObjectNode study = Json.mapper().createObjectNode().put("date", "2012-12-01").put("modality", "ULTRASOUND")
                .put("ivcLumen", "OCCLUDED");
        study.putArray("tumorDiametersCm").add(4.5);
        ((ArrayNode) after.get("imaging")).insert(0, study);

        List<CaseDiff.Line> lines = CaseDiff.diff(seed(), after);

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).kind()).isEqualTo(CaseDiff.Kind.ADDED);
        assertThat(lines.get(0).sentence()).isEqualTo(
                "Imaging study 1 (ultrasound, 2012-12-01) added: IVC lumen occluded; tumor diameters 4.5 cm");
        assertThat(CaseDiff.count(lines.size())).isEqualTo("1 field differs");
    }

    @Test
    void a_removed_visit_is_one_line_that_says_what_it_held() {
        ObjectNode after = seed();
        ((ArrayNode) after.get("followUp")).remove(1);

        assertThat(sentences(seed(), after)).containsExactly("Follow-up visit 2 (2014-07-07) removed: conduit partial "
                + "thrombosis; local recurrence absent; distant metastases lung; resectability of metastases not resectable");
    }

    @Test
    void a_section_recorded_for_the_first_time_is_listed_field_by_field_from_not_recorded() {
        ObjectNode before = seed();
        before.remove("pathology");

        assertThat(sentences(before, seed())).containsExactly(
                "Pathology: resection margin not recorded \u2192 R0",
                "Pathology: closest margin not recorded \u2192 1 mm",
                "Pathology: treatment effect not recorded \u2192 75 %");
        assertThat(CaseDiff.count(3)).isEqualTo("3 fields differ");
    }

    @Test
    void no_line_shows_a_json_pointer_or_an_enum_constant() {
        ObjectNode after = seed();
        ((ObjectNode) after.get("operation")).put("conduit", "BOVINE_PERICARDIUM");
        ((ArrayNode) after.get("followUp").get(1).get("distantMetastases")).add("LIVER");
        after.remove("postoperative");

        for (String sentence : sentences(seed(), after)) {
            assertThat(sentence).doesNotContain("/").doesNotContainPattern("[A-Z]{2,}_[A-Z]").doesNotContain("LIVER");
        }
    }
}
