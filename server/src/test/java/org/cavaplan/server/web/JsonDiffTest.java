package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.cavaplan.io.Json;
import org.cavaplan.server.web.JsonDiff.Change;
import org.cavaplan.server.web.JsonDiff.Kind;
import org.junit.jupiter.api.Test;

class JsonDiffTest {

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Change> diff(String a, String b) {
        return JsonDiff.diff(tree(a), tree(b));
    }

    @Test
    void equalDocumentsHaveNoDifferenceEvenWithKeysInAnotherOrderOrNumbersWrittenOtherwise() {
        assertThat(diff("{\"a\":1,\"b\":{\"c\":[1.0,2]}}", "{\"b\":{\"c\":[1,2.0]},\"a\":1.0}")).isEmpty();
    }

    @Test
    void aChangedValueIsNamedByItsPointerWithTheOldAndNewValues() {
        List<Change> changes = diff("{\"patient\":{\"ageYears\":62,\"sex\":\"FEMALE\"}}",
                "{\"patient\":{\"ageYears\":63,\"sex\":\"FEMALE\"}}");

        assertThat(changes).containsExactly(new Change("/patient/ageYears", Kind.CHANGED, Optional.of("62"), Optional.of("63")));
    }

    @Test
    void aListOfPlainValuesIsComparedAsOneValue() {
        List<Change> changes = diff("{\"imaging\":[{\"tumorDiametersCm\":[5.5,3.3]}]}",
                "{\"imaging\":[{\"tumorDiametersCm\":[6.1,3.3]}]}");

        assertThat(changes).containsExactly(
                new Change("/imaging/0/tumorDiametersCm", Kind.CHANGED, Optional.of("[5.5,3.3]"), Optional.of("[6.1,3.3]")));
    }

    @Test
    void anAddedVisitIsListedFieldByFieldAndARemovedSectionToo() {
        List<Change> changes = diff(
                "{\"followUp\":[{\"date\":\"2014-05-05\"}],\"pathology\":{\"margin\":\"R0\"}}",
                "{\"followUp\":[{\"date\":\"2014-05-05\"},{\"date\":\"2015-01-02\",\"distantMetastases\":[]}]}");

        assertThat(changes).containsExactly(
                new Change("/followUp/1/date", Kind.ADDED, Optional.empty(), Optional.of("2015-01-02")),
                new Change("/followUp/1/distantMetastases", Kind.ADDED, Optional.empty(), Optional.of("[]")),
                new Change("/pathology/margin", Kind.REMOVED, Optional.of("R0"), Optional.empty()));
    }

    @Test
    void aValueThatChangesTypeIsOneChangeAndKeysAreEscaped() {
        List<Change> changes = diff("{\"a/b\":{\"x\":1}}", "{\"a/b\":\"text\"}");

        assertThat(changes).containsExactly(new Change("/a~1b", Kind.CHANGED, Optional.of("{\"x\":1}"), Optional.of("text")));
    }
}
