package org.cavaplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.cavaplan.io.Json;
import org.cavaplan.io.SyntheticCases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCommandsTest {

    @TempDir
    Path dir;

    String db;
    Path cases;

    @BeforeEach
    void fileWithThreeCasesAndABadLine() throws IOException {
        db = "jdbc:h2:file:" + dir.resolve("registry").toAbsolutePath();
        ObjectNode bad = SyntheticCases.generate(8, 99);
        ((ObjectNode) bad.get("patient")).put("sex", "F").put("ageYears", 130);
        cases = dir.resolve("cases.ndjson");
        Files.writeString(cases, SyntheticCases.generate(8, 1) + "\n" + bad + "\n\n" + SyntheticCases.generate(8, 2) + "\n"
                + SyntheticCases.generate(8, 3) + "\n");
    }

    @Test
    void import_prints_the_summary_and_reports_each_problem_of_a_bad_line() {
        Run run = Run.of("import", "--db", db, cases.toString());

        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo("imported 3, unchanged 0, rejected 1\n");
        assertThat(run.err().lines()).containsExactly(
                "line 2: /patient/ageYears: must be at most 120, not 130",
                "line 2: /patient/sex: must be one of FEMALE, MALE, OTHER, UNKNOWN, not \"F\"");
    }

    @Test
    void import_stores_a_case_with_plausibility_warnings_reports_them_per_line_and_rejects_a_date_after_today()
            throws IOException {
        ObjectNode warned = SyntheticCases.generate(8, 4);
        ((ArrayNode) warned.get("imaging").get(0).get("tumorDiametersCm")).removeAll().add(45.0);
        ObjectNode future = SyntheticCases.generate(8, 5);
        ((ObjectNode) future.get("imaging").get(0)).put("date", LocalDate.now().plusDays(1).toString());
        Path file = dir.resolve("plausibility.ndjson");
        Files.writeString(file, SyntheticCases.generate(8, 1) + "\n" + warned + "\n" + future + "\n");

        Run run = Run.of("import", "--db", db, file.toString());

        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo("imported 2, unchanged 0, rejected 1\n");
        List<String> err = run.err().lines().toList();
        assertThat(err).anySatisfy(line -> assertThat(line).startsWith("line 2: warning: /imaging/0/tumorDiametersCm/0: 45 cm is "
                + "larger than 30 cm: if it was measured in millimetres, it is 4.5 cm"));
        assertThat(err).allSatisfy(line -> assertThat(line).matches("line (2: warning: |3: )/.*"));
        assertThat(err).contains("line 3: /imaging/0/date: is " + LocalDate.now().plusDays(1) + ", after today ("
                + LocalDate.now() + "): a date cannot lie in the future");
        assertThat(Run.of("export", "--db", db).out().lines()).hasSize(2)
                .anySatisfy(line -> assertThat(line).contains(warned.get("caseId").asText()));
    }

    @Test
    void validate_prints_plausibility_warnings_and_stays_valid_but_refuses_a_date_after_today() throws IOException {
        ObjectNode warned = SyntheticCases.generate(8, 4);
        ((ArrayNode) warned.get("imaging").get(0).get("tumorDiametersCm")).removeAll().add(45.0);
        Path warnedFile = Files.writeString(dir.resolve("warned.json"), warned.toString());
        ObjectNode future = SyntheticCases.generate(8, 5);
        ((ObjectNode) future.get("imaging").get(0)).put("date", LocalDate.now().plusDays(1).toString());
        Path futureFile = Files.writeString(dir.resolve("future.json"), future.toString());

        Run valid = Run.of("validate", warnedFile.toString());
        Run refused = Run.of("validate", futureFile.toString());

        assertThat(valid.code()).isZero();
        assertThat(valid.out()).isEqualTo("valid\n");
        assertThat(valid.err()).startsWith("/imaging/0/tumorDiametersCm/0: warning: 45 cm is larger than 30 cm");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).contains("/imaging/0/date: is " + LocalDate.now().plusDays(1) + ", after today");
    }

    @Test
    void importing_the_same_file_again_changes_nothing() {
        Run.of("import", "--db", db, cases.toString());

        Run again = Run.of("import", "--db", db, cases.toString());

        assertThat(again.code()).isZero();
        assertThat(again.out()).isEqualTo("imported 0, unchanged 3, rejected 1\n");
    }

    @Test
    void a_missing_file_or_a_database_of_another_kind_is_bad_input_with_nothing_on_stdout() {
        Run missing = Run.of("import", "--db", db, dir.resolve("nothing.ndjson").toString());
        Run mysql = Run.of("import", "--db", "jdbc:mysql://localhost/x", cases.toString());
        Run unreachable = Run.of("export", "--db", "jdbc:postgresql://127.0.0.1:1/none?user=x&connectTimeout=2");

        assertThat(List.of(missing, mysql, unreachable)).allSatisfy(run -> {
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).isNotBlank();
        });
        assertThat(mysql.err()).startsWith("--db: the registry runs on H2 (jdbc:h2:…) or PostgreSQL (jdbc:postgresql:…)");
        assertThat(unreachable.err()).startsWith("--db: cannot connect to the registry database");
    }

    @Test
    void export_writes_the_latest_cases_as_ndjson_or_as_csv_for_r() throws IOException {
        Run.of("import", "--db", db, cases.toString());

        Run ndjson = Run.of("export", "--db", db);
        Run csv = Run.of("export", "--db", db, "--format", "csv");

        assertThat(ndjson.code()).isZero();
        List<String> lines = ndjson.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(Json.mapper().readTree(lines.get(0)).get("caseId").asText()).isEqualTo("SYNTH-8-00001");
        assertThat(csv.code()).isZero();
        assertThat(csv.out().lines().toList()).hasSize(4);
        assertThat(csv.out()).startsWith("case_id,version,synthetic,age,age_90_or_older,sex,ecog,level_1,level_2,level_3,");
        assertThat(csv.out().lines().findFirst().orElseThrow()).contains(",time_days,time_months,event,");
    }

    @Test
    void a_deidentified_export_has_no_case_ids_and_no_calendar_dates() throws IOException {
        Run.of("import", "--db", db, cases.toString());

        Run run = Run.of("export", "--db", db, "--deidentify");

        assertThat(run.code()).isZero();
        assertThat(run.out()).doesNotContain("SYNTH-8-").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
        JsonNode first = Json.mapper().readTree(run.out().lines().findFirst().orElseThrow());
        assertThat(first.get("caseId").asText()).matches("P-[0-9a-f]{20}");
        assertThat(first.get("deidentified").asBoolean()).isTrue();
    }

    @Test
    void an_unknown_export_format_is_bad_input() {
        Run run = Run.of("export", "--db", db, "--format", "xlsx");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("--format: must be ndjson or csv, not \"xlsx\"\n");
    }

    @Test
    void user_add_prints_one_line_with_a_new_api_token() {
        Run run = Run.of("user", "add", "dr.cava", "--role", "CLINICIAN", "--db", db);

        assertThat(run.code()).isZero();
        assertThat(run.out()).matches("cvp_[A-Za-z0-9_-]{43}\n");
        assertThat(run.err()).isEmpty();
        Run again = Run.of("user", "add", "dr.cava", "--role", "ADMIN", "--db", db);
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).isEqualTo("a user dr.cava exists already\n");
    }

    @Test
    void user_add_needs_a_known_role() {
        Run run = Run.of("user", "add", "someone", "--role", "SURGEON", "--db", db);

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--role");
    }
}
