package org.cavaplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.cavaplan.io.PlanText;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String SEED = ROOT.resolve("examples/seed-case.json").toString();
    private static final String BAD_CASE =
            "{\"schemaVersion\":\"1\",\"caseId\":\"x\",\"patient\":{\"ageYears\":130,\"sex\":\"F\"},\"imaging\":[]}";

    @TempDir
    Path dir;

    @Test
    void report_writes_the_seed_case_pdf_and_prints_nothing() throws IOException {
        Path out = dir.resolve("seed.pdf");
        Run run = Run.of("report", SEED, "--output", out.toString(), "--as-of", "2014-07-07");
        assertThat(run.code()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
        assertThat(Files.readAllBytes(out)).startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));
        try (PDDocument pdf = Loader.loadPDF(out.toFile())) {
            int pages = pdf.getNumberOfPages();
            assertThat(pages).isGreaterThan(2);
            for (int page = 1; page <= pages; page++) {
                assertThat(text(pdf, page)).contains("seed-case-report", "Page " + page + " of " + pages);
            }
            assertThat(text(pdf, 1)).contains("Tumor-board report", "Key decisions", "2 red flags", "LEVEL 1");
            assertThat(text(pdf, pages)).contains(PlanText.DISCLAIMER, CavaPlanKnowledge.VERSION, "2014-07-07");
        }
        assertThat(files()).containsExactly(out);
    }

    @Test
    void as_of_dates_the_report_and_moves_the_next_surveillance_date() throws IOException {
        String patch = ROOT.resolve("knowledge/src/test/resources/golden/29-patch-occlusion-on-follow-up/case.json").toString();
        Path out = dir.resolve("at-visit.pdf");
        Path later = dir.resolve("later.pdf");
        assertThat(Run.of("report", patch, "--output", out.toString(), "--as-of", "2021-01-12").code()).isZero();
        assertThat(Run.of("report", patch, "--output", later.toString(), "--as-of", "2022-03-01").code()).isZero();
        try (PDDocument pdf = Loader.loadPDF(out.toFile())) {
            assertThat(text(pdf, 1)).contains("As of 2021-01-12", "Next surveillance Next imaging due 2021-02-28");
        }
        try (PDDocument pdf = Loader.loadPDF(later.toFile())) {
            assertThat(text(pdf, 1)).contains("As of 2022-03-01", "Next surveillance Next imaging due 2022-08-31");
        }
    }

    @Test
    void the_same_case_and_date_give_the_same_file() throws IOException {
        Path first = dir.resolve("a.pdf");
        Path second = dir.resolve("b.pdf");
        assertThat(Run.of("report", SEED, "--output", first.toString()).code()).isZero();
        assertThat(Run.of("report", SEED, "--output", second.toString()).code()).isZero();
        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
    }

    @Test
    void a_bad_case_gets_the_errors_plan_gives_and_writes_nothing() throws IOException {
        Path input = dir.resolve("bad.json");
        Files.writeString(input, BAD_CASE);
        Path out = dir.resolve("bad.pdf");
        Run report = Run.of("report", input.toString(), "--output", out.toString());
        Run plan = Run.of("plan", input.toString());
        assertThat(report.code()).isEqualTo(Exit.BAD_INPUT).isEqualTo(plan.code());
        assertThat(report.out()).isEmpty();
        assertThat(report.err()).isEqualTo(plan.err()).contains("/patient/ageYears: must be at most 120, not 130");
        assertThat(files()).containsExactly(input);
    }

    @Test
    void a_bad_case_leaves_an_existing_report_untouched() throws IOException {
        Path input = dir.resolve("bad.json");
        Files.writeString(input, BAD_CASE);
        Path out = dir.resolve("existing.pdf");
        Files.writeString(out, "the report of last week");
        assertThat(Run.of("report", input.toString(), "--output", out.toString()).code()).isEqualTo(Exit.BAD_INPUT);
        assertThat(Files.readString(out)).isEqualTo("the report of last week");
        assertThat(files()).containsExactlyInAnyOrder(input, out);
    }

    @Test
    void a_good_case_replaces_an_existing_report_whole() throws IOException {
        Path out = dir.resolve("existing.pdf");
        Files.writeString(out, "the report of last week");
        assertThat(Run.of("report", SEED, "--output", out.toString()).code()).isZero();
        assertThat(Files.readAllBytes(out)).startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));
        assertThat(files()).containsExactly(out);
    }

    @Test
    void a_missing_case_file_is_bad_input() throws IOException {
        Run run = Run.of("report", dir.resolve("nowhere.json").toString(), "--output", dir.resolve("x.pdf").toString());
        assertThat(run.code()).isEqualTo(Exit.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("nowhere.json: no such file");
        assertThat(files()).isEmpty();
    }

    @Test
    void an_impossible_as_of_date_is_bad_input() throws IOException {
        Run run = Run.of("report", SEED, "--output", dir.resolve("x.pdf").toString(), "--as-of", "2013-02-30");
        assertThat(run.code()).isEqualTo(Exit.BAD_INPUT);
        assertThat(run.err()).contains("--as-of");
        assertThat(files()).isEmpty();
    }

    @Test
    void an_output_in_a_missing_directory_is_bad_input_and_nothing_is_written() throws IOException {
        Path out = dir.resolve("missing/seed.pdf");
        Run run = Run.of("report", SEED, "--output", out.toString());
        assertThat(run.code()).isEqualTo(Exit.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("--output: the directory of").contains("does not exist");
        assertThat(files()).isEmpty();
    }

    @Test
    void an_output_that_is_a_directory_is_bad_input_and_left_alone() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("reports"));
        Run run = Run.of("report", SEED, "--output", sub.toString());
        assertThat(run.code()).isEqualTo(Exit.BAD_INPUT);
        assertThat(run.err()).contains("is a directory");
        assertThat(Files.isDirectory(sub)).isTrue();
        try (Stream<Path> inside = Files.list(sub)) {
            assertThat(inside).isEmpty();
        }
        assertThat(files()).containsExactly(sub);
    }

    @Test
    void the_output_option_is_required() {
        Run run = Run.of("report", SEED);
        assertThat(run.code()).isEqualTo(Exit.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--output");
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static String text(PDDocument pdf, int page) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(pdf).replaceAll("\\s+", " ");
    }
}
