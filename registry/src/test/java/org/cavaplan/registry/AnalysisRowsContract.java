package org.cavaplan.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.cavaplan.core.model.VitalStatus;
import org.cavaplan.io.Json;
import org.cavaplan.io.SyntheticCases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry's analysis rows, on whichever database a subclass gives it: the cases and values of
 * the de-identified CSV export, typed, chosen by the database, and audited.
 */
abstract class AnalysisRowsContract {

    final TestClock clock = new TestClock(Instant.parse("2026-01-05T09:30:00Z"));
    final Actor operator = Actor.localOperator("tester", "cli");
    TestDatabase database;
    Registry registry;

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

    static ObjectNode seedTree() throws IOException {
        return (ObjectNode) Json.mapper().readTree(Files.readString(RegistryContract.SEED_CASE));
    }

    Actor userActor(String name, Role role) {
        NewUser user = registry.addUser(operator, name, role);
        return ((Authentication.Authenticated) registry.authenticate(user.token(), "10.0.0.7")).actor();
    }

    /** The de-identified CSV export, one map per row, in its order. */
    List<Map<String, String>> deidentifiedCsv() throws IOException {
        StringWriter out = new StringWriter();
        registry.export(operator, ExportRequest.deidentified(ExportFormat.CSV, PseudonymKey.random()), out);
        String[] lines = out.toString().split("\n");
        String[] names = lines[0].split(",");
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] values = lines[i].split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < names.length; c++) {
                row.put(names[c], values[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void the_rows_hold_the_values_of_the_deidentified_csv_export_in_its_order() throws IOException {
        ObjectNode old = seedTree();
        old.put("caseId", "mrn-4471");
        ((ObjectNode) old.get("patient")).put("ageYears", 93).put("ecog", 1);
        registry.save(operator, old.toString(), "first entry");
        registry.save(operator, seedTree().toString(), "first entry");
        for (int i = 1; i <= 40; i++) {
            registry.save(operator, SyntheticCases.generate(7, i).toString(), "synthetic");
        }

        List<AnalysisRow> rows = registry.analysisRows(operator, "a test of the rows");
        List<Map<String, String>> csv = deidentifiedCsv();

        assertThat(rows).hasSize(42).hasSameSizeAs(csv);
        for (int i = 0; i < rows.size(); i++) {
            AnalysisRow r = rows.get(i);
            Map<String, String> c = csv.get(i);
            assertThat(text(r.followUpDays())).as("time_days of row %d", i).isEqualTo(c.get("time_days"));
            assertThat(r.death().map(d -> d ? "1" : "0").orElse("NA")).isEqualTo(c.get("event"));
            assertThat(r.vitalStatus().map(Enum::name).orElse("NA")).isEqualTo(c.get("vital_status"));
            assertThat(Integer.toString(r.ageYears())).isEqualTo(c.get("age"));
            assertThat(text(r.ecog())).isEqualTo(c.get("ecog"));
            assertThat(text(r.highestLevel())).isEqualTo(c.get("highest_level"));
            assertThat(r.level3().map(b -> b ? "1" : "0").orElse("NA")).isEqualTo(c.get("level_3"));
            assertThat(r.intracardiac() ? "1" : "0").isEqualTo(c.get("intracardiac"));
            assertThat(text(r.grade())).isEqualTo(c.get("grade"));
            assertThat(r.margin().map(Enum::name).orElse("NA")).isEqualTo(c.get("margin"));
            assertThat(number(r.sizeCm())).isEqualTo(c.get("size_cm").equals("NA") ? "NA"
                    : Double.toString(Double.parseDouble(c.get("size_cm"))));
            assertThat(r.neoadjuvantRadiotherapy() ? "1" : "0").isEqualTo(c.get("neoadjuvant_rt"));
            assertThat(r.neoadjuvantChemotherapy() ? "1" : "0").isEqualTo(c.get("neoadjuvant_chemo"));
            assertThat(r.intent().name()).isEqualTo(c.get("intent"));
            assertThat(r.stage().name()).isEqualTo(c.get("stage"));
        }
        assertThat(rows).extracting(AnalysisRow::ageYears).contains(90).doesNotContain(93);
        assertThat(rows).anySatisfy(r -> assertThat(r.followUpDays()).isEmpty());
        assertThat(rows).anySatisfy(r -> assertThat(r.vitalStatus()).contains(VitalStatus.DEAD));
    }

    @Test
    void only_the_latest_version_of_cases_that_are_not_retired_is_a_row() throws IOException {
        registry.save(operator, seedTree().toString(), "first entry");
        ObjectNode graded = seedTree();
        ((ObjectNode) graded.get("pathology")).put("fnclccGrade", 3);
        registry.save(operator, graded.toString(), "graded");
        ObjectNode other = seedTree();
        other.put("caseId", "entered-twice");
        registry.save(operator, other.toString(), "first entry");
        registry.retire(operator, "entered-twice", "duplicate of seed-case-report");

        List<AnalysisRow> rows = registry.analysisRows(operator, "a test of versions");

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).grade()).isEqualTo(OptionalInt.of(3));
        assertThat(rows.get(0).followUpDays()).isEqualTo(OptionalInt.of(427));
        assertThat(rows.get(0).death()).contains(false);
        assertThat(rows.get(0).sizeCm()).isEqualTo(OptionalDouble.of(5.5));
        assertThat(rows.get(0).level3()).isEqualTo(Optional.of(false));
    }

    @Test
    void every_role_reads_the_rows_and_each_read_is_audited_with_the_analysis_and_the_count() throws IOException {
        registry.save(operator, seedTree().toString(), "first entry");
        for (Role role : Role.values()) {
            Actor actor = userActor("user." + role.name().toLowerCase(java.util.Locale.ROOT), role);

            assertThat(registry.analysisRows(actor, "Kaplan-Meier survival by margin")).hasSize(1);

            AuditEntry entry = registry.audit(operator, AuditQuery.latest(1)).get(0);
            assertThat(entry.actor()).isEqualTo(actor.name());
            assertThat(entry.action()).isEqualTo(AuditEntry.Action.ANALYTICS);
            assertThat(entry.outcome()).isEqualTo(AuditEntry.Outcome.OK);
            assertThat(entry.detail()).isEqualTo("Kaplan-Meier survival by margin; 1 case");
        }
    }

    @Test
    void an_analysis_without_words_is_refused_and_reads_nothing() {
        int before = registry.audit(operator, AuditQuery.latest(100)).size();

        assertThatThrownBy(() -> registry.analysisRows(operator, " ")).isInstanceOf(RegistryException.Invalid.class);
        assertThatThrownBy(() -> registry.analysisRows(operator, null)).isInstanceOf(RegistryException.Invalid.class);

        assertThat(registry.audit(operator, AuditQuery.latest(100))).hasSize(before + 1);
    }

    @Test
    void the_first_local_recurrence_and_the_first_distant_metastasis_are_counted_from_the_operation() throws IOException {
        ObjectNode kase = seedTree(); // operated 2013-05-06; lung metastasis at the visit of 2014-07-07 (day 427)
        ObjectNode visit = ((com.fasterxml.jackson.databind.node.ArrayNode) kase.get("followUp")).addObject();
        visit.put("date", "2014-09-01").put("conduit", "PATENT").put("localRecurrence", true);
        visit.putArray("distantMetastases").add("LUNG");
        ((ObjectNode) kase.get("outcome")).put("lastContactDate", "2014-09-01");
        registry.save(operator, kase.toString(), "first entry");
        registry.save(operator, SyntheticCases.generate(7, 1).toString(), "synthetic");

        List<AnalysisRow> rows = registry.analysisRows(operator, "a test of recurrences");

        AnalysisRow real = rows.stream().filter(r -> !r.synthetic()).findFirst().orElseThrow();
        assertThat(real.distantMetastasis()).isEqualTo(new AnalysisRow.Recurrence(Optional.of(true), OptionalInt.of(427)));
        assertThat(real.localRecurrence()).isEqualTo(new AnalysisRow.Recurrence(Optional.of(true), OptionalInt.of(483)));
        assertThat(rows).filteredOn(AnalysisRow::synthetic).hasSize(1);
    }

    @Test
    void without_a_local_recurrence_the_time_runs_to_the_last_follow_up_visit() throws IOException {
        registry.save(operator, seedTree().toString(), "first entry");

        AnalysisRow row = registry.analysisRows(operator, "a test of recurrences").get(0);

        assertThat(row.localRecurrence()).isEqualTo(new AnalysisRow.Recurrence(Optional.of(false), OptionalInt.of(427)));
        assertThat(row.distantMetastasis()).isEqualTo(new AnalysisRow.Recurrence(Optional.of(true), OptionalInt.of(427)));
        assertThat(row.synthetic()).isFalse();
    }

    private static String text(OptionalInt value) {
        return value.isPresent() ? Integer.toString(value.getAsInt()) : "NA";
    }

    private static String number(OptionalDouble value) {
        return value.isPresent() ? Double.toString(value.getAsDouble()) : "NA";
    }
}
