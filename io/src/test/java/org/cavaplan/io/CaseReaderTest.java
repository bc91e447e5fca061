package org.cavaplan.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cavaplan.core.model.Case;
import org.junit.jupiter.api.Test;

/**
 * The reader at the boundary: a case is valid, or every problem is reported at once, each with the
 * JSON pointer of its field, sorted by pointer; schema errors and the semantic checks alike.
 */
class CaseReaderTest {

    private static final CaseReader READER = CaseReader.create();

    private static ObjectNode seed() throws IOException {
        return (ObjectNode) Json.mapper().readTree(Files.readString(Path.of("..", "examples", "seed-case.json")));
    }

    private static List<InputError> errorsOf(Object input) {
        ReadResult result = READER.read(input.toString());
        assertThat(result).isInstanceOf(ReadResult.Invalid.class);
        return ((ReadResult.Invalid) result).errors();
    }

    private static List<String> pointersOf(Object input) {
        return errorsOf(input).stream().map(InputError::pointer).toList();
    }

    @Test
    void the_articles_patient_reads_as_a_valid_case_with_its_facts() throws IOException {
        ReadResult result = READER.read(seed().toString());

        assertThat(result).isInstanceOf(ReadResult.Valid.class);
        Case kase = ((ReadResult.Valid) result).value();
        assertThat(kase.patient().ageYears()).isEqualTo(62);
        assertThat(kase.operation()).isPresent();
        assertThat(kase.operation().get().date()).hasToString("2013-05-06");
        assertThat(kase.imaging()).isNotEmpty();
    }

    @Test
    void a_missing_required_field_is_named_by_the_pointer_of_its_place() throws IOException {
        ObjectNode kase = seed();
        ((ObjectNode) kase.get("patient")).remove("ageYears");

        assertThat(pointersOf(kase)).anyMatch(p -> p.startsWith("/patient"));
    }

    @Test
    void every_problem_is_reported_at_once_and_sorted_by_pointer() throws IOException {
        ObjectNode kase = seed();
        ((ObjectNode) kase.get("patient")).put("ageYears", -4);
        ((ObjectNode) kase.get("pathology")).put("margin", "R7");

        List<String> pointers = pointersOf(kase);

        assertThat(pointers).contains("/patient/ageYears").anyMatch(p -> p.startsWith("/pathology/margin"));
        assertThat(pointers).isSorted();
    }

    @Test
    void a_cranial_extent_below_the_caudal_extent_is_refused_at_the_cranial_extent() throws IOException {
        ObjectNode kase = seed();
        ObjectNode study = (ObjectNode) kase.get("imaging").get(0);
        study.put("cranialExtent", "INFRARENAL");
        study.put("caudalExtent", "RIGHT_ATRIUM");

        assertThat(errorsOf(kase)).anySatisfy(e -> {
            assertThat(e.pointer()).isEqualTo("/imaging/0/cranialExtent");
            assertThat(e.message()).contains("head to foot");
        });
    }

    @Test
    void a_follow_up_visit_before_the_operation_is_refused_at_its_date() throws IOException {
        ObjectNode kase = seed();
        ((ObjectNode) kase.get("followUp").get(0)).put("date", "2013-01-01");

        assertThat(errorsOf(kase)).anySatisfy(e -> {
            assertThat(e.pointer()).isEqualTo("/followUp/0/date");
            assertThat(e.message()).contains("cannot precede the operation (2013-05-06)");
        });
    }

    @Test
    void an_r0_margin_of_0_mm_is_refused_as_tumor_at_the_inked_margin() throws IOException {
        ObjectNode kase = seed();
        ((ObjectNode) kase.get("pathology")).put("margin", "R0").put("closestMarginMm", 0);

        assertThat(errorsOf(kase)).extracting(InputError::pointer).contains("/pathology/closestMarginMm");
    }

    @Test
    void a_calendar_date_that_does_not_exist_is_refused_at_its_field() throws IOException {
        ObjectNode kase = seed();
        ((ObjectNode) kase.get("operation")).put("date", "2013-02-30");

        assertThat(pointersOf(kase)).contains("/operation/date");
    }

    @Test
    void text_that_is_no_json_is_one_error_and_never_an_exception() {
        List<InputError> errors = errorsOf("{\"caseId\": ");

        assertThat(errors).isNotEmpty();
        assertThat(errors.get(0).message()).isNotBlank();
    }

    @Test
    void an_empty_list_of_imaging_studies_is_refused_at_imaging() throws IOException {
        ObjectNode kase = seed();
        kase.set("imaging", Json.mapper().createArrayNode());

        assertThat(pointersOf(kase)).anyMatch(p -> p.startsWith("/imaging"));
    }

    @Test
    void synthetic_cases_are_valid_and_the_same_seed_and_number_give_the_same_case() {
        for (int n = 1; n <= 500; n++) {
            ObjectNode kase = SyntheticCases.generate(11, n);
            assertThat(READER.read(kase.toString())).as("synthetic case %d", n).isInstanceOf(ReadResult.Valid.class);
        }
        assertThat(SyntheticCases.generate(11, 7)).isEqualTo(SyntheticCases.generate(11, 7));
        assertThat(SyntheticCases.generate(11, 7)).isNotEqualTo(SyntheticCases.generate(12, 7));
    }

    @Test
    void bytes_and_text_of_the_same_case_read_alike() throws IOException {
        String text = seed().toString();

        ReadResult fromText = READER.read(text);
        ReadResult fromBytes = READER.read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(fromBytes).isEqualTo(fromText);
    }

    @Test
    void a_semantic_error_and_a_schema_error_come_back_together() throws IOException {
        ObjectNode kase = seed();
        ((ObjectNode) kase.get("patient")).put("ageYears", -4);
        ArrayNode visits = (ArrayNode) kase.get("followUp");
        ((ObjectNode) visits.get(0)).put("date", "2013-01-01");

        List<String> pointers = pointersOf(kase);

        assertThat(pointers).contains("/patient/ageYears", "/followUp/0/date");
    }
}
