package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.InputError;
import org.cavaplan.io.Json;
import org.cavaplan.io.ReadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CaseFormTest {

    private static final CaseReader READER = CaseReader.create();

    static Stream<Path> cases() throws IOException {
        List<Path> out = new ArrayList<>();
        out.add(Path.of("..", "examples", "seed-case.json"));
        try (Stream<Path> dirs = Files.list(Path.of("..", "knowledge", "src", "test", "resources", "golden"))) {
            dirs.sorted().map(d -> d.resolve("case.json")).filter(Files::isRegularFile).forEach(out::add);
        }
        assertThat(out).hasSizeGreaterThan(10);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyStoredCaseComesBackUnchangedThroughTheForm(Path path) throws IOException {
        String json = Files.readString(path, StandardCharsets.UTF_8);

        String back = CaseForm.toJson(CaseForm.params(CaseForm.values(json)));

        assertThat(tree(back)).isEqualTo(tree(json));
    }

    @Test
    void aWordInTheAgeFieldIsReportedAtTheAgePointer() {
        Map<String, String> values = CaseForm.values(seed());
        values.put("/patient/ageYears", "abc");

        ReadResult result = READER.read(CaseForm.toJson(CaseForm.params(values)));

        assertThat(result).isInstanceOf(ReadResult.Invalid.class);
        assertThat(((ReadResult.Invalid) result).errors()).extracting(InputError::pointer).containsExactly("/patient/ageYears");
    }

    @Test
    void emptyFieldsAreLeftOutRatherThanSentAsEmptyText() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("/schemaVersion", List.of("1"));
        params.put("/caseId", List.of("c-1"));
        params.put("/patient/ageYears", List.of(" 62 "));
        params.put("/patient/sex", List.of("FEMALE"));
        params.put("/patient/ecog", List.of(""));
        params.put("/presentation/incidental", List.of(""));
        params.put("/presentation/symptoms", List.of());
        params.put("/imaging/0/date", List.of("2013-01-07"));
        params.put("/imaging/0/modality", List.of("MRI"));
        params.put("/imaging/0/tumorDiametersCm/0", List.of("5.5"));
        params.put("/imaging/0/tumorDiametersCm/1", List.of(""));
        params.put("/imaging/0/ivcLumen", List.of(""));
        params.put("/neoadjuvant/radiotherapy/totalDoseGy", List.of(""));
        params.put("/followUp/0/date", List.of(""));
        params.put("_csrf", List.of("token"));
        params.put("_reason", List.of("first entry"));

        JsonNode built = tree(CaseForm.toJson(params));

        assertThat(built).isEqualTo(tree("""
                {"schemaVersion":"1","caseId":"c-1","patient":{"ageYears":62,"sex":"FEMALE"},
                 "imaging":[{"date":"2013-01-07","modality":"MRI","tumorDiametersCm":[5.5]}]}"""));
        assertThat(READER.read(built)).isInstanceOf(ReadResult.Valid.class);
    }

    @Test
    void blankImagingSlotsAreDroppedAndTheOthersRenumberedInOrder() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("/imaging/2/date", List.of("2020-02-02"));
        params.put("/imaging/0/date", List.of("2020-01-01"));
        params.put("/imaging/1/date", List.of(""));
        params.put("/imaging/1/modality", List.of(""));

        JsonNode built = tree(CaseForm.toJson(params));

        assertThat(built.path("imaging")).hasSize(2);
        assertThat(built.at("/imaging/0/date").asText()).isEqualTo("2020-01-01");
        assertThat(built.at("/imaging/1/date").asText()).isEqualTo("2020-02-02");
    }

    @Test
    void theNoneBoxRecordsAnEmptyListWhileNoBoxLeavesTheListOut() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("/imaging/0/distantMetastases", List.of(CaseForm.NONE));
        params.put("/imaging/1/date", List.of("2020-01-01"));

        JsonNode built = tree(CaseForm.toJson(params));

        assertThat(built.at("/imaging/0/distantMetastases").isArray()).isTrue();
        assertThat(built.at("/imaging/0/distantMetastases")).isEmpty();
        assertThat(built.at("/imaging/1").has("distantMetastases")).isFalse();
    }

    @Test
    void ticksKeepTheOrderTheListHadBeforeAndNewOnesFollow() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        // boxes arrive in the page's order; the hidden field remembers the stored order
        params.put("/presentation/symptoms", List.of("ABDOMINAL_PAIN", "PALPABLE_MASS", "WEIGHT_LOSS"));
        params.put(CaseForm.ORDER_PREFIX + "/presentation/symptoms", List.of("PALPABLE_MASS,ABDOMINAL_PAIN"));

        JsonNode built = tree(CaseForm.toJson(params));

        assertThat(built.at("/presentation/symptoms").toString())
                .isEqualTo("[\"PALPABLE_MASS\",\"ABDOMINAL_PAIN\",\"WEIGHT_LOSS\"]");
    }

    @Test
    void yesNoAndNumbersAreTypedAndAnUnknownChoiceIsReportedAtItsField() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("/presentation/incidental", List.of("false"));
        params.put("/neoadjuvant/radiotherapy/totalDoseGy", List.of("50.4"));
        params.put("/neoadjuvant/radiotherapy/fractions", List.of("28"));
        params.put("/patient/sex", List.of("WOMAN"));

        String json = CaseForm.toJson(params);
        JsonNode built = tree(json);

        assertThat(built.at("/presentation/incidental").isBoolean()).isTrue();
        assertThat(built.at("/neoadjuvant/radiotherapy/totalDoseGy").asDouble()).isEqualTo(50.4);
        assertThat(built.at("/neoadjuvant/radiotherapy/fractions").isInt()).isTrue();
        assertThat(((ReadResult.Invalid) READER.read(json)).errors()).extracting(InputError::pointer).contains("/patient/sex");
    }

    @Test
    void numbersAsABrowserSendsThemAreReadAndAnEnormousOneIsReportedNotBroken() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("/patient/ageYears", List.of("062"));
        params.put("/pathology/closestMarginMm", List.of(".5"));
        params.put("/pathology/maxDiameterCm", List.of("1e400"));

        String json = CaseForm.toJson(params);

        assertThat(tree(json).at("/patient/ageYears").intValue()).isEqualTo(62);
        assertThat(tree(json).at("/pathology/closestMarginMm").doubleValue()).isEqualTo(0.5);
        assertThat(((ReadResult.Invalid) READER.read(json)).errors()).extracting(InputError::pointer)
                .contains("/pathology/maxDiameterCm");
    }

    @Test
    void aCraftedFieldNameCannotCreateAHugeList() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("/imaging/999999999/date", List.of("2020-01-01"));
        params.put("/imaging/1/date", List.of("2020-01-02"));
        params.put("/unknown/field", List.of("x"));

        JsonNode built = tree(CaseForm.toJson(params));

        assertThat(built.path("imaging")).hasSize(1);
        assertThat(built.has("unknown")).isFalse();
    }

    @Test
    void badInputGivesNoValuesAndNoException() {
        assertThat(CaseForm.values("not json")).isEmpty();
        assertThat(CaseForm.values("[1,2]")).isEmpty();
        assertThat(CaseForm.toJson(Map.of())).isEqualTo("{ }");
    }

    @Test
    void everyFieldOfTheSchemaHasAControlOnTheForm() throws IOException {
        List<String> leaves = new ArrayList<>();
        JsonNode schema = Json.mapper().readTree(CaseReader.schemaText());
        leaves(schema, schema, "", leaves);
        assertThat(leaves).hasSizeGreaterThan(60);

        String page = Pages.render("form.jte", CaseFormView.page(new Frame("New case", null, "t"), "/cases", Map.of(), List.of(),
                List.of(), false, null));

        for (String leaf : leaves) {
            assertThat(CaseForm.part(leaf)).as(leaf).isPresent();
            assertThat(page).as(leaf).contains("name=\"" + leaf + "\"");
        }
    }

    @Test
    void labelsAreThoseOfAClinicianNotTheSchemaNames() {
        assertThat(CaseForm.describe("/imaging/1/ivcLumen")).isEqualTo("Imaging study 2 › IVC lumen");
        assertThat(CaseForm.describe("/imaging/0/tumorDiametersCm/2")).isEqualTo("Imaging study 1 › Tumor diameters (cm) › Tumor diameter 3 (cm)");
        assertThat(CaseForm.describe("/patient/ageYears")).isEqualTo("Patient › Age (years)");
        assertThat(CaseForm.describe("/presentation/symptoms/1")).isEqualTo("Presentation and symptoms › Symptoms and signs › item 2");
    }

    /** Every value position of the schema, array indexes written as 0 (independent of CaseForm's own walk). */
    private static void leaves(JsonNode root, JsonNode node, String pointer, List<String> out) {
        JsonNode n = node;
        while (n.has("$ref")) {
            n = root.at(n.get("$ref").asText().substring(1));
        }
        if (n.has("properties")) {
            n.get("properties").properties().forEach(p -> leaves(root, p.getValue(), pointer + "/" + p.getKey(), out));
        } else if ("array".equals(n.path("type").asText())) {
            JsonNode items = n.get("items");
            while (items.has("$ref")) {
                items = root.at(items.get("$ref").asText().substring(1));
            }
            if (items.has("enum")) {
                out.add(pointer);
            } else {
                leaves(root, items, pointer + "/0", out);
            }
        } else {
            out.add(pointer);
        }
    }

    private static String seed() {
        try {
            return Files.readString(Path.of("..", "examples", "seed-case.json"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
