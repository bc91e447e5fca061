package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cavaplan.registry.CaseVersion;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class HistoryViewTest {

    private static CaseVersion version(int n, CaseVersion.Change change, String author, String reason, boolean retired) {
        return new CaseVersion("seed-case-report", n, change, Instant.parse("2026-01-15T10:0" + n + ":00Z"), author, "web",
                reason, retired, false, "0".repeat(64));
    }

    private static final List<CaseVersion> VERSIONS = List.of(
            version(1, CaseVersion.Change.CREATED, "clinician", "the article's patient", false),
            version(2, CaseVersion.Change.UPDATED, "dr <b>x</b>", "tumor remeasured", false));

    @Test
    void everyVersionIsListedWithItsLinkAuthorAndReason() {
        Document doc = Jsoup.parseBodyFragment(HistoryView.body("seed-case-report", VERSIONS, Optional.empty(), Optional.empty(), 1, 2));

        List<Element> rows = doc.select("table.versions tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).selectFirst("a").attr("href")).isEqualTo("/cases/seed-case-report/versions/1");
        assertThat(rows.get(0).text()).contains("2026-01-15 10:01 UTC").contains("clinician").contains("created")
                .contains("the article's patient").endsWith("no");
        assertThat(rows.get(1).text()).contains("dr <b>x</b>").contains("tumor remeasured");
        assertThat(doc.select("b")).isEmpty();
    }

    @Test
    void twoVersionsCanBePickedWithAGetFormOnTheHistoryPage() {
        Document doc = Jsoup.parseBodyFragment(HistoryView.body("seed-case-report", VERSIONS, Optional.empty(), Optional.empty(), 1, 2));

        Element form = doc.selectFirst("form.compare");
        assertThat(form.attr("method")).isEqualTo("get");
        assertThat(form.attr("action")).isEqualTo("/cases/seed-case-report/history");
        assertThat(form.selectFirst("select[name=left] option[selected]").attr("value")).isEqualTo("1");
        assertThat(form.selectFirst("select[name=right] option[selected]").attr("value")).isEqualTo("2");
        assertThat(doc.select("label[for=compare-left]")).hasSize(1);
        assertThat(doc.select("label[for=compare-right]")).hasSize(1);
    }

    @Test
    void theDiffNamesTheChangedFieldWithItsPointerAndItsOldAndNewValues() {
        String before = "{\"imaging\":[{\"date\":\"2013-01-07\",\"tumorDiametersCm\":[5.5,3.3,3.4]}],\"patient\":{\"ageYears\":62}}";
        String after = "{\"imaging\":[{\"date\":\"2013-01-07\",\"tumorDiametersCm\":[6.5,3.3,3.4]}],\"patient\":{\"ageYears\":62}}";

        Document doc = Jsoup.parseBodyFragment(HistoryView.body("seed-case-report", VERSIONS, Optional.of(before), Optional.of(after), 1, 2));

        List<Element> rows = doc.select("table.changes tbody tr");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).text()).contains("Imaging study 1 › Tumor diameters (cm)").contains("/imaging/0/tumorDiametersCm")
                .contains("changed").contains("[5.5,3.3,3.4]").contains("[6.5,3.3,3.4]");
        assertThat(doc.selectFirst("#diff-title").text()).isEqualTo("Changes from version 1 to version 2");
    }

    @Test
    void aCaseWithOneVersionSaysThereIsNothingToCompare() {
        Document doc = Jsoup.parseBodyFragment(HistoryView.body("c1", VERSIONS.subList(0, 1), Optional.empty(), Optional.empty(), 1, 1));

        assertThat(doc.select("form.compare")).isEmpty();
        assertThat(doc.selectFirst("section.diff").text()).contains("nothing to compare");
    }

    @Test
    void identicalContentIsSaidPlainly() {
        Document doc = Jsoup.parseBodyFragment(HistoryView.body("c1", VERSIONS, Optional.of("{\"a\":1}"), Optional.of("{\"a\":1.0}"), 1, 2));

        assertThat(doc.selectFirst("section.diff").text()).contains("same content");
        assertThat(doc.select("table.changes")).isEmpty();
    }
}
