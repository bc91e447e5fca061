package org.cavaplan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.Case;
import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void the_seed_case_reads_as_dated_events_in_order() {
        List<Timeline.Event> events = Timeline.of(Fixtures.seed());
        assertThat(events).extracting(e -> e.date().orElseThrow().toString() + " " + e.kind()).containsExactly(
                "2013-01-07 IMAGING", "2013-01-15 IMAGING", "2013-03-15 THERAPY", "2013-04-12 IMAGING", "2013-05-06 OPERATION",
                "2013-05-06 PATHOLOGY", "2013-05-06 AFTERCARE", "2014-05-05 FOLLOW_UP", "2014-07-07 FOLLOW_UP", "2014-07-07 OUTCOME");
        assertThat(events.get(8).text()).isEqualTo(
                "Conduit partial thrombosis; no local recurrence; distant metastases: lung; judged not resectable.");
        assertThat(events.get(6).text()).isEqualTo("Antithrombotics: heparin infusion, warfarin, aspirin.");
    }

    @Test
    void therapy_without_an_end_date_is_listed_after_the_dated_events() {
        Case kase = Fixtures.read("""
                {"schemaVersion":"1","caseId":"undated","patient":{"ageYears":50,"sex":"MALE"},
                 "imaging":[{"date":"2020-01-01","modality":"PET_CT","tumorDiametersCm":[3.0]}],
                 "neoadjuvant":{"radiotherapy":{"totalDoseGy":50,"fractions":25}}}
                """);
        List<Timeline.Event> events = Timeline.of(kase);
        assertThat(events).hasSize(2);
        assertThat(events.get(0).date()).contains(LocalDate.of(2020, 1, 1));
        assertThat(events.get(0).text()).isEqualTo("PET-CT: tumor 3.0 cm.");
        assertThat(events.get(1).date()).isEqualTo(Optional.empty());
        assertThat(events.get(1).text()).isEqualTo("Neoadjuvant radiotherapy 50 Gy in 25 fractions (end date not recorded).");
    }
}
