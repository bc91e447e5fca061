package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.pretreatment;
import static org.cavaplan.knowledge.rules.CaseFixtures.seed;

import java.time.LocalDate;
import java.util.List;
import org.cavaplan.io.SyntheticCases;
import org.cavaplan.knowledge.Plausibility;
import org.cavaplan.knowledge.Plausibility.Finding;
import org.cavaplan.knowledge.Plausibility.Findings;
import org.cavaplan.knowledge.Settings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Data-entry checks: errors that are never stored, warnings that are stored once confirmed. */
class PlausibilityTest {

    private static final Plausibility CHECKS = Plausibility.create();
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    private static Findings check(CaseFixtures fixture) {
        return CHECKS.check(fixture.kase(), TODAY);
    }

    private static List<String> pointers(List<Finding> findings) {
        return findings.stream().map(Finding::pointer).toList();
    }

    @Test
    void the_seed_case_and_a_simple_case_raise_nothing() {
        assertThat(check(seed()).isEmpty()).isTrue();
        assertThat(check(operated()).isEmpty()).isTrue();
    }

    @Test
    void synthetic_cases_raise_no_error_a_day_after_their_data_and_rarely_a_warning() {
        CaseReaderHolder reader = new CaseReaderHolder();
        int warned = 0;
        for (int i = 1; i <= 2000; i++) {
            Findings f = CHECKS.check(reader.read(SyntheticCases.generate(7, i).toString()), LocalDate.of(2027, 1, 1));
            assertThat(f.errors()).as("synthetic case %d", i).isEmpty();
            warned += f.warnings().isEmpty() ? 0 : 1;
        }
        // a few simulated neoadjuvant responses halve the tumor within 90 days: a real value, confirmed, never blocked
        assertThat(warned).isBetween(1, 40);
    }

    @Nested
    class Errors {

        @Test
        void every_kind_of_date_after_today_is_an_error_at_its_field() {
            String tomorrow = TODAY.plusDays(1).toString();
            Findings f = check(operated()
                    .with("/imaging/0/date", tomorrow)
                    .withJson("/neoadjuvant", "{\"radiotherapy\": {\"totalDoseGy\": 50, \"endDate\": \"2019-12-01\"},"
                            + " \"chemotherapy\": {\"regimen\": \"AI\", \"endDate\": \"2019-12-01\"}}")
                    .with("/operation/date", "2020-03-02")
                    .withJson("/followUp", "[{\"date\": \"2021-01-01\"}, {\"date\": \"" + tomorrow + "\"}]")
                    .withJson("/outcome", "{\"vitalStatus\": \"ALIVE\", \"lastContactDate\": \"" + tomorrow + "\"}"));
            assertThat(pointers(f.errors())).containsExactly("/followUp/1/date", "/imaging/0/date", "/outcome/lastContactDate");
            assertThat(f.errors().get(1).message()).isEqualTo("is " + tomorrow + ", after today (2026-12-04): a date cannot lie in the future");
        }

        @Test
        void neoadjuvant_and_operation_dates_after_today_are_errors_and_today_itself_is_not() {
            Findings f = check(pretreatment()
                    .with("/imaging/0/date", TODAY.toString())
                    .withJson("/neoadjuvant", "{\"radiotherapy\": {\"totalDoseGy\": 50, \"endDate\": \"2026-12-05\"},"
                            + " \"chemotherapy\": {\"regimen\": \"AI\", \"endDate\": \"2026-12-06\"}}")
                    .with("/operation/date", "2026-12-07"));
            assertThat(pointers(f.errors())).containsExactly("/neoadjuvant/chemotherapy/endDate",
                    "/neoadjuvant/radiotherapy/endDate", "/operation/date");
        }

        @Test
        void metastatic_sites_at_a_visit_that_counts_no_metastasis_are_an_error() {
            Findings f = check(operated().withJson("/followUp",
                    "[{\"date\": \"2021-01-01\", \"distantMetastases\": [\"LUNG\", \"LIVER\"], \"metastasisCount\": 0}]"));
            assertThat(f.errors()).containsExactly(new Finding("/followUp/0/distantMetastases",
                    "lists lung, liver while the number of metastases is 0: correct one of the two"));
        }

        @Test
        void none_found_with_no_count_or_sites_with_a_count_are_consistent() {
            assertThat(check(operated().withJson("/followUp", "[{\"date\": \"2021-01-01\", \"distantMetastases\": [],"
                    + " \"metastasisCount\": 0}, {\"date\": \"2021-06-01\", \"distantMetastases\": [\"LUNG\"], \"metastasisCount\": 2}]"))
                    .isEmpty()).isTrue();
        }
    }

    @Nested
    class Warnings {

        @Test
        void a_diameter_more_than_doubling_within_90_days_asks_for_confirmation_naming_both_values() {
            Findings f = check(pretreatment().add("/imaging", "{\"date\": \"2020-01-20\", \"modality\": \"MRI\", "
                    + "\"tumorDiametersCm\": [4.0, 45.0]}"));
            assertThat(f.errors()).isEmpty();
            assertThat(f.warnings()).extracting(Finding::pointer)
                    .containsExactly("/imaging/1/tumorDiametersCm/1", "/imaging/1/tumorDiametersCm/1");
            assertThat(f.warnings().get(0).message()).startsWith("45 cm is larger than 30 cm");
            assertThat(f.warnings().get(1).message()).contains("from 6 cm on 2020-01-10 to 45 cm on 2020-01-20")
                    .contains("more than 2 times in less than 90 days");
        }

        @Test
        void a_shrinking_diameter_is_compared_too_and_the_same_change_over_90_days_or_more_is_not() {
            Findings close = check(pretreatment().add("/imaging", "{\"date\": \"2020-04-08\", \"modality\": \"CT\", "
                    + "\"tumorDiametersCm\": [2.9]}"));
            assertThat(pointers(close.warnings())).containsExactly("/imaging/1/tumorDiametersCm/0");
            Findings apart = check(pretreatment().add("/imaging", "{\"date\": \"2020-04-09\", \"modality\": \"CT\", "
                    + "\"tumorDiametersCm\": [2.9]}"));
            assertThat(apart.warnings()).isEmpty();
        }

        @Test
        void exactly_doubling_is_not_more_than_a_factor_of_2() {
            assertThat(check(pretreatment().add("/imaging", "{\"date\": \"2020-01-20\", \"modality\": \"CT\", "
                    + "\"tumorDiametersCm\": [12.0]}")).warnings()).isEmpty();
        }

        @Test
        void studies_entered_out_of_date_order_are_compared_in_date_order() {
            Findings f = check(pretreatment()
                    .add("/imaging", "{\"date\": \"2020-02-01\", \"modality\": \"CT\", \"tumorDiametersCm\": [6.5]}")
                    .add("/imaging", "{\"date\": \"2020-01-15\", \"modality\": \"CT\", \"tumorDiametersCm\": [1.5]}"));
            // 6 cm (01-10) → 1.5 cm (01-15) → 6.5 cm (02-01): two jumps, each flagged at the later study
            assertThat(pointers(f.warnings())).containsExactly("/imaging/1/tumorDiametersCm/0", "/imaging/2/tumorDiametersCm/0");
        }

        @Test
        void a_diameter_above_30_cm_looks_like_millimetres_in_imaging_and_pathology() {
            Findings f = check(operated().with("/imaging/0/tumorDiametersCm", List.of(45.0))
                    .with("/pathology/maxDiameterCm", 31));
            assertThat(pointers(f.warnings())).containsExactly("/imaging/0/tumorDiametersCm/0", "/pathology/maxDiameterCm");
            assertThat(f.warnings().get(0).message())
                    .isEqualTo("45 cm is larger than 30 cm: if it was measured in millimetres, it is 4.5 cm; confirm to keep 45 cm");
            assertThat(check(operated().with("/imaging/0/tumorDiametersCm", List.of(30.0))).warnings()).isEmpty();
        }

        @Test
        void the_three_numbers_are_assumptions_a_center_can_change() {
            Plausibility centre = Plausibility.create(Settings.defaults().with("plausibility.millimetresAboveCm", 50)
                    .with("plausibility.sizeChangeFactor", 3).with("plausibility.sizeChangeWithinDays", 30));
            CaseFixtures fixture = pretreatment().with("/imaging/0/tumorDiametersCm", List.of(45.0))
                    .add("/imaging", "{\"date\": \"2020-02-20\", \"modality\": \"CT\", \"tumorDiametersCm\": [15.0]}");
            assertThat(pointers(CHECKS.check(fixture.kase(), TODAY).warnings()))
                    .containsExactly("/imaging/0/tumorDiametersCm/0", "/imaging/1/tumorDiametersCm/0");
            assertThat(centre.check(fixture.kase(), TODAY).warnings()).isEmpty();
        }
    }

    /** Reads synthetic cases with the case reader. */
    private static final class CaseReaderHolder {
        private final org.cavaplan.io.CaseReader reader = org.cavaplan.io.CaseReader.create();

        org.cavaplan.core.model.Case read(String json) {
            return ((org.cavaplan.io.ReadResult.Valid) reader.read(json)).value();
        }
    }
}
