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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.DiseaseStatus;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.PrognosticFactor;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.RedFlag;
import org.cavaplan.core.plan.Response;
import org.cavaplan.core.plan.Stage;
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
 * Golden clinical vignettes: every folder under {@code src/test/resources/golden} holds a case and the
 * decisive expectations derived by hand from the plan contract (v2), and may hold a snapshot of the
 * whole plan ({@code expected-plan.json}).
 *
 * <p>The hand-derived expectations and the invariants of every plan are always checked. The snapshot
 * is compared when it exists and skipped when it does not; run with {@code -Dgolden.update=true} to
 * (re)write the snapshots instead of comparing them, then review each one clinically before keeping it.
 */
class GoldenCasesTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final String SNAPSHOT = "expected-plan.json";
    private static final int MINIMUM_VIGNETTES = 59;
    private static final Set<String> EXPECTATION_KEYS = Set.of(
            "asOf", "assumptions", "stage", "intent", "diseaseStatus", "ivcLevels", "intracardiacExtension", "ivcInvolvement",
            "ajccStage", "ajccPathologicalStage", "keyDecisions", "redFlags", "changedAssumptions", "response",
            "responseValues", "recommendations", "absent", "warnings", "absentWarnings", "concordance", "missingData",
            "parameters", "because", "prognosticFactors", "absentPrognosticFactors");
    /** §1.1: the NOT_RECOMMENDED rows that are still key decisions, because the advice against is the decision. */
    private static final Set<String> KEY_WHEN_ADVISED_AGAINST = Set.of("adjuvant.radiotherapy", "neoadjuvant.radiotherapy",
            "intent.palliative-resection");
    private static final int MAX_KEY_DECISIONS = 10;
    /** §3 stage rule: phases whose rows are emitted only before the operation. */
    private static final Set<Phase> BEFORE_OPERATION_ONLY = Set.of(Phase.WORKUP, Phase.NEOADJUVANT, Phase.PREOPERATIVE,
            Phase.OPERATIVE, Phase.IVC_MANAGEMENT);

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
    void there_are_at_least_59_vignettes_each_listed_in_the_readme_and_the_first_is_the_seed_case() throws IOException {
        List<String> names = vignettes().map(Named::getName).toList();

        assertThat(names).hasSizeGreaterThanOrEqualTo(MINIMUM_VIGNETTES);
        assertThat(names.get(0)).isEqualTo("01-seed-case");
        for (String name : names) {
            assertThat(GOLDEN.resolve(name).resolve("expectations.json")).as(name).isRegularFile();
        }
        String readme = Files.readString(GOLDEN.resolve("README.md"), StandardCharsets.UTF_8);
        assertThat(names).allSatisfy(name -> assertThat(readme).as("README lists " + name).contains("`" + name + "`"));
    }

    @Test
    void the_catalogue_of_this_test_lists_every_phase_in_the_order_of_the_contract() {
        List<Phase> phases = CATALOGUE.values().stream().distinct().sorted().toList();
        assertThat(phases).containsExactly(Phase.values());
        assertThat(CATALOGUE.keySet()).containsAll(KEY_ROWS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vignettes")
    void each_vignette_is_planned_as_the_contract_says(Path folder) throws IOException {
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
        expect.path("concordance").fieldNames().forEachRemaining(named::add);
        expect.path("keyDecisions").forEach(n -> named.add(n.asText()));
        assertThat(CATALOGUE.keySet()).as("%s: expectations name only catalogue ids", name).containsAll(named);
        List<String> keys = new ArrayList<>();
        expect.path("keyDecisions").forEach(n -> keys.add(n.asText()));
        assertThat(KEY_ROWS).as("%s: keyDecisions name only rows marked K", name).containsAll(keys);

        ReadResult read = READER.read(read(folder.resolve("case.json")));
        assertThat(read).as("%s: case.json must be a valid case, got %s", name, read).isInstanceOf(ReadResult.Valid.class);
        Case kase = ((ReadResult.Valid) read).value();
        LocalDate asOf = expect.has("asOf") ? LocalDate.parse(expect.get("asOf").asText()) : kase.latestDate();

        Plan plan = engine(expect.path("assumptions")).plan(kase, asOf);
        String pretty = PlanJson.writePretty(plan);
        JsonNode actual = JSON.readTree(pretty);

        boolean update = Boolean.getBoolean("golden.update");
        if (update) {
            Files.writeString(folder.resolve(SNAPSHOT), pretty + "\n", StandardCharsets.UTF_8);
        }

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(plan.asOf()).as("asOf").isEqualTo(asOf);
        invariants(plan, actual, softly);
        if (!expect.has("assumptions")) {
            softly.assertThat(actual.path("knowledgeBase").path("changedAssumptions").size())
                    .as("changedAssumptions is {} with the published defaults").isZero();
        }
        expectations(expect, plan, actual, softly);
        Path snapshot = folder.resolve(SNAPSHOT);
        if (!update && Files.isRegularFile(snapshot)) {
            List<String> differences = new ArrayList<>();
            diff("", JSON.readTree(read(snapshot)), actual, differences);
            softly.assertThat(differences).as("%s: plan differs from %s at", name, SNAPSHOT).isEmpty();
        }
        softly.assertAll();
    }

    /** The engine with the published thresholds, or with the assumptions a vignette changes (a center's configuration). */
    private static Engine engine(JsonNode assumptions) {
        if (assumptions.isMissingNode() || assumptions.isEmpty()) {
            return ENGINE;
        }
        Settings settings = Settings.defaults();
        for (Map.Entry<String, JsonNode> a : assumptions.properties()) {
            settings = settings.with(a.getKey(), a.getValue().asDouble());
        }
        return Engine.create(CavaPlanKnowledge.create(settings));
    }

    /** What holds for every plan, whatever the case (plan contract v2, §1, §1.1, §3). */
    private static void invariants(Plan plan, JsonNode json, SoftAssertions softly) {
        List<String> ids = plan.recommendations().stream().map(Recommendation::id).toList();
        softly.assertThat(ids).as("recommendation ids are unique").doesNotHaveDuplicates();
        softly.assertThat(ids.stream().filter(id -> !CATALOGUE.containsKey(id)).toList()).as("recommendations outside the catalogue")
                .isEmpty();

        for (Recommendation r : plan.recommendations()) {
            Phase phase = CATALOGUE.get(r.id());
            if (phase != null) {
                softly.assertThat(r.phase()).as("phase of %s", r.id()).isEqualTo(phase);
            }
        }
        List<String> catalogueOrder = new ArrayList<>(CATALOGUE.keySet());
        List<String> ordered = plan.recommendations().stream()
                .sorted(Comparator.comparing(Recommendation::phase)
                        .thenComparing(r -> catalogueOrder.indexOf(r.id())))
                .map(Recommendation::id).toList();
        softly.assertThat(ids).as("recommendations are ordered by phase, then by the catalogue's row order")
                .containsExactlyElementsOf(ordered);

        if (plan.stage() == Stage.POSTOPERATIVE || plan.stage() == Stage.FOLLOW_UP) {
            softly.assertThat(plan.recommendations().stream().filter(r -> BEFORE_OPERATION_ONLY.contains(r.phase()))
                    .map(Recommendation::id).toList())
                    .as("after the operation nothing of work-up, neoadjuvant, preoperative, operative or IVC phases is re-issued")
                    .isEmpty();
        }
        if (plan.diseaseStatus() == DiseaseStatus.PERSISTENT) {
            softly.assertThat(ids).as("no resection of a recurrence while the disease persists").doesNotContain("recurrence.resection");
        }

        List<String> flags = plan.redFlags().stream().map(RedFlag::code).toList();
        softly.assertThat(flags.stream().filter(code -> !RED_FLAG_CODES.contains(code)).toList()).as("red flags outside §1.1")
                .isEmpty();
        if (flags.contains("DECEASED")) {
            softly.assertThat(ids).as("a deceased patient gets no recommendation at all").isEmpty();
        }
        boolean contraindicated = plan.recommendations().stream().anyMatch(r -> r.status() == Status.CONTRAINDICATED);
        softly.assertThat(flags.contains("CONTRAINDICATION")).as("CONTRAINDICATION flag exactly when a row is CONTRAINDICATED")
                .isEqualTo(contraindicated);

        softly.assertThat(plan.keyDecisions().stream().map(KeyDecision::id).toList())
                .as("keyDecisions are the K rows as §1.1 and §7.1 select them").containsExactlyElementsOf(keyDecisions(plan));
        softly.assertThat(plan.keyDecisions().size()).as("at most %d key decisions", MAX_KEY_DECISIONS)
                .isLessThanOrEqualTo(MAX_KEY_DECISIONS);
        for (KeyDecision k : plan.keyDecisions()) {
            Optional<Recommendation> r = plan.recommendation(k.id());
            softly.assertThat(r.map(Recommendation::status)).as("key decision %s has its recommendation's status", k.id())
                    .contains(k.status());
            softly.assertThat(r.map(Recommendation::summary)).as("key decision %s has its recommendation's summary", k.id())
                    .contains(k.summary());
        }

        for (JsonNode r : json.get("recommendations")) {
            String id = r.path("id").asText();
            softly.assertThat(r.path("sources").size()).as("%s has sources", id).isPositive();
            for (JsonNode s : r.path("sources")) {
                softly.assertThat(s.path("id").asText()).as("%s source id", id).isNotBlank();
            }
            softly.assertThat(r.path("because").size()).as("%s has a non-empty because", id).isPositive();
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
        for (String list : List.of("recommendations", "redFlags", "concordance", "prognosticFactors")) {
            for (JsonNode item : json.path(list)) {
                String owner = list + " " + item.path(item.has("id") ? "id" : "code").asText();
                for (JsonNode f : item.path("because")) {
                    labelled(owner, f, softly);
                }
            }
        }
    }

    /** §1 v2 labels: every fact carries the field's clinical name and the value in words, never "pointer = value". */
    private static void labelled(String owner, JsonNode fact, SoftAssertions softly) {
        String pointer = fact.path("pointer").asText();
        String label = fact.path("label").asText();
        softly.assertThat(pointer).as("%s because pointer", owner).startsWith("/");
        softly.assertThat(label).as("%s label of %s", owner, pointer).isNotBlank();
        softly.assertThat(label.startsWith("/") || label.startsWith(pointer + " =") || label.matches("/\\S* = .*"))
                .as("%s label of %s is in words, not 'pointer = value': %s", owner, pointer, label).isFalse();
    }

    /**
     * The key decisions §1.1 and §7.1 derive from a plan's recommendations: the K rows not advised
     * against (but for the three whose advice against is the decision), {@code intent.*} first, then in
     * the plan's order; at most ten, dropped from the end but never an {@code intent.*}, {@code ivc.*} or
     * {@code systemic.*} row.
     */
    static List<String> keyDecisions(Plan plan) {
        List<String> intent = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (Recommendation r : plan.recommendations()) {
            if (!KEY_ROWS.contains(r.id())
                    || (r.status() == Status.NOT_RECOMMENDED && !KEY_WHEN_ADVISED_AGAINST.contains(r.id()))) {
                continue;
            }
            (r.id().startsWith("intent.") ? intent : rest).add(r.id());
        }
        List<String> all = new ArrayList<>(intent);
        all.addAll(rest);
        for (int i = all.size() - 1; i >= 0 && all.size() > MAX_KEY_DECISIONS; i--) {
            String id = all.get(i);
            if (!(id.startsWith("intent.") || id.startsWith("ivc.") || id.startsWith("systemic."))) {
                all.remove(i);
            }
        }
        return all;
    }

    private static void expectations(JsonNode e, Plan plan, JsonNode json, SoftAssertions softly) {
        if (e.has("stage")) {
            softly.assertThat(plan.stage().name()).as("stage").isEqualTo(e.get("stage").asText());
        }
        if (e.has("intent")) {
            softly.assertThat(plan.intent().name()).as("intent").isEqualTo(e.get("intent").asText());
        }
        if (e.has("diseaseStatus")) {
            softly.assertThat(plan.diseaseStatus().name()).as("diseaseStatus").isEqualTo(e.get("diseaseStatus").asText());
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
            softly.assertThat(plan.classification().ajccStage()).as("ajccStage (clinical)").isEqualTo(optionalText(e.get("ajccStage")));
        }
        if (e.has("ajccPathologicalStage")) {
            softly.assertThat(plan.classification().ajccPathologicalStage()).as("ajccPathologicalStage")
                    .isEqualTo(optionalText(e.get("ajccPathologicalStage")));
        }
        if (e.has("keyDecisions")) {
            List<String> expected = new ArrayList<>();
            e.get("keyDecisions").forEach(n -> expected.add(n.asText()));
            softly.assertThat(plan.keyDecisions().stream().map(KeyDecision::id).toList()).as("keyDecisions")
                    .containsExactlyElementsOf(expected);
        }
        if (e.has("redFlags")) {
            Set<String> expected = new TreeSet<>();
            e.get("redFlags").forEach(n -> expected.add(n.asText()));
            Set<String> actual = new TreeSet<>(plan.redFlags().stream().map(RedFlag::code).toList());
            softly.assertThat(actual).as("redFlags").isEqualTo(expected);
        }
        if (e.has("changedAssumptions")) {
            JsonNode changed = json.path("knowledgeBase").path("changedAssumptions");
            softly.assertThat(sameJson(e.get("changedAssumptions"), changed))
                    .as("changedAssumptions: expected %s, actual %s", e.get("changedAssumptions"), changed).isTrue();
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

    /** The red flag codes of §1.1. */
    private static final Set<String> RED_FLAG_CODES = Set.of("DECEASED", "CONTRAINDICATION", "METASTATIC", "PROGRESSION",
            "RECURRENCE", "PERSISTENT_DISEASE", "VENOUS_THROMBOEMBOLISM", "POOR_PERFORMANCE", "INTRACARDIAC",
            "CONDUIT_THROMBOSIS", "AORTIC_INVASION", "NOT_LEIOMYOSARCOMA");

    /** The rows marked K in §3 of the plan contract (v2). */
    private static final Set<String> KEY_ROWS = Set.of(
            "workup.sarcoma-centre-referral", "workup.core-biopsy", "intent.curative-resection", "intent.palliative-resection",
            "vte.therapeutic-anticoagulation", "neoadjuvant.chemotherapy", "neoadjuvant.radiotherapy",
            "neoadjuvant.proceed-to-surgery", "neoadjuvant.progression-review", "op.en-bloc-resection", "ivc.ligation",
            "ivc.interposition-graft", "adjuvant.radiotherapy", "adjuvant.residual-disease-review", "systemic.first-line",
            "systemic.subsequent-line", "surveillance.imaging", "surveillance.conduit-thrombosis-review", "recurrence.resection");

    /**
     * The recommendation ids of the plan contract's §3 (v2) with their phase, in the catalogue's row order, so that a typo
     * in an expectation cannot pass silently and the plan's order can be checked.
     */
    private static final Map<String, Phase> CATALOGUE = catalogue(
            Phase.WORKUP, List.of("workup.sarcoma-centre-referral", "workup.core-biopsy", "workup.cross-sectional-imaging",
                    "workup.chest-staging", "workup.mri-extent", "workup.fitness-assessment", "workup.echocardiography",
                    "workup.renal-function", "workup.liver-assessment", "workup.doppler-ultrasound", "workup.venous-duplex"),
            Phase.OPERATIVE, List.of("intent.curative-resection", "intent.palliative-resection"),
            Phase.SUPPORTIVE, List.of("vte.therapeutic-anticoagulation"),
            Phase.NEOADJUVANT, List.of("neoadjuvant.chemotherapy", "trial.strass2", "neoadjuvant.radiotherapy",
                    "neoadjuvant.restaging", "neoadjuvant.proceed-to-surgery", "neoadjuvant.progression-review"),
            Phase.PREOPERATIVE, List.of("preop.anticoagulation-plan", "preop.antibiotics", "preop.mechanical-prophylaxis",
                    "preop.heparin-sc", "preop.cardiac-team", "preop.cardiopulmonary-bypass", "preop.transesophageal-echo",
                    "preop.position-supine", "preop.position-left-lateral-decubitus", "preop.central-venous-catheter",
                    "preop.arterial-line", "preop.urinary-catheter"),
            Phase.OPERATIVE, List.of("op.en-bloc-resection", "op.sternotomy-laparotomy", "op.thoracoabdominal-incision",
                    "op.midline-laparotomy", "op.explore-for-metastases", "op.hepatic-vascular-exclusion", "op.suprahepatic-control",
                    "op.right-liver-mobilization", "op.medial-visceral-rotation", "op.renal-vessel-control",
                    "op.left-iliac-vein-control", "op.preserve-collaterals", "op.systemic-heparin", "op.lumbar-vein-control",
                    "op.conduit-flushing", "op.cover-conduit"),
            Phase.IVC_MANAGEMENT, List.of("ivc.ligation", "ivc.primary-repair", "ivc.patch-cavoplasty", "ivc.interposition-graft",
                    "ivc.renal-vein-management", "ivc.prosthetic-conduit", "ivc.autologous-vein-conduit"),
            Phase.POSTOPERATIVE, List.of("postop.extended-vte-prophylaxis", "postop.aspirin", "postop.conduit-anticoagulation",
                    "postop.ligation-leg-care", "postop.graft-infection-watch"),
            Phase.ADJUVANT, List.of("adjuvant.radiotherapy", "adjuvant.radiotherapy-boost", "adjuvant.residual-disease-review",
                    "adjuvant.chemotherapy"),
            Phase.SYSTEMIC, List.of("systemic.first-line", "systemic.subsequent-line", "systemic.palliative-care",
                    "systemic.response-imaging"),
            Phase.SURVEILLANCE, List.of("surveillance.imaging", "surveillance.conduit-patency",
                    "surveillance.conduit-thrombosis-review"),
            Phase.RECURRENCE, List.of("recurrence.restaging", "recurrence.resection"));

    private static Map<String, Phase> catalogue(Object... phasesAndRows) {
        Map<String, Phase> map = new LinkedHashMap<>();
        for (int i = 0; i < phasesAndRows.length; i += 2) {
            Phase phase = (Phase) phasesAndRows[i];
            for (Object id : (List<?>) phasesAndRows[i + 1]) {
                map.put((String) id, phase);
            }
        }
        return map;
    }
}
