package org.cavaplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fhir bundle}, {@code plan} of a Bundle and {@code plan --format fhir}. */
class FhirCommandTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String SEED = ROOT.resolve("examples/seed-case.json").toString();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Text that must never reach a user. */
    private static final List<String> LEAKS = List.of("Exception", "at org.", "\tat ", "java.lang", "HAPI-", "ca.uhn");

    private static Path seedBundle(Path dir) throws IOException {
        Run run = Run.of("fhir", "bundle", SEED);
        assertThat(run.code()).isZero();
        assertThat(run.err()).isEmpty();
        Path file = dir.resolve("seed-bundle.json");
        Files.writeString(file, run.out(), StandardCharsets.UTF_8);
        return file;
    }

    private static void assertRejected(Run run, String expectedLine) {
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(expectedLine);
        for (String leak : LEAKS) {
            assertThat(run.err()).doesNotContain(leak);
        }
    }

    @Test
    void fhir_bundle_writes_the_seed_case_as_a_bundle_whose_plan_is_the_plan_of_the_case(@TempDir Path dir) throws IOException {
        Path bundle = seedBundle(dir);
        JsonNode tree = JSON.readTree(bundle.toFile());
        assertThat(tree.get("resourceType").asText()).isEqualTo("Bundle");
        assertThat(tree.get("entry").get(0).get("resource").get("resourceType").asText()).isEqualTo("Patient");

        Run fromBundle = Run.of("plan", bundle.toString());
        Run fromCase = Run.of("plan", SEED);

        assertThat(fromBundle.code()).isZero();
        assertThat(fromBundle.err()).isEmpty();
        assertThat(fromBundle.out()).isEqualTo(fromCase.out());
        assertThat(Run.of("plan", bundle.toString(), "--format", "text").out()).isEqualTo(Run.of("plan", SEED, "--format", "text").out());
        assertThat(Run.of("validate", bundle.toString()).out()).isEqualTo("valid\n");
    }

    @Test
    void plan_in_fhir_format_is_a_bundle_of_the_case_with_a_request_group_and_a_care_plan(@TempDir Path dir) throws IOException {
        // free of disease after a patch, with a surveillance schedule (the seed patient has recurred: no CarePlan)
        String free = Path.of("..", "knowledge", "src", "test", "resources", "golden", "29-patch-occlusion-on-follow-up", "case.json")
                .toString();
        Run run = Run.of("plan", free, "--format", "fhir", "--as-of", "2021-06-01");

        assertThat(run.code()).isZero();
        JsonNode bundle = JSON.readTree(run.out());
        List<String> types = new java.util.ArrayList<>();
        bundle.get("entry").forEach(e -> types.add(e.get("resource").get("resourceType").asText()));
        assertThat(types).contains("Patient", "RequestGroup", "CarePlan");
        Path file = dir.resolve("plan-bundle.json");
        Files.writeString(file, run.out(), StandardCharsets.UTF_8);
        assertThat(Run.of("plan", file.toString(), "--as-of", "2021-06-01").out())
                .isEqualTo(Run.of("plan", free, "--as-of", "2021-06-01").out());
    }

    @Test
    void a_bundle_with_a_value_out_of_range_is_bad_input_pointing_into_the_bundle(@TempDir Path dir) throws IOException {
        ObjectNode bundle = (ObjectNode) JSON.readTree(seedBundle(dir).toFile());
        int at = -1;
        for (int i = 0; i < bundle.get("entry").size(); i++) {
            JsonNode coding = bundle.get("entry").get(i).at("/resource/code/coding/0/code");
            if (coding.asText().equals("ivc-circumference-resected")) {
                ((ObjectNode) bundle.get("entry").get(i).at("/resource/valueQuantity")).put("value", 130);
                at = i;
            }
        }
        Path bad = dir.resolve("bad.json");
        JSON.writeValue(bad.toFile(), bundle);

        assertRejected(Run.of("plan", bad.toString()), "/entry/" + at + "/resource/valueQuantity/value: must be at most 100, not 130");
        assertRejected(Run.of("validate", bad.toString()), "/entry/" + at + "/resource/valueQuantity/value");
    }

    @Test
    void a_fhir_resource_that_is_not_a_bundle_is_bad_input(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("patient.json");
        Files.writeString(file, "{\"resourceType\": \"Patient\", \"gender\": \"female\"}");

        assertRejected(Run.of("plan", file.toString()), "/resourceType: must be \"Bundle\", not \"Patient\"");
    }

    @Test
    void a_bundle_with_an_unknown_resource_or_element_is_bad_input_without_a_stack_trace(@TempDir Path dir) throws IOException {
        Path unknown = dir.resolve("unknown.json");
        Files.writeString(unknown, "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Foo\"}}]}");
        Path element = dir.resolve("element.json");
        Files.writeString(element, "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"colour\":1}}]}");

        assertRejected(Run.of("plan", unknown.toString()), "/entry/0/resource/resourceType: is not a valid FHIR R4 Bundle");
        assertRejected(Run.of("plan", element.toString()), "/entry/0/resource/colour: is not an element of this FHIR R4 type");
    }

    @Test
    void a_bundle_missing_its_patient_or_imaging_is_bad_input(@TempDir Path dir) throws IOException {
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}");
        Path patientOnly = dir.resolve("patient-only.json");
        Files.writeString(patientOnly, "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"fullUrl\":\"urn:uuid:p\","
                + "\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p\",\"gender\":\"male\"}}]}");

        assertRejected(Run.of("plan", empty.toString()), "the Bundle has no Patient");
        assertRejected(Run.of("plan", patientOnly.toString()), "the Bundle has no imaging study");
    }

    @Test
    void fhir_bundle_of_a_bad_case_is_bad_input_and_fhir_alone_is_a_usage_error() {
        assertRejected(Run.of("fhir", "bundle", ROOT.resolve("nothing.json").toString()), "no such file");
        Run bare = Run.of("fhir");
        assertThat(bare.code()).isEqualTo(2);
        assertThat(bare.out()).isEmpty();
    }

    @Test
    void fhir_codesystem_prints_the_cavaplan_code_system() throws IOException {
        Run run = Run.of("fhir", "codesystem");

        assertThat(run.code()).isZero();
        JsonNode cs = JSON.readTree(run.out());
        assertThat(cs.get("resourceType").asText()).isEqualTo("CodeSystem");
        assertThat(cs.get("url").asText()).isEqualTo("https://cavaplan.org/fhir/CodeSystem/cavaplan");
    }

    @Test
    void the_readme_lists_the_fhir_command_and_format() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme).contains("`./cavaplan fhir bundle FILE`").contains("--format json\\|text\\|fhir");
        assertThat(ROOT.resolve("docs/fhir-mapping.md")).exists();
    }
}
