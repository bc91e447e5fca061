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

    private static Document page(String caseId, List<CaseVersion> versions, Optional<String> left, Optional<String> right,
            int l, int r) {
        return Jsoup.parse(Pages.render("history.jte", HistoryView.page(new Frame("History – " + caseId, null, null), caseId,
                versions, left, right, l, r)));
    }

    @Test
    void everyVersionIsListedWithItsLinkAuthorAndReason() {
        Document doc = page("seed-case-report", VERSIONS, Optional.empty(), Optional.empty(), 1, 2);

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
        Document doc = page("seed-case-report", VERSIONS, Optional.empty(), Optional.empty(), 1, 2);

        Element form = doc.selectFirst("form.compare");
        assertThat(form.attr("method")).isEqualTo("get");
        assertThat(form.attr("action")).isEqualTo("/cases/seed-case-report/history");
        assertThat(form.selectFirst("select[name=left] option[selected]").attr("value")).isEqualTo("1");
        assertThat(form.selectFirst("select[name=right] option[selected]").attr("value")).isEqualTo("2");
        assertThat(doc.select("label[for=compare-left]")).hasSize(1);
        assertThat(doc.select("label[for=compare-right]")).hasSize(1);
    }

    @Test
    void theDiffWritesTheChangedFieldInClinicalWordsWithThePointerOnlyAsHoverText() {
        String before = "{\"imaging\":[{\"date\":\"2013-01-07\",\"modality\":\"CT\",\"tumorDiametersCm\":[5.5,3.3,3.4]}],\"patient\":{\"ageYears\":62}}";
        String after = "{\"imaging\":[{\"date\":\"2013-01-07\",\"modality\":\"CT\",\"tumorDiametersCm\":[6.5,3.3,3.4]}],\"patient\":{\"ageYears\":62}}";

        Document doc = page("seed-case-report", VERSIONS, Optional.of(before), Optional.of(after), 1, 2);

        List<Element> lines = doc.select("ul.changes li");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).text()).isEqualTo("Imaging study 1 (CT, 2013-01-07): tumor diameters 5.5 \u00d7 3.3 \u00d7 3.4 cm "
                + "\u2192 6.5 \u00d7 3.3 \u00d7 3.4 cm");
        assertThat(lines.get(0).attr("title")).isEqualTo("/imaging/0/tumorDiametersCm");
        assertThat(doc.selectFirst("section.diff").text()).doesNotContain("/imaging").doesNotContain("[");
        assertThat(doc.selectFirst(".diff-count").text()).isEqualTo("1 field differs.");
        assertThat(doc.selectFirst("#diff-title").text()).isEqualTo("Changes from version 1 to version 2");
    }

    @Test
    void theCountOfDifferingFieldsIsWrittenWithCorrectGrammar() {
        String before = "{\"patient\":{\"ageYears\":62,\"ecog\":1,\"sex\":\"FEMALE\"}}";
        String after = "{\"patient\":{\"ageYears\":63,\"ecog\":2,\"sex\":\"FEMALE\"}}";

        Document two = page("c1", VERSIONS, Optional.of(before), Optional.of(after), 1, 2);

        assertThat(two.selectFirst(".diff-count").text()).isEqualTo("2 fields differ.");
        assertThat(two.select("ul.changes li")).extracting(Element::text)
                .containsExactly("Patient: age 62 years \u2192 63 years", "Patient: performance status ECOG 1 \u2192 ECOG 2");
    }

    @Test
    void aCaseWithOneVersionSaysThereIsNothingToCompare() {
        Document doc = page("c1", VERSIONS.subList(0, 1), Optional.empty(), Optional.empty(), 1, 1);

        assertThat(doc.select("form.compare")).isEmpty();
        assertThat(doc.selectFirst("section.diff").text()).contains("nothing to compare");
    }

    @Test
    void identicalContentIsSaidPlainly() {
        Document doc = page("c1", VERSIONS, Optional.of("{\"a\":1}"), Optional.of("{\"a\":1.0}"), 1, 2);

        assertThat(doc.selectFirst(".diff-count").text()).isEqualTo("No field differs: the two versions have the same content.");
        assertThat(doc.select("ul.changes")).isEmpty();
    }
}
