package org.cavaplan.io.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.InputError;
import org.cavaplan.io.Json;
import org.cavaplan.io.ReadResult;

/**
 * Coverage-guided fuzzing of the case reader (docs/fuzzing.md). In a normal build each method replays
 * its inputs under {@code src/test/resources/org/cavaplan/io/fuzz/CaseReaderFuzzTestInputs/<method>};
 * {@code bench/fuzz} runs them as fuzzers. The property: whatever the input, the reader answers with a
 * case or with errors whose pointers lead into the input; it never throws.
 */
class CaseReaderFuzzTest {

    private static final CaseReader READER = CaseReader.create();
    private static final JsonNode SEED = parse(Path.of("../examples/seed-case.json"));
    private static final TreeMutator MUTATOR = new TreeMutator(TreeMutator.wordsOfSchema(parse(CaseReader.schemaText())));

    @FuzzTest(maxDuration = "10m")
    void any_text_is_either_a_case_or_pointed_errors(FuzzedDataProvider data) {
        String text = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);

        ReadResult result = READER.read(text);

        if (result instanceof ReadResult.Invalid invalid) {
            JsonNode tree = parseOrNull(text);
            invalid.errors().forEach(error -> assertPointed(error, tree, text));
        }
    }

    @FuzzTest(maxDuration = "10m")
    void any_damage_to_the_seed_case_is_either_a_case_or_pointed_errors(FuzzedDataProvider data) {
        JsonNode tree = MUTATOR.mutate(SEED, data, 8);
        String text = tree.toString();

        ReadResult result = READER.read(text);

        if (result instanceof ReadResult.Invalid invalid) {
            JsonNode reparsed = parseOrNull(text);
            invalid.errors().forEach(error -> assertPointed(error, reparsed, text));
        } else {
            assertThat(((ReadResult.Valid) result).value().caseId()).as(text).isEqualTo(tree.get("caseId").asText());
        }
    }

    /**
     * An error names a place in plain words: its pointer is a JSON pointer to a value of the input, or
     * to a missing field of an object that is there (a required field); when the input
     * is not JSON at all, the pointer is the whole document.
     */
    private static void assertPointed(InputError error, JsonNode tree, String text) {
        assertThat(error.message()).as(text).isNotBlank().doesNotContain("Exception");
        assertThat(error.pointer()).as(text).matches("(?s)(/.*)?");
        if (tree == null || error.pointer().isEmpty()) {
            return;
        }
        JsonPointer pointer = JsonPointer.compile(error.pointer());
        boolean there = !tree.at(pointer).isMissingNode() || tree.at(pointer.head()).isObject();
        assertThat(there).as("pointer %s of \"%s\" in %s", error.pointer(), error.message(), text).isTrue();
    }

    private static JsonNode parseOrNull(String text) {
        try {
            JsonNode node = Json.mapper().readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode parse(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
