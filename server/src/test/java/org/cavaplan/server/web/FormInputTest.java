package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cavaplan.io.Json;
import org.cavaplan.registry.Actor;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person types into the case form, over HTTP: numbers with a decimal comma, ambiguous numbers
 * refused beside their field, plausibility errors and warnings (today is 2026-01-15 on the test
 * server), the fields of contract v2, and the case id that does not change.
 */
class FormInputTest {

    private static final Actor OPERATOR = Actor.localOperator("test", "test");
    private static final String DIAMETER = "/imaging/0/tumorDiametersCm/0";

    @TempDir
    static Path dir;

    static WebTestServer server;
    static WebTestServer.Client clinician;

    @BeforeAll
    static void start() {
        server = WebTestServer.h2(dir);
        clinician = new WebTestServer.Client();
        assertThat(clinician.signIn(server, WebTestServer.CLINICIAN, WebTestServer.PASSWORD).statusCode()).isEqualTo(303);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The seed case as the new-case form would send it, under another id. */
    static Map<String, List<String>> seedForm(String id) {
        clinician.get(server.url("/cases/new"));
        Map<String, List<String>> form = new LinkedHashMap<>(CaseForm.params(CaseForm.values(WebTestServer.seedCase())));
        form.put("/caseId", List.of(id));
        form.put("_csrf", List.of(clinician.csrf()));
        return form;
    }

    static JsonNode stored(String id) {
        try {
            return Json.mapper().readTree(server.registry.read(OPERATOR, id).orElseThrow().json());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static boolean exists(String id) {
        return !server.registry.history(OPERATOR, id).isEmpty();
    }

    /** The field's block on a form page: its error, warning and unit are inside. */
    static Element field(Document page, String pointer) {
        return page.getElementById(CaseFormView.id(pointer)).closest(".field");
    }

    @Test
    void a_decimal_comma_in_a_diameter_is_stored_as_the_decimal_meant() {
        Map<String, List<String>> form = seedForm("comma-typed");
        form.put(DIAMETER, List.of("4,5"));

        HttpResponse<String> saved = clinician.post(server.url("/cases"), form);

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(stored("comma-typed").at(DIAMETER).asDouble()).isEqualTo(4.5);
    }

    @Test
    void an_ambiguous_number_is_refused_beside_its_field_and_nothing_is_stored() {
        Map<String, List<String>> form = seedForm("ambiguous-typed");
        form.put(DIAMETER, List.of("1,234"));
        form.put("/patient/ageYears", List.of("6.200,5"));

        HttpResponse<String> refused = clinician.post(server.url("/cases"), form);

        assertThat(refused.statusCode()).isEqualTo(422);
        Document page = Jsoup.parse(refused.body());
        Element diameter = field(page, DIAMETER);
        assertThat(diameter.select(".error-message").text()).contains("“1,234” is ambiguous: it could be 1234 or 1.234");
        assertThat(page.getElementById(CaseFormView.id(DIAMETER)).attr("value")).isEqualTo("1,234");
        assertThat(page.getElementById(CaseFormView.id(DIAMETER)).attr("aria-invalid")).isEqualTo("true");
        assertThat(field(page, "/patient/ageYears").select(".error-message").text()).contains("so as not to guess")
                .doesNotContain("must be");
        assertThat(page.select(".error-summary li")).hasSize(2);
        assertThat(exists("ambiguous-typed")).isFalse();
    }

    @Test
    void number_fields_take_text_with_a_decimal_keyboard_and_show_their_unit_and_range_beside_them() {
        Document page = Jsoup.parse(clinician.get(server.url("/cases/new")).body());

        Element diameter = page.getElementById(CaseFormView.id(DIAMETER));
        assertThat(diameter.attr("type")).isEqualTo("text");
        assertThat(diameter.attr("inputmode")).isEqualTo("decimal");
        assertThat(page.getElementById(CaseFormView.id(DIAMETER) + "-unit").text()).isEqualTo("cm, up to 60");
        assertThat(diameter.attr("aria-describedby")).contains(CaseFormView.id(DIAMETER) + "-unit");
        assertThat(page.getElementById("f-patient-ageYears-unit").text()).isEqualTo("years, 0 to 120");
        assertThat(page.getElementById("f-patient-egfrMlMin-unit").text()).isEqualTo("mL/min/1.73 m², 0 to 200");
        assertThat(page.getElementById("f-patient-lvefPct-unit").text()).isEqualTo("%, 5 to 90");
        assertThat(page.getElementById("f-neoadjuvant-radiotherapy-totalDoseGy-unit").text()).isEqualTo("Gy, up to 80");
        assertThat(page.getElementById("f-patient-ecog-unit").text()).isEqualTo("ECOG 0 to 4");
        assertThat(page.getElementById("f-patient-asaClass-unit").text()).isEqualTo("ASA 1 to 5");
        assertThat(page.getElementById("f-neoadjuvant-radiotherapy-fractions-unit").text()).isEqualTo("whole number, 1 to 60");
        assertThat(page.select("input[type=number]")).isEmpty();
        for (Element input : page.select("input[inputmode]")) {
            assertThat(page.getElementById(input.id() + "-unit")).as(input.id()).isNotNull();
        }
    }

    @Test
    void the_fields_of_contract_v2_are_in_the_form_with_clinical_labels_and_are_stored() {
        Document blank = Jsoup.parse(clinician.get(server.url("/cases/new")).body());
        assertThat(blank.select("label[for=f-patient-asaClass]").text()).startsWith("Physical status");
        assertThat(blank.select("label[for=f-patient-lvefPct]").text()).startsWith("Left ventricular ejection fraction (%)");
        assertThat(blank.select("label[for=f-imaging-0-regionalNodes]").text()).startsWith("Regional lymph nodes");
        assertThat(blank.select("#f-pathology-regionalNodes option").eachAttr("value")).containsExactly("", "N0", "N1");

        Map<String, List<String>> form = seedForm("v2-fields");
        form.put("/patient/asaClass", List.of("2"));
        form.put("/patient/lvefPct", List.of("55,5"));
        form.put("/patient/egfrMlMin", List.of("72"));
        form.put("/imaging/1/regionalNodes", List.of("N0"));
        form.put("/pathology/regionalNodes", List.of("N1"));
        assertThat(clinician.post(server.url("/cases"), form).statusCode()).isEqualTo(303);

        JsonNode kase = stored("v2-fields");
        assertThat(kase.at("/patient/asaClass").asInt()).isEqualTo(2);
        assertThat(kase.at("/patient/lvefPct").asDouble()).isEqualTo(55.5);
        assertThat(kase.at("/patient/egfrMlMin").asDouble()).isEqualTo(72.0);
        assertThat(kase.at("/imaging/1/regionalNodes").asText()).isEqualTo("N0");
        assertThat(kase.at("/pathology/regionalNodes").asText()).isEqualTo("N1");

        form.put("/patient/lvefPct", List.of("95"));
        Document refused = Jsoup.parse(clinician.post(server.url("/cases/v2-fields"), form).body());
        assertThat(field(refused, "/patient/lvefPct").select(".error-message").text()).contains("must be at most 90");
    }

    @Test
    void a_date_after_today_is_an_error_beside_its_field_and_nothing_is_stored() {
        Map<String, List<String>> form = seedForm("future-dated");
        form.put("/imaging/2/date", List.of("2026-01-16"));

        HttpResponse<String> refused = clinician.post(server.url("/cases"), form);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(field(Jsoup.parse(refused.body()), "/imaging/2/date").select(".error-message").text())
                .isEqualTo("Error: is 2026-01-16, after today (2026-01-15): a date cannot lie in the future");
        assertThat(exists("future-dated")).isFalse();
    }

    @Test
    void none_found_ticked_together_with_a_metastatic_site_is_refused_and_nothing_is_stored() {
        Map<String, List<String>> form = seedForm("none-and-site");
        form.put("/imaging/1/distantMetastases", List.of(CaseForm.NONE, "LIVER"));

        HttpResponse<String> refused = clinician.post(server.url("/cases"), form);

        assertThat(refused.statusCode()).isEqualTo(422);
        Document page = Jsoup.parse(refused.body());
        assertThat(page.getElementById("f-imaging-1-distantMetastases").select(".error-message").text())
                .contains("“None found” is ticked together with Liver: untick one or the other");
        assertThat(exists("none-and-site")).isFalse();
    }

    @Test
    void a_warning_must_be_confirmed_and_saving_after_confirming_stores_the_case() {
        Map<String, List<String>> form = seedForm("warned-typed");
        form.put(DIAMETER, List.of("45"));

        HttpResponse<String> shown = clinician.post(server.url("/cases"), form);

        assertThat(shown.statusCode()).isEqualTo(422);
        Document page = Jsoup.parse(shown.body());
        assertThat(page.select(".error-summary")).isEmpty();
        assertThat(page.select(".warning-summary h2").text()).isEqualTo("Please check these values before saving: 2 warnings");
        assertThat(field(page, DIAMETER).select(".warning-message").text()).contains("45 cm is larger than 30 cm");
        assertThat(field(page, "/imaging/1/tumorDiametersCm/0").select(".warning-message").text())
                .contains("from 45 cm on 2013-01-07 to 4.6 cm on 2013-01-15");
        Element box = page.getElementById("f-confirm-warnings");
        assertThat(box.hasAttr("checked")).isFalse();
        assertThat(exists("warned-typed")).isFalse();

        Map<String, List<String>> stale = new LinkedHashMap<>(form);
        stale.put(CaseFormView.CONFIRM, List.of("0".repeat(32)));
        assertThat(clinician.post(server.url("/cases"), stale).statusCode()).isEqualTo(422);
        assertThat(exists("warned-typed")).isFalse();

        form.put(CaseFormView.CONFIRM, List.of(box.attr("value")));
        HttpResponse<String> saved = clinician.post(server.url("/cases"), form);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(stored("warned-typed").at(DIAMETER).asDouble()).isEqualTo(45.0);
    }

    @Test
    void a_confirmation_does_not_carry_over_to_a_different_warning() {
        Map<String, List<String>> form = seedForm("warned-twice");
        form.put(DIAMETER, List.of("45"));
        String confirmation = Jsoup.parse(clinician.post(server.url("/cases"), form).body())
                .getElementById("f-confirm-warnings").attr("value");

        form.put(DIAMETER, List.of("55"));
        form.put(CaseFormView.CONFIRM, List.of(confirmation));
        HttpResponse<String> again = clinician.post(server.url("/cases"), form);

        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).contains("55 cm is larger than 30 cm");
        assertThat(exists("warned-twice")).isFalse();
    }

    @Test
    void the_case_id_is_read_only_when_editing_and_a_changed_id_is_refused_with_nothing_stored() {
        Map<String, List<String>> form = seedForm("fixed-id");
        assertThat(clinician.post(server.url("/cases"), form).statusCode()).isEqualTo(303);

        Document edit = Jsoup.parse(clinician.get(server.url("/cases/fixed-id/edit")).body());
        Element id = edit.getElementById("f-caseId");
        assertThat(id.hasAttr("readonly")).isTrue();
        assertThat(id.attr("value")).isEqualTo("fixed-id");
        assertThat(field(edit, "/caseId").select(".hint").text()).isEqualTo("The id of a stored case does not change.");
        Document blank = Jsoup.parse(clinician.get(server.url("/cases/new")).body());
        assertThat(blank.getElementById("f-caseId").hasAttr("readonly")).isFalse();

        Map<String, List<String>> tampered = new LinkedHashMap<>(form);
        tampered.put("/caseId", List.of("another-id"));
        tampered.put("/patient/ageYears", List.of("63"));
        HttpResponse<String> refused = clinician.post(server.url("/cases/fixed-id"), tampered);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(field(Jsoup.parse(refused.body()), "/caseId").select(".error-message").text())
                .contains("must stay \"fixed-id\": the id of a stored case does not change");
        assertThat(server.registry.history(OPERATOR, "fixed-id")).hasSize(1);
        assertThat(exists("another-id")).isFalse();
    }

    @Test
    void an_unchanged_case_with_three_decimals_opens_and_saves_again_without_an_ambiguity_error() {
        Map<String, List<String>> form = seedForm("three-decimals");
        form.put("/patient/egfrMlMin", List.of("72,1250"));
        assertThat(clinician.post(server.url("/cases"), form).statusCode()).isEqualTo(303);

        Document edit = Jsoup.parse(clinician.get(server.url("/cases/three-decimals/edit")).body());
        assertThat(edit.getElementById("f-patient-egfrMlMin").attr("value")).isEqualTo("72.1250");
        Map<String, List<String>> again = new LinkedHashMap<>(form);
        again.put("/patient/egfrMlMin", List.of(edit.getElementById("f-patient-egfrMlMin").attr("value")));
        again.put("/patient/ageYears", List.of("63"));
        again.put(CaseFormView.BASE, List.of(edit.select("input[name=" + CaseFormView.BASE + "]").attr("value")));
        assertThat(clinician.post(server.url("/cases/three-decimals"), again).statusCode()).isEqualTo(303);
        assertThat(stored("three-decimals").at("/patient/egfrMlMin").asDouble()).isEqualTo(72.125);
    }
}
