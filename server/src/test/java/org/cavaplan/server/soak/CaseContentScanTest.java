package org.cavaplan.server.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cavaplan.io.SyntheticCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The privacy scan cannot pass vacuously: it finds each kind of planted case content, and only that. */
class CaseContentScanTest {

    static final String CASE = """
            {"schemaVersion":"1","caseId":"MRN-0047113","patient":{"ageYears":62,"sex":"FEMALE"},
             "neoadjuvant":{"chemotherapy":{"regimen":"doxorubicin, note from Dr Quist","cycles":3,
             "endDate":"2019-03-14"}},"operation":{"date":"2019-04-02"}}""";

    static final String CLEAN = "2026-11-27T11:18:10.123Z [main] INFO requests - GET /api/v1/cases/{id} 200 3 ms clinician";

    final CaseContentScan scan = CaseContentScan.create().addCase(CASE);

    List<CaseContentScan.Finding> scanOf(String... lines) {
        return scan.scan("test.log", List.of(lines).iterator());
    }

    @Test
    void a_planted_case_id_is_found_with_its_file_and_line() {
        List<CaseContentScan.Finding> findings = scanOf(CLEAN, CLEAN.replace("{id}", "MRN-0047113"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("test.log");
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.marker().text()).isEqualTo("MRN-0047113");
            assertThat(f.marker().what()).isEqualTo("the case id");
        });
    }

    @Test
    void planted_dates_and_free_text_are_found() {
        assertThat(scanOf("WARN failed to plan: operation on 2019-04-02")).extracting(f -> f.marker().text())
                .containsExactly("2019-04-02");
        assertThat(scanOf("ERROR bad regimen doxorubicin, note from Dr Quist!")).extracting(f -> f.marker().what())
                .containsExactly("the free text /neoadjuvant/chemotherapy/regimen of case MRN-0047113");
    }

    @Test
    void a_logged_case_body_is_found_by_its_keys_even_for_a_case_the_scan_was_not_told_about() {
        String other = SyntheticCases.generate(99L, 1).toString();

        assertThat(scanOf("DEBUG body " + other)).extracting(f -> f.marker().text())
                .contains("\"caseId\"", "\"patient\"", "\"imaging\"");
        assertThat(CaseContentScan.caseFormatKeys()).contains("ivcInvolvement", "margin", "caseId", "regimen");
    }

    @Test
    void the_line_timestamp_and_a_clean_request_line_are_not_findings() {
        CaseContentScan today = CaseContentScan.create().addCase(CASE.replace("2019-04-02", "2026-11-27"));

        assertThat(today.scan("test.log", List.of(CLEAN, "GET /health 200 1 ms -").iterator())).isEmpty();
        assertThat(today.scan("test.log", List.of(CLEAN + " 2026-11-27").iterator())).hasSize(1);
    }

    @Test
    void codes_numbers_and_short_values_are_not_scanned_for() {
        assertThat(scanOf("FEMALE 62 3 R0")).isEmpty();
        assertThat(scan.size()).isGreaterThan(CaseContentScan.caseFormatKeys().size());
    }

    @Test
    void a_file_is_read_line_by_line(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("server.log");
        Files.writeString(log, CLEAN + "\n" + CLEAN + "\nretired MRN-0047113\n", StandardCharsets.UTF_8);

        assertThat(scan.scan(log)).extracting(CaseContentScan.Finding::line).containsExactly(3L);
    }
}
