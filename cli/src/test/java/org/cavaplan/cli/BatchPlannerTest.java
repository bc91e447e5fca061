package org.cavaplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.io.BatchPlanner;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.PlanJson;
import org.cavaplan.io.ReadResult;
import org.cavaplan.io.SyntheticCases;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The batch reads, plans and writes a chunk of lines stage by stage on several workers, and writes
 * the knowledge base's part of each recommendation from a cache: neither may change a byte of what a
 * plan alone would give, nor the order of the lines.
 */
class BatchPlannerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CaseReader READER = CaseReader.create();
    private static final Engine ENGINE = Engine.create(CavaPlanKnowledge.create());
    private static final int CASES = 300;

    /** Synthetic cases with bad and blank lines around the chunk boundaries (chunks hold 32 lines). */
    private static List<String> input() {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= CASES; i++) {
            lines.add(SyntheticCases.generate(11, i).toString());
            if (i == 31 || i == 64) {
                lines.add("{\"schemaVersion\":\"1\"}");
            }
            if (i == 32 || i == 150) {
                lines.add("");
            }
            if (i == 95) {
                lines.add("not json");
            }
        }
        return lines;
    }

    @ParameterizedTest(name = "on {0} worker(s)")
    @ValueSource(ints = {1, 3})
    void each_output_line_is_the_plan_of_its_input_line_alone_in_input_order(int threads) throws IOException {
        List<String> input = input();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> rejectedLines = new ArrayList<>();
        BatchPlanner.Summary summary = new BatchPlanner(ENGINE, READER, Optional.empty(), threads)
                .run(new BufferedReader(new StringReader(String.join("\n", input) + "\n")), out,
                        (line, errors) -> rejectedLines.add(line));

        assertThat(summary.planned()).isEqualTo(CASES);
        assertThat(summary.rejected()).isEqualTo(3);
        List<String> expected = new ArrayList<>();
        List<Integer> expectedRejected = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            String line = input.get(i);
            if (line.isBlank()) {
                continue;
            }
            if (READER.read(line) instanceof ReadResult.Valid valid) {
                Case kase = valid.value();
                expected.add(PlanJson.write(ENGINE.plan(kase, kase.latestDate())));
            } else {
                expected.add(null);
                expectedRejected.add(i + 1);
            }
        }
        String[] written = out.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertThat(written).hasSize(expected.size() + 1);
        assertThat(written[expected.size()]).isEmpty();
        int rejection = 0;
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i) == null) {
                assertThat(JSON.readTree(written[i]).get("line").asInt()).isEqualTo(expectedRejected.get(rejection++));
            } else {
                assertThat(written[i]).isEqualTo(expected.get(i));
            }
        }
        assertThat(rejectedLines).containsExactlyElementsOf(expectedRejected).containsExactly(32, 67, 99);
    }

    @Test
    void a_plan_written_in_one_line_from_the_cache_says_what_the_indented_plan_says_field_by_field() throws IOException {
        for (int i = 1; i <= CASES; i++) {
            Case kase = ((ReadResult.Valid) READER.read(SyntheticCases.generate(23, i).toString())).value();
            Plan plan = ENGINE.plan(kase, kase.latestDate());
            String first = PlanJson.write(plan);
            JsonNode indented = JSON.readTree(PlanJson.writePretty(plan));
            assertThat(JSON.readTree(first)).isEqualTo(indented);
            assertThat(PlanJson.write(plan)).as("written again, with every recommendation cached").isEqualTo(first);
        }
    }
}
