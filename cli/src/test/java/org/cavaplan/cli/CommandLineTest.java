package org.cavaplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String SEED = ROOT.resolve("examples/seed-case.json").toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void plan_prints_the_seed_plan_as_the_json_shipped_in_the_docs() throws IOException {
        Run run = Run.of("plan", SEED, "--as-of", "2014-07-07");
        assertThat(run.code()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(JSON.readTree(run.out())).isEqualTo(JSON.readTree(ROOT.resolve("docs/examples/seed-plan.json").toFile()));
    }

    @Test
    void a_plan_without_a_date_is_for_today_never_for_the_last_date_of_the_case() throws IOException {
        java.time.LocalDate before = java.time.LocalDate.now();
        Run run = Run.of("plan", SEED);
        java.time.LocalDate after = java.time.LocalDate.now();
        assertThat(run.code()).isZero();
        assertThat(JSON.readTree(run.out()).get("asOf").asText()).isIn(before.toString(), after.toString());
    }

    @Test
    void plan_in_text_is_the_worked_example_of_the_readme() throws IOException {
        Run run = Run.of("plan", SEED, "--format", "text", "--as-of", "2014-07-07");
        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo(Files.readString(ROOT.resolve("docs/examples/seed-plan.txt")));
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (String line : run.out().split("\n")) {
            if (line.startsWith("[") && readme.contains(line.substring(0, Math.min(40, line.length())))) {
                assertThat(readme).contains(line);
            }
        }
    }

    @Test
    void the_seed_plan_follows_the_contract_shape() throws IOException {
        JsonNode plan = JSON.readTree(Run.of("plan", SEED, "--as-of", "2014-07-07").out());
        assertThat(plan.get("asOf").asText()).isEqualTo("2014-07-07");
        assertThat(plan.get("stage").asText()).isEqualTo("FOLLOW_UP");
        assertThat(plan.get("intent").asText()).isEqualTo("CURATIVE");
        assertThat(plan.get("diseaseStatus").asText()).isEqualTo("RECURRENT");
        assertThat(plan.get("redFlags").findValuesAsText("code")).containsExactly("RECURRENCE", "CONDUIT_THROMBOSIS");
        assertThat(plan.at("/knowledgeBase/changedAssumptions").isObject()).isTrue();
        assertThat(plan.at("/classification/ivcLevels").toString()).isEqualTo("[1]");
        assertThat(plan.at("/response/category").asText()).isEqualTo("SD");
        assertThat(plan.at("/response/longestDiameterChangePct").asDouble()).isEqualTo(19.6);
        assertThat(plan.at("/response/volumeChangePct").asDouble()).isEqualTo(-25.6);
        assertThat(plan.at("/knowledgeBase/version").asText()).isNotBlank();
        List<String> fields = List.of("caseId", "asOf", "stage", "intent", "diseaseStatus", "classification", "keyDecisions",
                "redFlags", "response", "recommendations", "concordance", "prognosticFactors", "missingData", "warnings",
                "knowledgeBase");
        assertThat(plan.fieldNames()).toIterable().containsExactlyElementsOf(fields);
        for (JsonNode r : plan.get("recommendations")) {
            assertThat(r.get("sources")).isNotEmpty();
            assertThat(r.get("because")).isNotEmpty();
            assertThat(r.get("summary").asText().length()).isLessThanOrEqualTo(140);
            assertThat(r.has("when")).isEqualTo(r.get("status").asText().equals("CONDITIONAL"));
            r.get("because").forEach(f -> assertThat(f.get("label").asText()).isNotBlank().doesNotStartWith("/"));
        }
    }

    @Test
    void as_of_moves_the_next_surveillance_date() throws IOException {
        // a patient free of disease after a patch (the seed patient has recurred and has no schedule)
        String free = ROOT.resolve("knowledge/src/test/resources/golden/29-patch-occlusion-on-follow-up/case.json").toString();
        List<String> next = new java.util.ArrayList<>();
        for (String asOf : List.of("2021-01-01", "2022-01-01")) {
            JsonNode plan = JSON.readTree(Run.of("plan", free, "--as-of", asOf).out());
            assertThat(plan.get("asOf").asText()).isEqualTo(asOf);
            String due = plan.findValue("nextDue").asText();
            assertThat(due).isGreaterThan(asOf);
            next.add(due);
        }
        assertThat(next.get(1)).isGreaterThan(next.get(0));
    }

    @Test
    void an_impossible_as_of_date_is_bad_input() {
        Run run = Run.of("plan", SEED, "--as-of", "2013-02-30");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--as-of").contains("2013-02-30");
    }

    @Test
    void an_assumption_can_be_changed_but_not_a_number_of_the_source() throws IOException {
        JsonNode changed = JSON.readTree(Run.of("plan", SEED, "--assumption", "recurrence.minDiseaseFreeMonths=18").out());
        assertThat(changed.toString()).contains("\"minDiseaseFreeMonths\":18");
        Run fixed = Run.of("plan", SEED, "--assumption", "ivc.circumferenceThresholdPct=60");
        assertThat(fixed.code()).isEqualTo(2);
        assertThat(fixed.err()).contains("cannot be changed");
        Run unknown = Run.of("plan", SEED, "--assumption", "no.such=1");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no threshold is named 'no.such'");
        assertThat(unknown.out()).isEmpty();
    }

    @Test
    void every_shipped_example_is_a_valid_case_with_a_plan() throws IOException {
        try (var files = Files.list(ROOT.resolve("examples"))) {
            List<Path> examples = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(examples).hasSizeGreaterThanOrEqualTo(4);
            for (Path example : examples) {
                Run run = Run.of("plan", example.toString(), "--format", "text");
                assertThat(run.code()).as(example.toString()).isZero();
                assertThat(run.out()).contains("CavaPlan care plan for case");
            }
        }
    }

    @Test
    void validate_says_valid_for_the_seed_case() {
        Run run = Run.of("validate", SEED);
        assertThat(run.code()).isZero();
        assertThat(run.out().trim()).isEqualTo("valid");
    }

    @Test
    void plan_batch_plans_valid_lines_and_reports_bad_ones_with_their_line_number(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.ndjson");
        Path out = dir.resolve("out.ndjson");
        String seed = JSON.readTree(Files.readString(Path.of(SEED))).toString();
        Files.writeString(in, seed + "\n{\"schemaVersion\":\"1\"}\n\nnot json\n" + seed + "\n", StandardCharsets.UTF_8);
        Run run = Run.of("plan-batch", "--input", in.toString(), "--output", out.toString());
        assertThat(run.code()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("line 2: ").contains("line 4: ").containsPattern("planned 2, rejected 2 in [0-9.]+ s");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(4);
        assertThat(JSON.readTree(lines.get(0)).get("caseId").asText()).isEqualTo("seed-case-report");
        assertThat(JSON.readTree(lines.get(1)).get("line").asInt()).isEqualTo(2);
        assertThat(JSON.readTree(lines.get(1)).at("/errors/0/pointer").asText()).isEqualTo("/caseId");
        assertThat(JSON.readTree(lines.get(2)).get("line").asInt()).isEqualTo(4);
        assertThat(lines.get(3)).isEqualTo(lines.get(0));
        assertThat(dir.resolve("out.ndjson.partial")).doesNotExist();
    }

    @Test
    void plan_batch_without_its_input_is_bad_input(@TempDir Path dir) {
        Run run = Run.of("plan-batch", "--input", dir.resolve("missing.ndjson").toString(), "--output",
                dir.resolve("out.ndjson").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("no such file");
        assertThat(dir.resolve("out.ndjson")).doesNotExist();
    }

    @Test
    void rules_in_json_list_every_recommendation_with_sources_and_mark_assumptions() throws IOException {
        Run run = Run.of("rules", "--format", "json");
        assertThat(run.code()).isZero();
        JsonNode kb = JSON.readTree(run.out());
        Set<String> ids = new HashSet<>();
        for (JsonNode rule : kb.get("rules")) {
            assertThat(ids.add(rule.get("id").asText())).isTrue();
            assertThat(rule.get("sources")).isNotEmpty();
            assertThat(rule.get("condition").asText()).isNotBlank();
        }
        assertThat(ids).contains("ivc.ligation", "ivc.patch-cavoplasty", "ivc.interposition-graft", "surveillance.imaging",
                "recurrence.resection", "adjuvant.radiotherapy-boost", "prognosis.upper-segment");
        assertThat(ids).contains("workup.sarcoma-centre-referral", "vte.therapeutic-anticoagulation", "trial.strass2",
                "systemic.first-line", "systemic.subsequent-line", "postop.conduit-anticoagulation", "ivc.primary-repair",
                "prognosis.middle-segment-only").doesNotContain("postop.warfarin", "recurrence.systemic-therapy-review");
        assertThat(ids).hasSize(81);
        assertThat(kb.get("thresholds").findValuesAsText("name")).contains("ivc.circumferenceThresholdPct",
                "radiobiology.alphaBetaGy");
        assertThat(kb.get("errata").get(0).asText()).contains("levels 1 and 2");
    }

    @Test
    void rules_in_text_mark_the_assumptions() {
        Run run = Run.of("rules");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("* radiobiology.alphaBetaGy = 4 Gy").contains("  ivc.circumferenceThresholdPct = 75 %");
    }

    @Test
    void synth_writes_valid_deterministic_cases_labelled_synthetic(@TempDir Path dir) throws IOException {
        Run first = Run.of("synth", "--count", "25", "--seed", "9");
        Run again = Run.of("synth", "--count", "25", "--seed", "9");
        assertThat(first.code()).isZero();
        assertThat(first.out()).isEqualTo(again.out());
        String[] lines = first.out().split("\n");
        assertThat(lines).hasSize(25);
        for (String line : lines) {
            Path file = dir.resolve("case.json");
            Files.writeString(file, line);
            assertThat(JSON.readTree(line).get("caseId").asText()).startsWith("SYNTH-9-");
            assertThat(Run.of("validate", file.toString()).code()).isZero();
        }
        assertThat(Run.of("synth", "--count", "0").code()).isEqualTo(2);
    }

    @Test
    void no_command_or_an_unknown_option_is_a_usage_error() {
        assertThat(Run.of().code()).isEqualTo(2);
        Run run = Run.of("plan", SEED, "--colour");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
    }
}
