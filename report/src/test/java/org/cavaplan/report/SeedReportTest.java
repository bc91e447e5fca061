package org.cavaplan.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.Landmark;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.RedFlag;
import org.cavaplan.core.vocabulary.Vocabulary;
import org.cavaplan.io.PlanText;
import org.cavaplan.core.vocabulary.PlanWords;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of the article's patient, read back with PDFBox. */
class SeedReportTest {

    private static Case seed;
    private static Plan plan;
    private static byte[] bytes;
    private static Pdf pdf;

    @BeforeAll
    static void render() throws IOException {
        seed = Fixtures.seed();
        plan = Fixtures.plan(seed);
        bytes = Report.render(seed, plan);
        pdf = Pdf.of(bytes);
    }

    @AfterAll
    static void close() throws IOException {
        pdf.close();
    }

    @Test
    void every_page_names_the_case_and_says_which_page_of_how_many_it_is() throws IOException {
        int pages = pdf.pages();
        assertThat(pages).isGreaterThan(2);
        for (int page = 1; page <= pages; page++) {
            assertThat(pdf.text(page)).contains("seed-case-report").contains("Page " + page + " of " + pages);
        }
    }

    @Test
    void page_one_summarises_the_patient() throws IOException {
        assertThat(pdf.text(1)).contains("Patient summary", "Stage of care Follow-up", "Intent Curative",
                "Disease status " + PlanWords.capitalised(Vocabulary.enumWords(plan.diseaseStatus())), "62 years, female",
                "Leiomyosarcoma (core needle biopsy)", "AJCC 8th stage clinical " + plan.classification().ajccStage().orElseThrow(),
                "FNCLCC grade not recorded", "IVC levels 1; IVC involvement: invades the wall; intracardiac extension: no",
                "Size 5.5 cm (MRI 2013-04-12)",
                "Neoadjuvant radiotherapy 55 Gy, ended 2013-03-15", "Resection 2013-05-06: interposition graft (ringed PTFE)",
                "Pathology R0, closest margin 1 mm", "Antithrombotics: heparin infusion, warfarin, aspirin");
    }

    @Test
    void page_one_opens_with_the_plans_red_flags_and_key_decisions_before_the_patient_summary() throws IOException {
        String page = pdf.text(1);
        assertThat(plan.redFlags()).as("the seed case's recurrence and conduit thrombosis").hasSizeGreaterThanOrEqualTo(2);
        assertThat(page).contains(plan.redFlags().size() + " red flags");
        PageOne.opensWithTheRedFlagsThenTheKeyDecisions(page, plan, RedFlag::message,
                k -> PlanWords.status(k.status()) + " " + k.summary());
    }

    @Test
    void the_timeline_lists_the_events_in_date_order() throws IOException {
        String text = pdf.text();
        String timeline = text.substring(text.indexOf("Timeline"));
        List<String> expected = List.of("2013-01-07 Imaging MRI: tumor 5.0 cm", "2013-01-15 Imaging CT: tumor 4.6 \u00d7 4.1 \u00d7 4.4 cm",
                "2013-03-15 Therapy Neoadjuvant radiotherapy 55 Gy completed", "2013-04-12 Imaging MRI: tumor 5.5",
                "2013-05-06 Operation Resection: IVC: interposition graft with ringed PTFE", "2013-05-06 Pathology R0",
                "2014-05-05 Follow-up Conduit patent", "2014-07-07 Follow-up Conduit partial thrombosis",
                "2014-07-07 Outcome Alive at last contact");
        int at = 0;
        for (String event : expected) {
            int found = timeline.indexOf(event, at);
            assertThat(found).as(event).isGreaterThanOrEqualTo(at);
            at = found;
        }
    }

    @Test
    void the_ivc_schematic_labels_the_landmarks_and_the_three_levels() throws IOException {
        String page = pdf.text(1);
        for (Landmark l : Landmark.values()) {
            assertThat(page).contains(l.name().replace('_', ' '));
        }
        assertThat(page).contains("LEVEL 3", "LEVEL 2", "LEVEL 1", "TUMOR",
                "Tumor: infrarenal IVC, level 1; IVC involvement: invades the wall; planning baseline MRI 2013-04-12.");
    }

    @Test
    void the_tumor_is_drawn_over_the_infrarenal_segment_and_nowhere_else() throws IOException {
        List<Pdf.Box> tumor = pdf.filled(1, Palette.TUMOR);
        assertThat(tumor).hasSize(1);
        Pdf.Box box = tumor.get(0);
        float infrarenal = pdf.find(1, "INFRARENAL").orElseThrow().baseline();
        float renalVeins = pdf.find(1, "RENAL VEINS").orElseThrow().baseline();
        float iliac = pdf.find(1, "ILIAC CONFLUENCE").orElseThrow().baseline();
        assertThat(infrarenal).isBetween(box.bottom(), box.top());
        assertThat(renalVeins).isGreaterThan(box.top());
        assertThat(iliac).isLessThan(box.bottom());
        assertThat(box.top() - box.bottom()).isEqualTo(
                IvcSchematic.ZONES.get(Landmark.INFRARENAL)[1] - IvcSchematic.ZONES.get(Landmark.INFRARENAL)[0] - 2, org.assertj.core.data.Offset.offset(0.1f));
    }

    @Test
    void the_size_chart_plots_each_measured_study() throws IOException {
        String page = pdf.text(1);
        String chart = page.substring(page.indexOf("Tumor size over time"));
        assertThat(chart).contains("5.0", "4.6", "5.5", "RT end", "operation", "longest diameter on imaging");
        List<Pdf.Box> points = pdf.filled(1, Palette.NAVY).stream().filter(b -> b.right() - b.left() < 6 && b.top() - b.bottom() < 6).toList();
        assertThat(points).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void every_recommendation_appears_with_its_status_sources_and_triggering_facts_in_words() throws IOException {
        String text = pdf.text();
        String planPart = text.substring(text.indexOf("Care plan by phase"));
        for (Recommendation r : plan.recommendations()) {
            int at = planPart.indexOf(PlanWords.status(r.status()) + " " + r.summary());
            assertThat(at).as(r.summary()).isGreaterThanOrEqualTo(0);
            String block = planPart.substring(at, Math.min(planPart.length(), at + 3000));
            assertThat(block).contains("Sources " + PlanWords.sources(r.sources()));
            for (Fact f : r.because()) {
                assertThat(block).contains(plan.label(f));
            }
        }
        assertThat(planPart).contains("Because IVC management at operation: interposition graft");
    }

    @Test
    void no_rule_id_pointer_or_enum_constant_is_printed_where_a_reader_reads() throws IOException {
        String text = pdf.text();
        for (Recommendation r : plan.recommendations()) {
            assertThat(text).doesNotContain(r.id());
            for (Fact f : r.because()) {
                assertThat(text).doesNotContain(f.pointer());
            }
        }
        for (var w : plan.warnings()) {
            assertThat(text).doesNotContain(w.code()).contains(w.message());
        }
        for (var p : plan.prognosticFactors()) {
            assertThat(text).doesNotContain(p.id()).contains(p.summary().substring(0, 30));
        }
        assertThat(text).doesNotContain("CURATIVE", "FOLLOW_UP", "RECURRENT", "INTERPOSITION_GRAFT (", "seed [", "RECOMMENDED ",
                "CONCORDANT ", "DISCORDANT ");
    }

    @Test
    void the_phases_follow_in_the_plans_order_under_their_titles() throws IOException {
        String text = pdf.text();
        String planPart = text.substring(text.indexOf("Care plan by phase"));
        int at = 0;
        for (Phase phase : ReportWriter.byPhase(plan.recommendations()).keySet()) {
            int found = planPart.indexOf(phase.title() + " ", at);
            assertThat(found).as(phase.title()).isGreaterThanOrEqualTo(at);
            at = found;
        }
    }

    @Test
    void the_recist_table_concordance_missing_data_and_evidence_updates_follow_the_plan() throws IOException {
        String text = pdf.text();
        assertThat(text).contains("Response to neoadjuvant therapy (RECIST 1.1)",
                "2013-01-15 CT 4.6 \u00d7 4.1 \u00d7 4.4 cm 4.6 cm RECIST baseline",
                "2013-04-12 MRI 5.5 \u00d7 3.3 \u00d7 3.4 cm 5.5 cm +19.6 % RECIST follow-up",
                "Category Stable disease (SD)", "+19.6 % (+9.0 mm), 2013-01-15 to 2013-04-12", "Ellipsoid volume -25.6 %");
        assertThat(text).contains("Concordance with what was done");
        for (var k : plan.concordance()) {
            assertThat(text).contains(PlanWords.capitalised(Vocabulary.enumWords(k.verdict())) + " " + k.note().substring(0, 20));
        }
        assertThat(text).contains("Missing data");
        for (var m : plan.missingData()) {
            assertThat(text).contains(Vocabulary.heading(m.pointer()));
        }
        assertThat(text).contains("Warnings");
        for (var w : plan.warnings()) {
            assertThat(text).contains(w.message());
        }
        assertThat(text).contains("Evidence updates", "IVC graft series");
        assertThat(text).contains("Prognostic factors");
    }

    @Test
    void the_last_page_carries_the_knowledge_base_version_the_as_of_date_and_the_disclaimer() throws IOException {
        String last = pdf.text(pdf.pages());
        assertThat(last).contains("About this report", "Knowledge base version " + CavaPlanKnowledge.VERSION, "As of 2014-07-07",
                PlanText.DISCLAIMER);
        assertThat(pdf.text(1)).contains(PlanText.DISCLAIMER);
    }

    @Test
    void both_fonts_are_embedded_as_subsets_so_text_extracts_without_system_fonts() throws IOException {
        for (int page = 0; page < pdf.pages(); page++) {
            var resources = pdf.document.getPage(page).getResources();
            for (var name : resources.getFontNames()) {
                PDFont font = resources.getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                assertThat(font.getName()).matches("[A-Z]{6}\\+DejaVuSansCondensed(-Bold)?");
            }
        }
        assertThat(pdf.text()).doesNotContain("\ufb01", "\ufb02").contains("qualified");
    }

    @Test
    void no_text_runs_off_the_page_or_into_the_header_and_footer() throws IOException {
        Layout.assertInsideMargins(pdf);
    }

    @Test
    void the_same_inputs_give_the_same_bytes() throws IOException {
        assertThat(Report.render(Fixtures.seed(), Fixtures.plan(Fixtures.seed()))).isEqualTo(bytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Report.render(seed, plan, out);
        assertThat(out.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void the_document_is_dated_by_the_as_of_date_not_the_clock() throws IOException {
        var info = pdf.document.getDocumentInformation();
        assertThat(info.getCreationDate().toInstant()).isEqualTo(LocalDate.of(2014, 7, 7).atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(info.getModificationDate().toInstant()).isEqualTo(info.getCreationDate().toInstant());
        assertThat(info.getTitle()).contains("seed-case-report", "2014-07-07");
        Plan later = Fixtures.plan(seed, LocalDate.of(2016, 1, 1));
        try (Pdf other = Pdf.of(Report.render(seed, later))) {
            assertThat(other.document.getDocumentInformation().getCreationDate().toInstant())
                    .isEqualTo(LocalDate.of(2016, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant());
            assertThat(other.text(1)).contains("As of 2016-01-01");
        }
    }

    @Test
    void a_plan_of_another_case_is_refused() {
        Case other = Fixtures.read(Fixtures.ROOT.resolve("examples/metastatic-symptomatic-palliative.json"));
        assertThatThrownBy(() -> Report.render(other, plan)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed-case-report");
    }

    @Test
    void the_file_name_names_the_case_and_the_date() {
        assertThat(Report.fileName(plan)).isEqualTo("cavaplan-report-seed-case-report-2014-07-07.pdf");
    }

    @Test
    void poppler_renders_every_page_without_a_warning(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Poppler.installed(), "pdftoppm (poppler-utils) is not installed");
        Path file = dir.resolve("seed.pdf");
        Files.write(file, bytes);
        Process p = new ProcessBuilder("pdftoppm", "-r", "40", "-png", file.toString(), dir.resolve("page").toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".png")).count()).isEqualTo(pdf.pages());
        }
    }
}
