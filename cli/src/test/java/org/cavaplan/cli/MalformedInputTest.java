package org.cavaplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed cases on the command line: each file in {@code src/test/resources/malformed} listed in
 * {@code index.tsv} must be rejected by {@code plan} and {@code validate} with exit code 2, nothing on
 * standard output, and a plain-words message on standard error that names the expected JSON pointer.
 */
class MalformedInputTest {

    private static final Path DIR = Path.of("src", "test", "resources", "malformed");
    private static final int BAD_INPUT = 2;
    private static final String WHOLE_DOCUMENT = "-";
    /** Text that must never reach a user: Java exception names, stack frames, library internals. */
    private static final List<String> LEAKS = List.of("Exception", "at org.", "com.fasterxml", "\tat ", "java.lang", "networknt",
            "StreamReadFeature", "DeserializationFeature", "[Source:");

    /** One row of {@code index.tsv}. */
    record Malformed(String file, List<String> pointers, List<String> words, String what) {
        Path path() {
            return DIR.resolve(file);
        }
    }

    static Stream<Named<Malformed>> malformed() throws IOException {
        return Files.readAllLines(DIR.resolve("index.tsv"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t"))
                .map(cols -> new Malformed(cols[0], Arrays.asList(cols[1].split(",")), Arrays.asList(cols[2].split(",")),
                        cols.length > 3 ? cols[3] : ""))
                .map(m -> Named.of(m.file() + " (" + m.what() + ")", m));
    }

    record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void the_index_lists_at_least_22_files_and_every_one_exists() throws IOException {
        List<Malformed> rows = malformed().map(Named::getPayload).toList();

        assertThat(rows).hasSizeGreaterThanOrEqualTo(22);
        assertThat(rows).allSatisfy(m -> assertThat(m.path()).isRegularFile());
        assertThat(rows).extracting(Malformed::file).doesNotHaveDuplicates();
    }

    @Test
    void the_unbroken_seed_case_is_valid_so_each_malformed_file_fails_only_for_what_was_planted() {
        Run validate = run("validate", DIR.resolve("control-valid-seed-case.json").toString());
        Run plan = run("plan", DIR.resolve("control-valid-seed-case.json").toString());

        assertThat(validate.code()).as(validate.err()).isZero();
        assertThat(validate.out().strip()).isEqualTo("valid");
        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("\"caseId\" : \"seed-case-report\"");
    }

    @ParameterizedTest(name = "plan rejects {0}")
    @MethodSource("malformed")
    void plan_rejects_a_malformed_case_with_exit_code_2_and_the_pointer_in_plain_words(Malformed m) {
        assertRejected(m, run("plan", m.path().toString()));
    }

    @ParameterizedTest(name = "validate rejects {0}")
    @MethodSource("malformed")
    void validate_rejects_a_malformed_case_with_exit_code_2_and_the_pointer_in_plain_words(Malformed m) {
        assertRejected(m, run("validate", m.path().toString()));
    }

    private static void assertRejected(Malformed m, Run run) {
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(run.code()).as("exit code; stderr was:%n%s", run.err()).isEqualTo(BAD_INPUT);
        softly.assertThat(run.out()).as("stdout").isEmpty();
        softly.assertThat(run.err()).as("stderr").isNotBlank();
        List<String> lines = run.err().lines().toList();
        for (String pointer : m.pointers()) {
            if (!pointer.equals(WHOLE_DOCUMENT)) {
                softly.assertThat(lines).as("a line 'POINTER: message' for %s in stderr:%n%s", pointer, run.err())
                        .anySatisfy(line -> assertThat(line).startsWith(pointer + ": "));
            }
        }
        String lower = run.err().toLowerCase(Locale.ROOT);
        for (String word : m.words()) {
            softly.assertThat(Arrays.stream(word.split("\\|")).anyMatch(w -> lower.contains(w.toLowerCase(Locale.ROOT))))
                    .as("stderr mentions %s:%n%s", word.replace("|", " or "), run.err())
                    .isTrue();
        }
        for (String leak : LEAKS) {
            softly.assertThat(run.err()).as("no Java internals in stderr").doesNotContain(leak);
        }
        softly.assertAll();
    }

    @Test
    void a_file_that_does_not_exist_is_bad_input_with_a_clear_message() {
        String missing = DIR.resolve("no-such-case.json").toString();
        for (String command : List.of("plan", "validate")) {
            Run run = run(command, missing);

            assertThat(run.code()).as(command).isEqualTo(BAD_INPUT);
            assertThat(run.out()).as(command).isEmpty();
            assertThat(run.err()).as(command).contains("no-such-case.json").containsIgnoringCase("no such file");
            assertThat(run.err()).as(command).doesNotContain("Exception").doesNotContain("at org.");
        }
    }

    @Test
    void an_impossible_as_of_date_is_bad_input_naming_the_option() {
        Run run = run("plan", DIR.resolve("control-valid-seed-case.json").toString(), "--as-of", "2013-13-01");

        assertThat(run.code()).isEqualTo(BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--as-of").contains("2013-13-01").contains("YYYY-MM-DD");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void an_as_of_date_in_another_format_is_bad_input() {
        Run run = run("plan", DIR.resolve("control-valid-seed-case.json").toString(), "--as-of", "01/07/2014");

        assertThat(run.code()).isEqualTo(BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--as-of");
    }
}
