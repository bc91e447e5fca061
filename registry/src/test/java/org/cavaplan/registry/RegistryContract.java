package org.cavaplan.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.model.VitalStatus;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Stage;
import org.cavaplan.io.InputError;
import org.cavaplan.io.Json;
import org.cavaplan.io.SyntheticCases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the registry promises, on whichever database a subclass gives it. Every test gets a fresh,
 * empty database and a clock that stands still.
 */
abstract class RegistryContract {

    static final Path SEED_CASE = Path.of("..", "examples", "seed-case.json");
    static final Instant START = Instant.parse("2026-01-05T09:30:00Z");

    final TestClock clock = new TestClock(START);
    final Actor operator = Actor.localOperator("tester", "cli");
    TestDatabase database;
    Registry registry;

    /** A fresh database for one test. */
    abstract TestDatabase newDatabase();

    @BeforeEach
    void open() {
        database = newDatabase();
        registry = Registry.open(database.url(), clock);
    }

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
        database.close();
    }

    static String seedCase() throws IOException {
        return Files.readString(SEED_CASE);
    }

    static ObjectNode seedTree() throws IOException {
        return (ObjectNode) Json.mapper().readTree(seedCase());
    }

    Actor userActor(String name, Role role) {
        NewUser user = registry.addUser(operator, name, role);
        Authentication auth = registry.authenticate(user.token(), "10.0.0.7");
        assertThat(auth).isInstanceOf(Authentication.Authenticated.class);
        return ((Authentication.Authenticated) auth).actor();
    }

    String export(Actor actor, ExportRequest request) throws IOException {
        StringWriter out = new StringWriter();
        registry.export(actor, request, out);
        return out.toString();
    }

    long count(String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---- versions -----------------------------------------------------------------------

    @Test
    void a_new_case_is_stored_as_version_1_and_read_back_as_canonical_json() throws IOException {
        SaveResult result = registry.save(operator, seedCase(), "entered after the tumor board");

        assertThat(result).isInstanceOf(SaveResult.Created.class);
        CaseVersion v = ((SaveResult.Created) result).version();
        assertThat(v.caseId()).isEqualTo("seed-case-report");
        assertThat(v.version()).isEqualTo(1);
        assertThat(v.change()).isEqualTo(CaseVersion.Change.CREATED);
        assertThat(v.author()).isEqualTo("tester");
        assertThat(v.origin()).isEqualTo("cli");
        assertThat(v.recordedAt()).isEqualTo(START);
        StoredCase stored = registry.read(operator, "seed-case-report").orElseThrow();
        assertThat(stored.version()).isEqualTo(v);
        assertThat(stored.json()).isEqualTo(CanonicalJson.of(seedCase()));
    }

    @Test
    void saving_the_same_case_with_keys_reordered_and_numbers_rewritten_makes_no_new_version() throws IOException {
        registry.save(operator, seedCase(), "first entry");
        String rewritten = seedCase().replace("\"ageYears\": 62", "\"ageYears\": 62.0")
                .replace("\"totalDoseGy\": 55", "\"totalDoseGy\": 5.50e1");
        ObjectNode reordered = Json.mapper().createObjectNode();
        JsonNode tree = Json.mapper().readTree(rewritten);
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        for (int i = names.size() - 1; i >= 0; i--) {
            reordered.set(names.get(i), tree.get(names.get(i)));
        }

        SaveResult again = registry.save(operator, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(reordered),
                "imported again");

        assertThat(again).isInstanceOf(SaveResult.Unchanged.class);
        assertThat(registry.history(operator, "seed-case-report")).hasSize(1);
    }

    @Test
    void a_changed_case_becomes_a_new_version_and_every_version_stays_readable() throws IOException {
        registry.save(operator, seedCase(), "first entry");
        clock.advance(Duration.ofDays(30));
        ObjectNode changed = seedTree();
        ((ObjectNode) changed.get("pathology")).put("fnclccGrade", 2);

        SaveResult result = registry.save(operator, changed.toString(), "grade from the review of the slides");

        assertThat(result).isInstanceOf(SaveResult.Updated.class);
        assertThat(((SaveResult.Updated) result).version().version()).isEqualTo(2);
        assertThat(registry.read(operator, "seed-case-report").orElseThrow().json()).contains("\"fnclccGrade\":2");
        assertThat(registry.readVersion(operator, "seed-case-report", 1).orElseThrow().json())
                .isEqualTo(CanonicalJson.of(seedCase()));
        List<CaseVersion> history = registry.history(operator, "seed-case-report");
        assertThat(history).extracting(CaseVersion::version).containsExactly(1, 2);
        assertThat(history).extracting(CaseVersion::reason).containsExactly("first entry", "grade from the review of the slides");
        assertThat(history).extracting(CaseVersion::recordedAt).containsExactly(START, START.plus(Duration.ofDays(30)));
        assertThat(registry.readVersion(operator, "seed-case-report", 3)).isEmpty();
    }

    @Test
    void an_invalid_case_is_rejected_with_pointers_and_nothing_is_stored() throws IOException, SQLException {
        ObjectNode bad = seedTree();
        ((ObjectNode) bad.get("patient")).put("ageYears", 130);

        SaveResult result = registry.save(operator, bad.toString(), "typo");

        assertThat(result).isInstanceOf(SaveResult.Rejected.class);
        assertThat(((SaveResult.Rejected) result).errors()).extracting(InputError::pointer).contains("/patient/ageYears");
        assertThat(registry.save(operator, "{not json", "typo")).isInstanceOf(SaveResult.Rejected.class);
        assertThat(count("SELECT COUNT(*) FROM case_version")).isZero();
    }

    @Test
    void a_change_needs_a_reason() throws IOException {
        String kase = seedCase();
        assertThatThrownBy(() -> registry.save(operator, kase, " ")).isInstanceOf(RegistryException.Invalid.class);
    }

    @Test
    void the_extracted_columns_are_the_engines_derivations() throws IOException {
        registry.save(operator, seedCase(), "first entry");

        CaseSummary s = registry.search(operator, CaseQuery.all()).cases().get(0);

        assertThat(s.stage()).isEqualTo(Stage.FOLLOW_UP);
        assertThat(s.intent()).isEqualTo(Intent.CURATIVE);
        assertThat(s.ivcLevels()).containsExactly(1);
        assertThat(s.margin()).contains(Margin.R0);
        assertThat(s.grade()).isEmpty();
        assertThat(s.sizeCm()).contains(5.5);
        assertThat(s.operationDate()).contains(LocalDate.parse("2013-05-06"));
        assertThat(s.vitalStatus()).contains(VitalStatus.ALIVE);
        assertThat(s.followUpDays()).contains(427);
    }

    // ---- retirement ---------------------------------------------------------------------

    @Test
    void a_retired_case_leaves_search_and_export_but_stays_readable_to_admins() throws IOException {
        registry.save(operator, seedCase(), "first entry");
        Actor clinician = userActor("dr.vena", Role.CLINICIAN);

        CaseVersion retired = registry.retire(clinician, "seed-case-report", "duplicate of case 17");

        assertThat(retired.version()).isEqualTo(2);
        assertThat(retired.change()).isEqualTo(CaseVersion.Change.RETIRED);
        assertThat(registry.read(clinician, "seed-case-report")).isEmpty();
        assertThat(registry.history(clinician, "seed-case-report")).isEmpty();
        assertThat(registry.search(clinician, CaseQuery.all()).cases()).isEmpty();
        assertThat(export(clinician, ExportRequest.identified(ExportFormat.NDJSON))).isEmpty();
        StoredCase asAdmin = registry.read(operator, "seed-case-report").orElseThrow();
        assertThat(asAdmin.version().retired()).isTrue();
        assertThat(asAdmin.json()).isEqualTo(CanonicalJson.of(seedCase()));
        assertThat(registry.history(operator, "seed-case-report")).extracting(CaseVersion::change)
                .containsExactly(CaseVersion.Change.CREATED, CaseVersion.Change.RETIRED);
        assertThat(registry.search(operator, CaseQuery.all().withRetired()).cases()).hasSize(1);
        assertThatThrownBy(() -> registry.search(clinician, CaseQuery.all().withRetired()))
                .isInstanceOf(RegistryException.AccessDenied.class);
    }

    @Test
    void a_retired_case_cannot_be_changed_or_retired_again() throws IOException {
        registry.save(operator, seedCase(), "first entry");
        registry.retire(operator, "seed-case-report", "entered in error");
        ObjectNode changed = seedTree();
        ((ObjectNode) changed.get("patient")).put("ecog", 1);

        assertThat(registry.save(operator, seedCase(), "again")).isInstanceOf(SaveResult.Unchanged.class);
        SaveResult result = registry.save(operator, changed.toString(), "late change");

        assertThat(result).isInstanceOf(SaveResult.Rejected.class);
        assertThat(((SaveResult.Rejected) result).errors().get(0).toString()).isEqualTo(
                "/caseId: case seed-case-report is retired and cannot be changed");
        assertThatThrownBy(() -> registry.retire(operator, "seed-case-report", "again"))
                .isInstanceOf(RegistryException.UnknownCase.class);
        assertThatThrownBy(() -> registry.retire(operator, "no-such-case", "typo"))
                .isInstanceOf(RegistryException.UnknownCase.class);
    }

    // ---- append-only in the database ----------------------------------------------------

    @Test
    void the_database_itself_refuses_to_update_delete_or_truncate_versions_and_audit_entries() throws Exception {
        registry.save(operator, seedCase(), "first entry");
        long versions = count("SELECT COUNT(*) FROM case_version");
        long events = count("SELECT COUNT(*) FROM audit_event");

        for (String sql : List.of(
                "UPDATE case_version SET reason = 'rewritten'",
                "UPDATE case_version SET age_years = 30 WHERE case_id = 'seed-case-report'",
                "DELETE FROM case_version",
                "TRUNCATE TABLE case_version",
                "UPDATE audit_event SET actor = 'someone else'",
                "DELETE FROM audit_event",
                "TRUNCATE TABLE audit_event")) {
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class);
            }
        }

        assertThat(count("SELECT COUNT(*) FROM case_version")).isEqualTo(versions);
        assertThat(count("SELECT COUNT(*) FROM audit_event")).isEqualTo(events);
        assertThat(count("SELECT COUNT(*) FROM case_version WHERE reason = 'first entry'")).isEqualTo(1);
    }

    @Test
    void the_database_refuses_a_version_that_leaves_a_gap_in_the_history() throws Exception {
        registry.save(operator, seedCase(), "first entry");
        String copy = "INSERT INTO case_version SELECT case_id, 3, 2, 'UPDATED', content, content_sha256, recorded_at, author, "
                + "author_user_id, origin, reason, retired, synthetic, knowledge_base, age_years, sex, ecog, level_1, level_2, "
                + "level_3, highest_level, intracardiac, ivc_involvement, ajcc_stage, grade, margin, closest_margin_mm, size_cm, "
                + "ivc_management, neoadjuvant_rt, neoadjuvant_chemo, stage, intent, operation_date, vital_status, "
                + "last_contact_date, cause_of_death, followup_days, recurrence, recurrence_days, asa_class, lvef_pct, "
                + "egfr_ml_min, imaging_nodes, pathology_nodes FROM case_version";
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(copy)).isInstanceOf(SQLException.class);
        }
        assertThat(count("SELECT COUNT(*) FROM case_version")).isEqualTo(1);
    }

    @Test
    void reopening_the_registry_keeps_its_cases_and_its_schema() throws IOException {
        registry.save(operator, seedCase(), "first entry");
        registry.close();
        registry = Registry.open(database.url(), clock);

        assertThat(registry.read(operator, "seed-case-report")).isPresent();
    }

    // ---- search -------------------------------------------------------------------------

    @Test
    void search_filters_on_the_extracted_columns_and_pages_by_case_id() {
        assertThat(registry.seedDemo(400, 11)).isEqualTo(400);
        CaseQuery query = CaseQuery.all().withLevel(2).withMargin(Margin.R1).withVitalStatus(VitalStatus.ALIVE).withLimit(7);

        List<CaseSummary> found = new ArrayList<>();
        Page page = registry.search(operator, query);
        found.addAll(page.cases());
        while (page.nextAfter().isPresent()) {
            page = registry.search(operator, query.withAfter(page.nextAfter().get()));
            found.addAll(page.cases());
        }

        assertThat(found).isNotEmpty();
        assertThat(found).allSatisfy(s -> {
            assertThat(s.ivcLevels()).contains(2);
            assertThat(s.margin()).contains(Margin.R1);
            assertThat(s.vitalStatus()).contains(VitalStatus.ALIVE);
            assertThat(s.synthetic()).isTrue();
        });
        assertThat(found).extracting(CaseSummary::caseId).isSorted().doesNotHaveDuplicates();
        long expected = registry.search(operator, CaseQuery.all().withLimit(CaseQuery.MAX_LIMIT)).cases().stream()
                .filter(s -> s.ivcLevels().contains(2) && s.margin().equals(Optional.of(Margin.R1))
                        && s.vitalStatus().equals(Optional.of(VitalStatus.ALIVE)))
                .count();
        assertThat(found).hasSize((int) expected);
    }

    @Test
    void search_filters_by_size_operation_date_stage_intent_and_grade() {
        registry.seedDemo(200, 5);
        CaseQuery query = CaseQuery.all().withSizeCm(5, 12).withOperationBetween(LocalDate.of(2010, 1, 1), LocalDate.of(2020, 12, 31))
                .withStage(Stage.FOLLOW_UP).withIntent(Intent.CURATIVE).withGrade(3).withLimit(CaseQuery.MAX_LIMIT);

        List<CaseSummary> found = registry.search(operator, query).cases();

        assertThat(found).isNotEmpty().allSatisfy(s -> {
            assertThat(s.sizeCm().orElseThrow()).isBetween(5.0, 12.0);
            assertThat(s.operationDate().orElseThrow()).isBetween(LocalDate.of(2010, 1, 1), LocalDate.of(2020, 12, 31));
            assertThat(s.stage()).isEqualTo(Stage.FOLLOW_UP);
            assertThat(s.intent()).isEqualTo(Intent.CURATIVE);
            assertThat(s.grade()).contains(3);
        });
    }

    // ---- import -------------------------------------------------------------------------

    @Test
    void import_stores_new_cases_skips_identical_ones_and_reports_bad_lines_in_order() throws IOException {
        StringBuilder file = new StringBuilder();
        for (int i = 1; i <= 6; i++) {
            file.append(SyntheticCases.generate(3, i)).append('\n');
            if (i == 2) {
                file.append("{\"schemaVersion\": \"1\", \"caseId\": \n");
            }
            if (i == 4) {
                file.append('\n');
                ObjectNode bad = SyntheticCases.generate(3, 99);
                ((ObjectNode) bad.get("patient")).put("sex", "F");
                file.append(bad).append('\n');
            }
        }
        List<String> reported = new ArrayList<>();
        ImportListener listener = (line, errors) -> reported.add("line " + line + ": " + errors.get(0));

        ImportSummary first = registry.importCases(operator, new BufferedReader(new StringReader(file.toString())),
                new ImportOptions("monthly import", 3), listener);
        ImportSummary second = registry.importCases(operator, new BufferedReader(new StringReader(file.toString())),
                ImportOptions.because("monthly import"), ImportListener.none());

        assertThat(first).isEqualTo(new ImportSummary(6, 0, 0, 2));
        assertThat(first.toString()).isEqualTo("imported 6, unchanged 0, rejected 2");
        assertThat(reported).hasSize(2);
        assertThat(reported.get(0)).startsWith("line 3: /: the input is not valid JSON");
        assertThat(reported.get(1)).startsWith("line 7: /patient/sex: must be one of");
        assertThat(second).isEqualTo(new ImportSummary(0, 0, 6, 2));
        assertThat(registry.audit(operator, AuditQuery.latest(100))).filteredOn(e -> e.action() == AuditEntry.Action.IMPORT)
                .extracting(AuditEntry::detail)
                .containsExactly("imported 0, unchanged 6, rejected 2: monthly import", "imported 6, unchanged 0, rejected 2: monthly import");
    }

    @Test
    void lines_of_one_case_in_one_file_are_applied_in_input_order() throws IOException {
        ObjectNode first = SyntheticCases.generate(4, 1);
        ObjectNode second = first.deepCopy();
        ((ObjectNode) second.get("patient")).put("ecog", 3);
        StringBuilder file = new StringBuilder();
        file.append(first).append('\n');
        for (int i = 2; i <= 40; i++) {
            file.append(SyntheticCases.generate(4, i)).append('\n');
        }
        file.append(second).append('\n').append(first).append('\n');

        ImportSummary summary = registry.importCases(operator, new BufferedReader(new StringReader(file.toString())),
                new ImportOptions("import", 4), ImportListener.none());

        assertThat(summary).isEqualTo(new ImportSummary(40, 2, 0, 0));
        String caseId = first.get("caseId").asText();
        assertThat(registry.history(operator, caseId)).hasSize(3);
        assertThat(registry.readVersion(operator, caseId, 2).orElseThrow().json()).isEqualTo(CanonicalJson.of(second));
        assertThat(registry.read(operator, caseId).orElseThrow().json()).isEqualTo(CanonicalJson.of(first));
    }

    // ---- export -------------------------------------------------------------------------

    @Test
    void export_writes_the_latest_version_of_every_case_as_ndjson_in_case_id_order() throws IOException {
        registry.save(operator, seedCase(), "first entry");
        registry.save(operator, SyntheticCases.generate(1, 1).toString(), "synthetic");
        ObjectNode changed = seedTree();
        ((ObjectNode) changed.get("pathology")).put("fnclccGrade", 3);
        registry.save(operator, changed.toString(), "graded");

        String[] lines = export(operator, ExportRequest.identified(ExportFormat.NDJSON)).split("\n");

        assertThat(lines).containsExactly(CanonicalJson.of(SyntheticCases.generate(1, 1)), CanonicalJson.of(changed));
    }

    @Test
    void csv_export_has_the_analysis_columns_ready_for_r() throws IOException {
        registry.save(operator, seedCase(), "first entry");

        String[] lines = export(operator, ExportRequest.identified(ExportFormat.CSV)).split("\n");

        assertThat(lines).hasSize(2);
        Map<String, String> row = row(lines[0], lines[1]);
        assertThat(row).containsEntry("case_id", "seed-case-report").containsEntry("version", "1")
                .containsEntry("synthetic", "0").containsEntry("age", "62").containsEntry("age_90_or_older", "0")
                .containsEntry("sex", "FEMALE").containsEntry("ecog", "NA")
                .containsEntry("level_1", "1").containsEntry("level_2", "0").containsEntry("level_3", "0")
                .containsEntry("highest_level", "1").containsEntry("intracardiac", "0")
                .containsEntry("ivc_involvement", "WALL").containsEntry("grade", "NA").containsEntry("margin", "R0")
                .containsEntry("closest_margin_mm", "1").containsEntry("size_cm", "5.5")
                .containsEntry("ivc_management", "INTERPOSITION_GRAFT").containsEntry("neoadjuvant_rt", "1")
                .containsEntry("neoadjuvant_chemo", "0").containsEntry("intent", "CURATIVE").containsEntry("stage", "FOLLOW_UP")
                .containsEntry("operation_date", "2013-05-06").containsEntry("last_contact_date", "2014-07-07")
                .containsEntry("vital_status", "ALIVE").containsEntry("cause_of_death", "NA")
                .containsEntry("time_days", "427").containsEntry("time_months", "14.03").containsEntry("event", "0")
                .containsEntry("recurrence_event", "1").containsEntry("recurrence_time_days", "427");
        assertThat(row.get("ajcc_stage")).isNotEqualTo("NA");
        assertThat(row).containsEntry("asa_class", "NA").containsEntry("lvef_pct", "NA").containsEntry("egfr_ml_min", "NA")
                .containsEntry("imaging_nodes", "NA").containsEntry("pathology_nodes", "NA");
    }

    @Test
    void the_fields_of_contract_v2_are_extracted_and_exported_in_csv() throws Exception {
        ObjectNode kase = seedTree();
        ((ObjectNode) kase.get("patient")).put("asaClass", 3).put("lvefPct", 55.5).put("egfrMlMin", 72);
        ((ObjectNode) kase.get("imaging").get(1)).put("regionalNodes", "N0");
        // the latest study before the operation (2013-05-06) that records nodes wins
        ((ObjectNode) kase.get("imaging").get(2)).put("regionalNodes", "N1");
        ((ObjectNode) kase.get("pathology")).put("regionalNodes", "N0");
        registry.save(operator, kase.toString(), "contract v2 fields");

        try (Connection c = database.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT asa_class, lvef_pct, egfr_ml_min, imaging_nodes, pathology_nodes "
                        + "FROM case_version")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt("asa_class")).isEqualTo(3);
            assertThat(rs.getDouble("lvef_pct")).isEqualTo(55.5);
            assertThat(rs.getDouble("egfr_ml_min")).isEqualTo(72.0);
            assertThat(rs.getString("imaging_nodes")).isEqualTo("N1");
            assertThat(rs.getString("pathology_nodes")).isEqualTo("N0");
        }
        String[] lines = export(operator, ExportRequest.identified(ExportFormat.CSV)).split("\n");
        assertThat(row(lines[0], lines[1])).containsEntry("asa_class", "3").containsEntry("lvef_pct", "55.5")
                .containsEntry("egfr_ml_min", "72").containsEntry("imaging_nodes", "N1").containsEntry("pathology_nodes", "N0");
        String[] deidentified = export(operator, ExportRequest.deidentified(ExportFormat.CSV, PseudonymKey.random())).split("\n");
        assertThat(row(deidentified[0], deidentified[1])).containsEntry("asa_class", "3").containsEntry("imaging_nodes", "N1");
    }

    @Test
    void a_deidentified_export_has_pseudonyms_day_offsets_and_grouped_ages() throws IOException {
        ObjectNode old = seedTree();
        old.put("caseId", "mrn-4471");
        ((ObjectNode) old.get("patient")).put("ageYears", 93);
        registry.save(operator, old.toString(), "first entry");
        registry.save(operator, seedCase(), "first entry");
        PseudonymKey key = PseudonymKey.fromSecret("a center's secret of at least thirty-two characters");

        String ndjson = export(operator, ExportRequest.deidentified(ExportFormat.NDJSON, key));
        String csv = export(operator, ExportRequest.deidentified(ExportFormat.CSV, key));

        assertThat(ndjson).doesNotContain("mrn-4471", "seed-case-report");
        assertThat(Pattern.compile("\\d{4}-\\d{2}-\\d{2}").matcher(ndjson).find()).as("calendar dates left").isFalse();
        JsonNode first = Json.mapper().readTree(ndjson.split("\n")[0]);
        assertThat(first.get("caseId").asText()).matches("P-[0-9a-f]{20}");
        assertThat(first.get("dayZero").asText()).isEqualTo("OPERATION");
        assertThat(first.at("/operation/day").asInt()).isZero();
        assertThat(first.at("/imaging/0/day").asInt()).isEqualTo(-119);
        assertThat(first.at("/outcome/lastContactDay").asInt()).isEqualTo(427);
        assertThat(first.at("/neoadjuvant/radiotherapy/endDay").asInt()).isEqualTo(-52);
        JsonNode aged = Json.mapper().readTree(ndjson.split("\n")[0]).at("/patient/ageYears").asInt() == 90
                ? first : Json.mapper().readTree(ndjson.split("\n")[1]);
        assertThat(aged.at("/patient/ageYears").asInt()).isEqualTo(90);
        assertThat(aged.at("/patient/ageOver89").asBoolean()).isTrue();

        String[] rows = csv.split("\n");
        assertThat(rows[0]).doesNotContain("operation_date", "last_contact_date");
        assertThat(csv).doesNotContain("mrn-4471", "seed-case-report", "2013-");
        List<Map<String, String>> parsed = List.of(row(rows[0], rows[1]), row(rows[0], rows[2]));
        assertThat(parsed).extracting(r -> r.get("age")).containsExactlyInAnyOrder("62", "90");
        assertThat(parsed).extracting(r -> r.get("age_90_or_older")).containsExactlyInAnyOrder("0", "1");
        assertThat(parsed).extracting(r -> r.get("case_id")).allMatch(id -> id.matches("P-[0-9a-f]{20}"));

        assertThat(export(operator, ExportRequest.deidentified(ExportFormat.NDJSON, key))).isEqualTo(ndjson);
        assertThat(export(operator, ExportRequest.deidentified(ExportFormat.NDJSON, PseudonymKey.random())))
                .isNotEqualTo(ndjson);
    }

    @Test
    void a_researcher_receives_only_deidentified_data() throws IOException {
        registry.save(operator, seedCase(), "first entry");
        Actor researcher = userActor("r.search", Role.RESEARCHER);

        assertThatThrownBy(() -> export(researcher, ExportRequest.identified(ExportFormat.CSV)))
                .isInstanceOf(RegistryException.AccessDenied.class);
        assertThatThrownBy(() -> registry.read(researcher, "seed-case-report")).isInstanceOf(RegistryException.AccessDenied.class);
        assertThatThrownBy(() -> registry.history(researcher, "seed-case-report"))
                .isInstanceOf(RegistryException.AccessDenied.class);
        assertThatThrownBy(() -> registry.search(researcher, CaseQuery.all())).isInstanceOf(RegistryException.AccessDenied.class);
        assertThatThrownBy(() -> registry.save(researcher, SyntheticCases.generate(1, 1).toString(), "x"))
                .isInstanceOf(RegistryException.AccessDenied.class);
        String csv = export(researcher, ExportRequest.deidentified(ExportFormat.CSV, PseudonymKey.random()));

        assertThat(csv).doesNotContain("seed-case-report").contains("P-");
        assertThat(registry.audit(operator, AuditQuery.latest(50)))
                .filteredOn(e -> e.actor().equals("r.search") && e.outcome() == AuditEntry.Outcome.DENIED)
                .extracting(AuditEntry::action)
                .containsExactlyInAnyOrder(AuditEntry.Action.EXPORT, AuditEntry.Action.READ, AuditEntry.Action.HISTORY,
                        AuditEntry.Action.SEARCH, AuditEntry.Action.CREATE);
    }

    // ---- users --------------------------------------------------------------------------

    @Test
    void a_new_users_token_is_stored_only_as_its_sha256() throws Exception {
        NewUser user = registry.addUser(operator, "dr.cava", Role.CLINICIAN);

        assertThat(user.token()).matches("cvp_[A-Za-z0-9_-]{43}");
        assertThat(user.user().role()).isEqualTo(Role.CLINICIAN);
        assertThat(count("SELECT COUNT(*) FROM api_token WHERE token_sha256 = '" + CanonicalJson.sha256(user.token()) + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM api_token WHERE token_sha256 LIKE '%" + user.token().substring(4, 20) + "%'"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE detail LIKE '%" + user.token().substring(4, 20) + "%'"))
                .isZero();
        Authentication right = registry.authenticate(user.token(), "10.1.2.3");
        assertThat(right).isInstanceOf(Authentication.Authenticated.class);
        Actor actor = ((Authentication.Authenticated) right).actor();
        assertThat(actor.name()).isEqualTo("dr.cava");
        assertThat(actor.role()).isEqualTo(Role.CLINICIAN);
        assertThat(actor.origin()).isEqualTo("10.1.2.3");
        assertThat(registry.authenticate(user.token() + "x", "10.9.9.9")).isInstanceOf(Authentication.Rejected.class);
        String second = registry.issueToken(operator, "dr.cava");
        assertThat(second).isNotEqualTo(user.token());
        assertThat(registry.authenticate(second, "10.1.2.3")).isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void user_names_are_unique_and_only_an_admin_adds_users() {
        registry.addUser(operator, "dr.cava", Role.CLINICIAN);
        Actor clinician = userActor("dr.vena", Role.CLINICIAN);

        assertThatThrownBy(() -> registry.addUser(operator, "dr.cava", Role.ADMIN)).isInstanceOf(RegistryException.DuplicateUser.class);
        assertThatThrownBy(() -> registry.addUser(operator, "no spaces", Role.ADMIN)).isInstanceOf(RegistryException.Invalid.class);
        assertThatThrownBy(() -> registry.addUser(clinician, "dr.new", Role.ADMIN)).isInstanceOf(RegistryException.AccessDenied.class);
        assertThatThrownBy(() -> registry.issueToken(operator, "nobody")).isInstanceOf(RegistryException.UnknownUser.class);
    }

    @Test
    void a_password_is_kept_as_a_salted_pbkdf2_hash_and_checked_at_login() throws Exception {
        registry.addUser(operator, "admin", Role.ADMIN);
        char[] password = "correct horse battery staple".toCharArray();

        registry.setPassword(operator, "admin", password);

        assertThat(password).containsOnly('\0');
        assertThat(count("SELECT COUNT(*) FROM user_password WHERE password_hash LIKE 'pbkdf2-sha256$600000$%'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM user_password WHERE password_hash LIKE '%horse%'")).isZero();
        Authentication right = registry.login("admin", "correct horse battery staple".toCharArray(), "10.0.0.1");
        assertThat(right).isInstanceOf(Authentication.Authenticated.class);
        assertThat(((Authentication.Authenticated) right).actor().role()).isEqualTo(Role.ADMIN);
        assertThat(registry.login("admin", "wrong horse battery staple".toCharArray(), "10.0.0.1"))
                .isInstanceOf(Authentication.Rejected.class);
        assertThat(registry.login("nobody", "correct horse battery staple".toCharArray(), "10.0.0.1"))
                .isInstanceOf(Authentication.Rejected.class);
        assertThatThrownBy(() -> registry.setPassword(operator, "admin", "short".toCharArray()))
                .isInstanceOf(RegistryException.Invalid.class);
    }

    // ---- audit --------------------------------------------------------------------------

    @Test
    void every_read_write_export_and_refused_token_is_audited_with_who_when_and_where() throws IOException {
        Actor clinician = userActor("dr.vena", Role.CLINICIAN);
        clock.advance(Duration.ofMinutes(1));
        registry.save(clinician, seedCase(), "first entry");
        registry.read(clinician, "seed-case-report");
        registry.read(clinician, "no-such-case");
        registry.search(clinician, CaseQuery.all().withMargin(Margin.R0));
        export(clinician, ExportRequest.identified(ExportFormat.CSV));
        registry.authenticate("cvp_not-a-token", "203.0.113.9");

        List<AuditEntry> log = registry.audit(operator, AuditQuery.latest(100));

        assertThat(log).extracting(AuditEntry::action, AuditEntry::outcome, AuditEntry::actor, AuditEntry::origin, AuditEntry::target)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AuditEntry.Action.LOGIN, AuditEntry.Outcome.DENIED, "unknown", "203.0.113.9", "unknown"),
                        org.assertj.core.groups.Tuple.tuple(AuditEntry.Action.EXPORT, AuditEntry.Outcome.OK, "dr.vena", "10.0.0.7", "*"),
                        org.assertj.core.groups.Tuple.tuple(AuditEntry.Action.SEARCH, AuditEntry.Outcome.OK, "dr.vena", "10.0.0.7", "*"),
                        org.assertj.core.groups.Tuple.tuple(AuditEntry.Action.READ, AuditEntry.Outcome.NOT_FOUND, "dr.vena", "10.0.0.7", "no-such-case"),
                        org.assertj.core.groups.Tuple.tuple(AuditEntry.Action.READ, AuditEntry.Outcome.OK, "dr.vena", "10.0.0.7", "seed-case-report"),
                        org.assertj.core.groups.Tuple.tuple(AuditEntry.Action.CREATE, AuditEntry.Outcome.OK, "dr.vena", "10.0.0.7", "seed-case-report"),
                        org.assertj.core.groups.Tuple.tuple(AuditEntry.Action.USER_ADD, AuditEntry.Outcome.OK, "tester", "cli", "dr.vena"));
        assertThat(log.get(1).at()).isEqualTo(START.plus(Duration.ofMinutes(1)));
        assertThat(log.get(1).role()).contains(Role.CLINICIAN);
        assertThat(log.get(1).detail()).isEqualTo("CSV identified, 1 cases");
        assertThatThrownBy(() -> registry.audit(clinician, AuditQuery.latest(10))).isInstanceOf(RegistryException.AccessDenied.class);
        assertThat(registry.audit(operator, AuditQuery.latest(10).about("seed-case-report"))).hasSize(2);
    }

    @Test
    void an_analysis_is_audited_as_analytics_with_what_was_computed_and_the_number_of_cases_not_as_an_export()
            throws IOException {
        registry.save(operator, seedCase(), "first entry");
        registry.save(operator, SyntheticCases.generate(4, 1).toString(), "second entry");
        Actor researcher = userActor("r.curves", Role.RESEARCHER);

        List<AnalysisRow> rows = registry.analysisRows(researcher, "Kaplan-Meier survival by resection margin");

        assertThat(rows).hasSize(2);
        List<AuditEntry> mine = registry.audit(operator, AuditQuery.latest(50).by("r.curves"));
        assertThat(mine).extracting(AuditEntry::action, AuditEntry::outcome, AuditEntry::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditEntry.Action.ANALYTICS, AuditEntry.Outcome.OK,
                        "Kaplan-Meier survival by resection margin; 2 cases"));
        assertThatThrownBy(() -> registry.analysisRows(researcher, " "))
                .isInstanceOf(RegistryException.Invalid.class);
    }

    @Test
    void a_search_is_audited_with_its_filters_in_words() throws IOException {
        registry.save(operator, seedCase(), "first entry");
        Actor clinician = userActor("dr.finder", Role.CLINICIAN);

        registry.search(clinician, CaseQuery.all().withLevel(2).withMargin(Margin.R1)
                .withOperationBetween(LocalDate.of(2020, 1, 1), LocalDate.of(2024, 12, 31)).withLimit(20));
        registry.search(clinician, CaseQuery.all().withStage(Stage.FOLLOW_UP).withIntent(Intent.CURATIVE)
                .withVitalStatus(VitalStatus.DEAD).withSizeCm(3, 7.5).withAfter("c-100"));
        registry.search(clinician, CaseQuery.all());

        assertThat(registry.audit(operator, AuditQuery.latest(10).by("dr.finder").of(AuditEntry.Action.SEARCH)))
                .extracting(AuditEntry::detail).containsExactly(
                        "1 case for all cases (at most 50)",
                        "0 cases for stage of care follow-up, curative intent, deceased, tumor size 3 to 7.5 cm "
                                + "(at most 50, after case c-100)",
                        "0 cases for IVC level 2, margin R1, operated 2020-01-01 to 2024-12-31 (at most 20)");
    }

    @Test
    void the_audit_log_is_filtered_by_user_action_and_days_all_together() throws IOException {
        Actor vena = userActor("dr.vena", Role.CLINICIAN);
        Actor cava = userActor("dr.cava", Role.CLINICIAN);
        registry.save(vena, seedCase(), "first entry");
        clock.advance(Duration.ofDays(2));
        registry.read(vena, "seed-case-report");
        registry.read(cava, "seed-case-report");
        clock.advance(Duration.ofDays(2));
        registry.read(vena, "seed-case-report");
        LocalDate day0 = LocalDate.of(2026, 1, 5);

        assertThat(registry.audit(operator, AuditQuery.latest(50).by("dr.vena"))).extracting(AuditEntry::action)
                .containsExactly(AuditEntry.Action.READ, AuditEntry.Action.READ, AuditEntry.Action.CREATE);
        assertThat(registry.audit(operator, AuditQuery.latest(50).of(AuditEntry.Action.READ))).extracting(AuditEntry::actor)
                .containsExactly("dr.vena", "dr.cava", "dr.vena");
        assertThat(registry.audit(operator, AuditQuery.latest(50).by("dr.vena").of(AuditEntry.Action.READ)
                .between(Optional.of(day0.plusDays(2)), Optional.of(day0.plusDays(2))))).hasSize(1)
                .allMatch(e -> e.at().equals(START.plus(Duration.ofDays(2))));
        assertThat(registry.audit(operator, AuditQuery.latest(50).between(Optional.empty(), Optional.of(day0))))
                .extracting(AuditEntry::action)
                .containsExactly(AuditEntry.Action.CREATE, AuditEntry.Action.USER_ADD, AuditEntry.Action.USER_ADD);
        assertThat(registry.audit(operator, AuditQuery.latest(50).by("dr.vena'; DROP TABLE audit_event; --"))).isEmpty();
        assertThat(registry.audit(operator, AuditQuery.latest(1).by("tester").of(AuditEntry.Action.AUDIT_READ)).get(0).detail())
                .isEqualTo("0 entries of by dr.vena'; DROP TABLE audit_event; --");
        assertThatThrownBy(() -> AuditQuery.latest(5).between(Optional.of(day0), Optional.of(day0.minusDays(1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- seeding ------------------------------------------------------------------------

    @Test
    void seeding_fills_only_an_empty_registry_with_cases_marked_synthetic() throws IOException {
        assertThat(registry.seedDemo(30, 2)).isEqualTo(30);
        assertThat(registry.seedDemo(30, 3)).isZero();

        assertThat(registry.search(operator, CaseQuery.all().withSynthetic(true).withLimit(100)).cases()).hasSize(30);
        assertThat(registry.search(operator, CaseQuery.all().withSynthetic(false)).cases()).isEmpty();
        assertThat(export(operator, ExportRequest.identified(ExportFormat.NDJSON)).lines()).hasSize(30)
                .allMatch(line -> line.contains("\"caseId\":\"SYNTH-2-"));
        assertThat(registry.history(operator, "SYNTH-2-00001").get(0).author()).isEqualTo("cavaplan");
    }

    // ---- durability ---------------------------------------------------------------------

    @Test
    void an_import_killed_halfway_and_run_again_stores_every_case_exactly_once_as_given() throws Exception {
        int total = 20_000;
        Path file = Files.createTempFile("cavaplan-durability", ".ndjson");
        Map<String, String> expected = new TreeMap<>();
        StringBuilder text = new StringBuilder(total * 1900);
        for (int i = 1; i <= total; i++) {
            ObjectNode kase = SyntheticCases.generate(2026, i);
            text.append(kase).append('\n');
            expected.put(kase.get("caseId").asText(), CanonicalJson.of(kase));
        }
        Files.writeString(file, text);
        registry.close();
        registry = null;

        int readBeforeKill = ImportInAnotherJvm.killHalfway(database.url(), file, total / 2);

        registry = Registry.open(database.url(), clock);
        long stored = count("SELECT COUNT(*) FROM case_version");
        assertThat(stored).as("cases committed before the kill (%d lines read)", readBeforeKill).isBetween(1L, total - 1L);
        ImportSummary again;
        try (BufferedReader in = Files.newBufferedReader(file)) {
            again = registry.importCases(operator, in, ImportOptions.because("the same file again"), ImportListener.none());
        }
        Files.delete(file);

        assertThat(again.rejected()).isZero();
        assertThat(again.unchanged()).isEqualTo((int) stored);
        assertThat(again.created()).isEqualTo(total - (int) stored);
        assertThat(again.updated()).isZero();
        assertThat(count("SELECT COUNT(*) FROM case_version")).isEqualTo(total);
        assertThat(count("SELECT COUNT(DISTINCT case_id) FROM case_version")).isEqualTo(total);
        assertThat(count("SELECT MAX(version) FROM case_version")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE event_action = 'CREATE'")).isEqualTo(total);
        String[] exported = export(operator, ExportRequest.identified(ExportFormat.NDJSON)).split("\n");
        assertThat(exported).containsExactlyElementsOf(expected.values());
        Set<String> hashes = new HashSet<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT case_id, content_sha256 FROM case_version")) {
            while (rs.next()) {
                assertThat(rs.getString(2)).isEqualTo(CanonicalJson.sha256(expected.get(rs.getString(1))));
                hashes.add(rs.getString(1));
            }
        }
        assertThat(hashes).hasSize(total);
    }

    private static Map<String, String> row(String header, String line) {
        String[] names = header.split(",");
        String[] values = line.split(",", -1);
        assertThat(values).hasSameSizeAs(names);
        Map<String, String> row = new TreeMap<>();
        for (int i = 0; i < names.length; i++) {
            row.put(names[i], values[i]);
        }
        return row;
    }
}
