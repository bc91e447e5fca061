package org.cavaplan.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.PrognosticFactor;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.Response;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.plan.Warning;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.PlanJson;
import org.cavaplan.io.ReadResult;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden clinical vignettes: every folder under {@code src/test/resources/golden} holds a case, the
 * decisive expectations derived by hand from the plan contract, and a snapshot of the whole plan.
 *
 * <p>Run with {@code -Dgolden.update=true} to (re)write the snapshots ({@code expected-plan.json})
 * instead of comparing them; the hand-derived expectations are checked either way. Review a
 * regenerated snapshot clinically before keeping it.
 */
class GoldenCasesTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final String SNAPSHOT = "expected-plan.json";
    private static final int MINIMUM_VIGNETTES = 26;
    private static final Set<String> EXPECTATION_KEYS = Set.of(
            "asOf", "stage", "intent", "ivcLevels", "intracardiacExtension", "ivcInvolvement", "ajccStage",
            "response", "responseValues", "recommendations", "absent", "warnings", "absentWarnings", "concordance",
            "missingData", "parameters", "because", "prognosticFactors", "absentPrognosticFactors");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CaseReader READER = CaseReader.create();
    private static final Engine ENGINE = Engine.create(CavaPlanKnowledge.create());

    static Stream<Named<Path>> vignettes() throws IOException {
        try (Stream<Path> folders = Files.list(GOLDEN)) {
            List<Path> list = folders.filter(p -> Files.isRegularFile(p.resolve("case.json")))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
            return list.stream().map(p -> Named.of(p.getFileName().toString(), p));
        }
    }

    @Test
    void there_are_at_least_26_vignettes_and_the_first_is_the_seed_case() throws IOException {
        List<String> names = vignettes().map(Named::getName).toList();

        assertThat(names).hasSizeGreaterThanOrEqualTo(MINIMUM_VIGNETTES);
        assertThat(names.get(0)).isEqualTo("01-seed-case");
        for (String name : names) {
            assertThat(GOLDEN.resolve(name).resolve("expectations.json")).as(name).isRegularFile();
        }
        String readme = Files.readString(GOLDEN.resolve("README.md"), StandardCharsets.UTF_8);
        assertThat(names).allSatisfy(name -> assertThat(readme).as("README lists " + name).contains("`" + name + "`"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vignettes")
    void each_vignette_is_planned_as_the_contract_says_and_as_its_snapshot_records(Path folder) throws IOException {
        String name = folder.getFileName().toString();
        JsonNode expect = JSON.readTree(read(folder.resolve("expectations.json")));
        Set<String> unknownKeys = new TreeSet<>();
        expect.fieldNames().forEachRemaining(unknownKeys::add);
        unknownKeys.removeAll(EXPECTATION_KEYS);
        assertThat(unknownKeys).as("%s: unknown keys in expectations.json", name).isEmpty();
        Set<String> named = new TreeSet<>();
        expect.path("recommendations").fieldNames().forEachRemaining(named::add);
        expect.path("absent").forEach(n -> named.add(n.asText()));
        expect.path("parameters").fieldNames().forEachRemaining(named::add);
        expect.path("because").fieldNames().forEachRemaining(named::add);
        assertThat(CATALOGUE).as("%s: expectations name only catalogue ids", name).containsAll(named);

        ReadResult read = READER.read(read(folder.resolve("case.json")));
        assertThat(read).as("%s: case.json must be a valid case, got %s", name, read).isInstanceOf(ReadResult.Valid.class);
        Case kase = ((ReadResult.Valid) read).value();
        LocalDate asOf = expect.has("asOf") ? LocalDate.parse(expect.get("asOf").asText()) : kase.latestDate();

        Plan plan = ENGINE.plan(kase, asOf);
        String pretty = PlanJson.writePretty(plan);
        JsonNode actual = JSON.readTree(pretty);

        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(folder.resolve(SNAPSHOT), pretty + "\n", StandardCharsets.UTF_8);
        }

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(plan.asOf()).as("asOf").isEqualTo(asOf);
        invariants(plan, actual, softly);
        expectations(expect, plan, actual, softly);
        if (!Boolean.getBoolean("golden.update")) {
            Path snapshot = folder.resolve(SNAPSHOT);
            if (!Files.isRegularFile(snapshot)) {
                softly.fail("%s has no %s: run the test with -Dgolden.update=true and review it", name, SNAPSHOT);
            } else {
                List<String> differences = new ArrayList<>();
                diff("", JSON.readTree(read(snapshot)), actual, differences);
                softly.assertThat(differences).as("%s: plan differs from %s at", name, SNAPSHOT).isEmpty();
            }
        }
        softly.assertAll();
    }

    /** What holds for every plan, whatever the case. */
    private static void invariants(Plan plan, JsonNode json, SoftAssertions softly) {
        List<String> ids = plan.recommendations().stream().map(Recommendation::id).toList();
        softly.assertThat(ids).as("recommendation ids are unique").doesNotHaveDuplicates();

        List<Recommendation> ordered = plan.recommendations().stream()
                .sorted(Comparator.comparing(Recommendation::phase).thenComparing(Recommendation::id)).toList();
        softly.assertThat(ids).as("recommendations are ordered by phase, then id")
                .containsExactlyElementsOf(ordered.stream().map(Recommendation::id).toList());

        for (JsonNode r : json.get("recommendations")) {
            String id = r.path("id").asText();
            softly.assertThat(r.path("sources").size()).as("%s has sources", id).isPositive();
            for (JsonNode s : r.path("sources")) {
                softly.assertThat(s.path("id").asText()).as("%s source id", id).isNotBlank();
            }
            softly.assertThat(r.path("because").size()).as("%s has a non-empty because", id).isPositive();
            for (JsonNode f : r.path("because")) {
                softly.assertThat(f.path("pointer").asText()).as("%s because pointer", id).startsWith("/");
            }
            String summary = r.path("summary").asText();
            softly.assertThat(summary).as("%s summary", id).isNotBlank();
            softly.assertThat(summary.length()).as("%s summary length", id).isLessThanOrEqualTo(140);
            softly.assertThat(r.path("detail").asText()).as("%s detail", id).isNotBlank();
            boolean conditional = r.path("status").asText().equals(Status.CONDITIONAL.name());
            softly.assertThat(r.has("when")).as("%s has 'when' exactly when CONDITIONAL", id).isEqualTo(conditional);
            if (conditional) {
                softly.assertThat(r.path("when").asText()).as("%s when", id).isNotBlank();
            }
        }
    }

    private static void expectations(JsonNode e, Plan plan, JsonNode json, SoftAssertions softly) {
        if (e.has("stage")) {
            softly.assertThat(plan.stage().name()).as("stage").isEqualTo(e.get("stage").asText());
        }
        if (e.has("intent")) {
            softly.assertThat(plan.intent().name()).as("intent").isEqualTo(e.get("intent").asText());
        }
        if (e.has("ivcLevels")) {
            List<Integer> levels = new ArrayList<>();
            e.get("ivcLevels").forEach(n -> levels.add(n.asInt()));
            softly.assertThat(plan.classification().ivcLevels()).as("ivcLevels").containsExactlyElementsOf(levels);
        }
        if (e.has("intracardiacExtension")) {
            softly.assertThat(plan.classification().intracardiacExtension()).as("intracardiacExtension")
                    .isEqualTo(e.get("intracardiacExtension").asBoolean());
        }
        if (e.has("ivcInvolvement")) {
            softly.assertThat(plan.classification().ivcInvolvement().map(Enum::name)).as("ivcInvolvement")
                    .isEqualTo(optionalText(e.get("ivcInvolvement")));
        }
        if (e.has("ajccStage")) {
            softly.assertThat(plan.classification().ajccStage()).as("ajccStage").isEqualTo(optionalText(e.get("ajccStage")));
        }
        if (e.has("response")) {
            softly.assertThat(plan.response().map(Response::category).map(Enum::name)).as("response category")
                    .isEqualTo(optionalText(e.get("response")));
        }
        e.path("responseValues").properties().forEach(v -> softly.assertThat(sameJson(v.getValue(), json.path("response").path(v.getKey())))
                .as("response.%s: expected %s, actual %s", v.getKey(), v.getValue(), json.path("response").path(v.getKey()))
                .isTrue());

        e.path("recommendations").properties().forEach(r -> softly
                .assertThat(plan.recommendation(r.getKey()).map(x -> x.status().name()))
                .as("status of %s", r.getKey())
                .isEqualTo(Optional.of(r.getValue().asText())));
        e.path("absent").forEach(id -> softly.assertThat(plan.recommendation(id.asText()).map(x -> x.status().name()))
                .as("%s must not be emitted", id.asText()).isEmpty());

        Set<String> warnings = plan.warnings().stream().map(Warning::code).collect(Collectors.toSet());
        e.path("warnings").forEach(w -> softly.assertThat(warnings).as("warnings").contains(w.asText()));
        e.path("absentWarnings").forEach(w -> softly.assertThat(warnings).as("warnings").doesNotContain(w.asText()));

        e.path("concordance").properties().forEach(c -> softly
                .assertThat(plan.concordance().stream().filter(x -> x.id().equals(c.getKey()))
                        .map(Concordance::verdict).map(Enum::name).toList())
                .as("concordance of %s", c.getKey())
                .containsExactly(c.getValue().asText()));

        Set<String> missing = plan.missingData().stream().map(MissingData::pointer).collect(Collectors.toSet());
        e.path("missingData").forEach(m -> softly.assertThat(missing).as("missingData pointers").contains(m.asText()));

        Set<String> factors = plan.prognosticFactors().stream().map(PrognosticFactor::id).collect(Collectors.toSet());
        e.path("prognosticFactors").forEach(p -> softly.assertThat(factors).as("prognosticFactors").contains(p.asText()));
        e.path("absentPrognosticFactors").forEach(p -> softly.assertThat(factors).as("prognosticFactors").doesNotContain(p.asText()));

        e.path("because").properties().forEach(b -> {
            Set<String> cited = plan.recommendation(b.getKey()).stream()
                    .flatMap(r -> r.because().stream()).map(Fact::pointer).collect(Collectors.toSet());
            b.getValue().forEach(p -> softly.assertThat(cited).as("because of %s", b.getKey()).contains(p.asText()));
        });

        e.path("parameters").properties().forEach(byId -> {
            JsonNode parameters = recommendationJson(json, byId.getKey()).path("parameters");
            byId.getValue().properties().forEach(p -> softly.assertThat(sameJson(p.getValue(), parameters.path(p.getKey())))
                    .as("%s parameters.%s: expected %s, actual %s", byId.getKey(), p.getKey(), p.getValue(), parameters.path(p.getKey()))
                    .isTrue());
        });
    }

    private static JsonNode recommendationJson(JsonNode plan, String id) {
        for (JsonNode r : plan.path("recommendations")) {
            if (r.path("id").asText().equals(id)) {
                return r;
            }
        }
        return JSON.missingNode();
    }

    private static Optional<String> optionalText(JsonNode node) {
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    /** JSON equality where numbers compare by value (24 equals 24.0). */
    private static boolean sameJson(JsonNode expected, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        diff("", expected, actual, differences);
        return differences.isEmpty();
    }

    /** Collects the JSON pointers where two trees differ; numbers compare by value. */
    private static void diff(String at, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                out.add(at + ": " + expected + " -> " + actual);
            }
        } else if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String field : names) {
                String pointer = at + "/" + field;
                if (!expected.has(field)) {
                    out.add(pointer + ": added " + actual.get(field));
                } else if (!actual.has(field)) {
                    out.add(pointer + ": removed " + expected.get(field));
                } else {
                    diff(pointer, expected.get(field), actual.get(field), out);
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (isListOfIdentified(expected) && isListOfIdentified(actual) && !sameIds(expected, actual)) {
                out.add(at + ": ids " + ids(expected) + " -> " + ids(actual));
                return;
            }
            int n = Math.max(expected.size(), actual.size());
            for (int i = 0; i < n; i++) {
                if (i >= expected.size()) {
                    out.add(at + "/" + i + ": added " + actual.get(i));
                } else if (i >= actual.size()) {
                    out.add(at + "/" + i + ": removed " + expected.get(i));
                } else {
                    diff(at + "/" + i, expected.get(i), actual.get(i), out);
                }
            }
        } else if (!expected.equals(actual)) {
            out.add((at.isEmpty() ? "/" : at) + ": " + expected + " -> " + actual);
        }
    }

    private static boolean isListOfIdentified(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.has("id")) {
                return false;
            }
        }
        return array.size() > 0;
    }

    private static boolean sameIds(JsonNode a, JsonNode b) {
        return ids(a).equals(ids(b));
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : array) {
            ids.add(item.path("id").asText());
        }
        return ids;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** The recommendation ids of the plan contract's §3, so that a typo in an expectation cannot pass silently. */
    private static final Set<String> CATALOGUE = Set.of(
            "workup.cross-sectional-imaging", "workup.chest-staging", "workup.mri-extent", "workup.doppler-ultrasound",
            "workup.core-biopsy", "workup.venous-duplex", "workup.echocardiography",
            "intent.curative-resection", "intent.palliative-resection",
            "neoadjuvant.radiotherapy", "neoadjuvant.chemotherapy", "neoadjuvant.restaging",
            "neoadjuvant.proceed-to-surgery", "neoadjuvant.progression-review",
            "preop.antibiotics", "preop.mechanical-prophylaxis", "preop.heparin-sc", "preop.urinary-catheter",
            "preop.central-venous-catheter", "preop.arterial-line", "preop.position-supine",
            "preop.position-left-lateral-decubitus", "preop.cardiopulmonary-bypass",
            "op.midline-laparotomy", "op.thoracoabdominal-incision", "op.explore-for-metastases", "op.suprahepatic-control",
            "op.medial-visceral-rotation", "op.right-liver-mobilization", "op.en-bloc-resection", "op.renal-vessel-control",
            "op.left-iliac-vein-control", "op.preserve-collaterals", "op.systemic-heparin", "op.lumbar-vein-control",
            "op.conduit-flushing", "op.cover-conduit",
            "ivc.ligation", "ivc.patch-cavoplasty", "ivc.interposition-graft", "ivc.prosthetic-conduit",
            "ivc.autologous-vein-conduit",
            "postop.aspirin", "postop.warfarin", "postop.graft-infection-watch",
            "adjuvant.radiotherapy", "adjuvant.radiotherapy-boost", "adjuvant.residual-disease-review", "adjuvant.chemotherapy",
            "surveillance.imaging", "surveillance.conduit-patency", "surveillance.conduit-thrombosis-review",
            "recurrence.resection", "recurrence.systemic-therapy-review");
}
