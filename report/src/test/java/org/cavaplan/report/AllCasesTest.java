package org.cavaplan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.PlanText;
import org.cavaplan.core.vocabulary.PlanWords;
import org.cavaplan.io.ReadResult;
import org.cavaplan.io.SyntheticCases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example, every golden vignette and a series of synthetic cases gives a complete, tidy report. */
class AllCasesTest {

    static Stream<Path> files() {
        return Fixtures.allCaseFiles().stream();
    }

    static Stream<Case> synthetic() {
        return SyntheticCases.generate(7, 1, 25).stream().map(node -> {
            ReadResult result = CaseReader.create().read(node);
            return ((ReadResult.Valid) result).value();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void every_repository_case_gives_a_complete_report_inside_the_margins(Path file) throws IOException {
        check(Fixtures.read(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("synthetic")
    void every_synthetic_case_gives_a_complete_report_inside_the_margins(Case kase) throws IOException {
        check(kase);
    }

    /** The first words of a text, short enough to sit on the first line of its box. */
    private static String opening(String text) {
        String flat = text.replaceAll("\\s+", " ");
        int cut = flat.lastIndexOf(' ', Math.min(flat.length(), 28));
        return cut > 8 ? flat.substring(0, cut) : flat.substring(0, Math.min(flat.length(), 28));
    }

    private static void check(Case kase) throws IOException {
        Plan plan = Fixtures.plan(kase);
        try (Pdf pdf = Pdf.of(Report.render(kase, plan))) {
            int pages = pdf.pages();
            for (int page = 1; page <= pages; page++) {
                assertThat(pdf.text(page)).contains(kase.caseId(), "Page " + page + " of " + pages);
            }
            String first = pdf.text(1);
            assertThat(first).contains("Patient summary", "Key decisions", "LEVEL 1", "LEVEL 2", "LEVEL 3", "RIGHT ATRIUM",
                    "ILIAC CONFLUENCE");
            assertThat(first).startsWith("Tumor-board report");
            // text wraps inside the boxes, beside the phase column: look for each line's opening words, in order
            PageOne.opensWithTheRedFlagsThenTheKeyDecisions(first.replaceAll("\\s+", " "), plan, f -> opening(f.message()),
                    k -> opening(k.summary()));
            if (plan.recommendation(Decisions.SURVEILLANCE_IMAGING).isPresent()) {
                assertThat(first).contains("Next surveillance");
            }
            String text = pdf.text();
            assertThat(text).contains("Timeline", "Tumor size over time");
            for (Recommendation r : plan.recommendations()) {
                assertThat(text).contains(PlanWords.status(r.status()) + " " + r.summary()).doesNotContain(r.id());
            }
            assertThat(pdf.text(pages)).contains(PlanText.DISCLAIMER, plan.knowledgeBaseVersion());
            Layout.assertInsideMargins(pdf);
        }
    }
}
