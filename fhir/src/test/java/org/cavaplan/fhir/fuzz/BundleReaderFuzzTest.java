package org.cavaplan.fhir.fuzz;

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
import org.cavaplan.fhir.BundleReader;
import org.cavaplan.fhir.CaseBundle;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.InputError;
import org.cavaplan.io.Json;
import org.cavaplan.io.ReadResult;
import org.cavaplan.io.fuzz.TreeMutator;

/**
 * Coverage-guided fuzzing of the FHIR Bundle reader (docs/fuzzing.md). In a normal build each method
 * replays its inputs under {@code src/test/resources/org/cavaplan/fhir/fuzz/BundleReaderFuzzTestInputs/<method>};
 * {@code bench/fuzz} runs them as fuzzers. The property: whatever the input, the reader answers with a
 * case or with errors whose pointers lead into the Bundle; it never throws.
 */
class BundleReaderFuzzTest {

    private static final BundleReader READER = BundleReader.create();
    private static final JsonNode SEED = parse(CaseBundle.json(seedCase()));
    private static final TreeMutator MUTATOR = new TreeMutator(TreeMutator.wordsOfDocument(SEED));

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
    void any_damage_to_the_seed_bundle_is_either_a_case_or_pointed_errors(FuzzedDataProvider data) {
        JsonNode tree = MUTATOR.mutate(SEED, data, 8);
        String text = tree.toString();

        ReadResult result = READER.read(text);

        if (result instanceof ReadResult.Invalid invalid) {
            JsonNode reparsed = parseOrNull(text);
            invalid.errors().forEach(error -> assertPointed(error, reparsed, text));
        }
    }

    /**
     * An error names a place in plain words: its pointer is a JSON pointer to a value of the Bundle, or
     * to where a missing value belongs, below an object or a list that is there (never below a null
     * or a scalar); when the input is not JSON at all, the pointer is the whole document.
     */
    private static void assertPointed(InputError error, JsonNode tree, String text) {
        assertThat(error.message()).as(text).isNotBlank().doesNotContain("Exception").doesNotContain("HAPI-");
        assertThat(error.pointer()).as(text).matches("(?s)(/.*)?");
        if (tree == null || error.pointer().isEmpty()) {
            return;
        }
        JsonPointer pointer = JsonPointer.compile(error.pointer());
        JsonPointer existing = pointer;
        while (existing.head() != null && tree.at(existing).isMissingNode()) {
            existing = existing.head();
        }
        boolean there = existing == pointer || tree.at(existing).isContainerNode();
        assertThat(there).as("pointer %s of \"%s\" in %s", error.pointer(), error.message(), text).isTrue();
    }

    private static org.cavaplan.core.model.Case seedCase() {
        try {
            ReadResult result = CaseReader.create().read(Files.readString(Path.of("../examples/seed-case.json")));
            return ((ReadResult.Valid) result).value();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parseOrNull(String text) {
        try {
            JsonNode node = Json.mapper().readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
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
