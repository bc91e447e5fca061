package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cavaplan.io.InputError;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class CaseFormViewTest {

    private static String seed() {
        try {
            return Files.readString(Path.of("..", "examples", "seed-case.json"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Document page(Map<String, String> values, List<InputError> errors) {
        return Jsoup.parse(Pages.render("form.jte", CaseFormView.page(new Frame("New case", null, "tok<en>"), "/cases", values,
                errors, List.of(), false, null)));
    }

    @Test
    void everyVisibleControlHasALabelPointingToIt() {
        Document doc = page(CaseForm.values(seed()), List.of());

        List<Element> controls = doc.select("input:not([type=hidden]), select, textarea");
        assertThat(controls).hasSizeGreaterThan(100);
        for (Element control : controls) {
            assertThat(control.id()).as(control.outerHtml()).isNotEmpty();
            assertThat(doc.select("label[for=" + control.id() + "]")).as(control.id()).hasSize(1);
        }
    }

    @Test
    void idsAreUniqueAndNoElementCarriesAnInlineStyleOrScript() {
        Document doc = page(CaseForm.values(seed()), List.of(new InputError("/imaging", "x")));

        Set<String> ids = new HashSet<>();
        for (Element e : doc.select("[id]")) {
            assertThat(ids.add(e.id())).as(e.id()).isTrue();
        }
        assertThat(doc.select("[style]")).isEmpty();
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.getAllElements().stream().flatMap(e -> e.attributes().asList().stream())
                .filter(a -> a.getKey().startsWith("on"))).isEmpty();
    }

    @Test
    void everyDescriptionThatAControlPointsToExists() {
        Document doc = page(CaseForm.values(seed()), List.of(new InputError("/imaging/0/date", "is required but missing"),
                new InputError("/followUp", "x"), new InputError("/presentation/symptoms", "y")));

        List<Element> described = doc.select("[aria-describedby]");
        assertThat(described).hasSizeGreaterThan(20);
        for (Element e : described) {
            for (String id : e.attr("aria-describedby").split(" ")) {
                assertThat(doc.getElementById(id)).as(e.id() + " -> " + id).isNotNull();
            }
        }
    }

    @Test
    void theFormPostsToItsActionWithTheAntiForgeryTokenAndAReasonField() {
        Document doc = page(Map.of("_reason", "pathology received"), List.of());

        Element form = doc.selectFirst("form");
        assertThat(form.attr("method")).isEqualTo("post");
        assertThat(form.attr("action")).isEqualTo("/cases");
        assertThat(form.selectFirst("input[name=_csrf]").attr("value")).isEqualTo("tok<en>");
        assertThat(form.selectFirst("input[name=_reason]").attr("value")).isEqualTo("pathology received");
        assertThat(form.select("button[type=submit]")).hasSize(1);
        assertThat(doc.select("h1").text()).isEqualTo("New case");
    }

    @Test
    void anErrorOnAFieldIsSummarisedWithALinkAndShownBesideTheField() {
        InputError age = new InputError("/patient/ageYears", "must be at most 120, not 130");

        Document doc = page(Map.of("/patient/ageYears", "130"), List.of(age));

        Element link = doc.selectFirst(".error-summary a");
        assertThat(link.attr("href")).isEqualTo("#f-patient-ageYears");
        assertThat(link.text()).contains("Age (years)").contains("/patient/ageYears").contains("must be at most 120");
        Element input = doc.getElementById("f-patient-ageYears");
        assertThat(input.attr("aria-invalid")).isEqualTo("true");
        assertThat(input.attr("aria-describedby").split(" ")).contains("f-patient-ageYears-error");
        assertThat(doc.getElementById("f-patient-ageYears-error").text()).contains("must be at most 120, not 130");
        assertThat(input.attr("value")).isEqualTo("130");
    }

    @Test
    void anErrorOnAWholeListOrAMissingSectionIsShownAtTheClosestGroup() {
        List<InputError> errors = List.of(
                new InputError("/imaging", "must have at least 1 item(s)"),
                new InputError("/neoadjuvant/radiotherapy/totalDoseGy", "is required but missing"),
                new InputError("/presentation/symptoms/1", "must not list the same value twice"),
                new InputError("", "a case must be a JSON object"),
                new InputError("/nonsense/deep", "is not a field of the case format (check the spelling)"));

        Document doc = page(Map.of(), errors);

        assertThat(doc.select(".error-summary li")).hasSize(5);
        assertThat(doc.getElementById("f-imaging-error").text()).contains("at least 1 item");
        assertThat(doc.getElementById("f-imaging").attr("aria-describedby")).contains("f-imaging-error");
        assertThat(doc.getElementById("f-neoadjuvant-radiotherapy-totalDoseGy-error").text()).contains("required");
        assertThat(doc.getElementById("f-presentation-symptoms-error").text()).contains("twice");
        assertThat(doc.getElementById("f-case-error").text()).contains("JSON object").contains("not a field");
        assertThat(doc.select(".error-summary a").eachAttr("href")).allMatch(href -> doc.getElementById(href.substring(1)) != null);
    }

    @Test
    void caseContentIsEscaped() {
        Document doc = page(Map.of("/neoadjuvant/chemotherapy/regimen", "\"><script>alert(1)</script>"),
                List.of(new InputError("/caseId", "<b>bad</b>")));

        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.getElementById("f-neoadjuvant-chemotherapy-regimen").attr("value")).isEqualTo("\"><script>alert(1)</script>");
        assertThat(doc.getElementById("f-caseId-error").text()).contains("<b>bad</b>");
    }

    @Test
    void theSeedCaseIsPrefilledAndEachListOffersTwoBlankEntriesMore() {
        Document doc = page(CaseForm.values(seed()), List.of());

        assertThat(doc.getElementById("f-patient-ageYears").attr("value")).isEqualTo("62");
        assertThat(doc.selectFirst("#f-patient-sex option[selected]").attr("value")).isEqualTo("FEMALE");
        assertThat(doc.selectFirst("#f-presentation-incidental option[selected]").text()).isEqualTo("Yes");
        assertThat(doc.getElementById("f-imaging-1-tumorDiametersCm-2").attr("value")).isEqualTo("4.4");
        assertThat(doc.getElementById("f-postoperative-antithrombotics-WARFARIN").hasAttr("checked")).isTrue();
        assertThat(doc.getElementById("f-postoperative-antithrombotics-LMWH").hasAttr("checked")).isFalse();
        assertThat(doc.getElementById("f-imaging-1-distantMetastases-_NONE").hasAttr("checked")).isTrue();
        assertThat(doc.select("fieldset.repeat#f-imaging > fieldset.group")).hasSize(5);
        assertThat(doc.select("fieldset.repeat#f-followUp > fieldset.group")).hasSize(4);
        assertThat(doc.select("fieldset.repeat#f-imaging > fieldset.blank")).hasSize(2);
    }

    @Test
    void aNewCaseOffersThreeImagingStudiesAndEveryOptionalChoiceCanBeLeftUnrecorded() {
        Document doc = page(Map.of(), List.of());

        assertThat(doc.select("fieldset.repeat#f-imaging > fieldset.group")).hasSize(3);
        for (Element select : doc.select("select")) {
            assertThat(select.selectFirst("option").attr("value")).as(select.id()).isEmpty();
            assertThat(select.selectFirst("option").text()).isEqualTo("Not recorded");
        }
        assertThat(doc.selectFirst("input[name=/schemaVersion]").attr("value")).isEqualTo("1");
    }

    @Test
    void thePageSubmittedAsIsGivesBackTheSameCase() {
        String seed = seed();
        Document doc = page(CaseForm.values(seed), List.of());

        // what a browser sends for this form when nothing is touched
        Map<String, List<String>> sent = new java.util.LinkedHashMap<>();
        for (Element control : doc.select("input, select")) {
            String name = control.attr("name");
            String value;
            if (control.is("select")) {
                Element chosen = control.selectFirst("option[selected]");
                value = chosen == null ? "" : chosen.attr("value");
            } else if (control.attr("type").equals("checkbox")) {
                if (!control.hasAttr("checked")) {
                    continue;
                }
                value = control.attr("value");
            } else {
                value = control.attr("value");
            }
            sent.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
        }

        assertThat(tree(CaseForm.toJson(sent))).isEqualTo(tree(seed));
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return org.cavaplan.io.Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
