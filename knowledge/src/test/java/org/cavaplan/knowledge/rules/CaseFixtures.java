package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.plan.Verdict;
import org.cavaplan.core.plan.Warning;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.ReadResult;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.cavaplan.knowledge.Settings;

/**
 * Small valid cases to vary one fact at a time. A fixture is a JSON tree edited through JSON pointers:
 * {@code pretreatment().with("/imaging/0/ivcLumen", "OCCLUDED").plan()}. A pointer whose last step is
 * the length of an array appends to it; missing objects on the way are created.
 */
final class CaseFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CaseReader READER = CaseReader.create();
    private static final Engine ENGINE = Engine.create(CavaPlanKnowledge.create());
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** The operation date of {@link #operated()}. */
    static final String OPERATION_DATE = "2020-03-02";

    private static final String PRETREATMENT = """
            {
              "schemaVersion": "1",
              "caseId": "fixture",
              "patient": { "ageYears": 60, "sex": "FEMALE" },
              "histology": { "diagnosis": "LEIOMYOSARCOMA", "source": "CORE_NEEDLE_BIOPSY" },
              "imaging": [
                { "date": "2020-01-10", "modality": "CT", "chestIncluded": true, "tumorDiametersCm": [6.0],
                  "ivcInvolvement": "WALL", "cranialExtent": "INFRARENAL", "caudalExtent": "INFRARENAL",
                  "ivcLumen": "NARROWED", "distantMetastases": [] }
              ]
            }
            """;

    /** The contract's example case (shared/examples/seed-case.json), kept here so the tests stand alone. */
    private static final String SEED = """
            {
              "schemaVersion": "1",
              "caseId": "seed-case-report",
              "patient": { "ageYears": 62, "sex": "FEMALE" },
              "presentation": { "incidental": true, "symptoms": ["BACK_PAIN"] },
              "histology": { "diagnosis": "LEIOMYOSARCOMA", "source": "CORE_NEEDLE_BIOPSY" },
              "imaging": [
                { "date": "2013-01-07", "modality": "MRI", "tumorDiametersCm": [5.0] },
                { "date": "2013-01-15", "modality": "CT", "chestIncluded": false,
                  "tumorDiametersCm": [4.6, 4.1, 4.4],
                  "ivcInvolvement": "WALL", "cranialExtent": "INFRARENAL", "caudalExtent": "INFRARENAL",
                  "distantMetastases": [] },
                { "date": "2013-04-12", "modality": "MRI",
                  "tumorDiametersCm": [5.5, 3.3, 3.4],
                  "ivcInvolvement": "WALL", "cranialExtent": "INFRARENAL", "caudalExtent": "INFRARENAL",
                  "ivcLumen": "NARROWED", "invadedOrgans": [] }
              ],
              "neoadjuvant": { "radiotherapy": { "totalDoseGy": 55, "endDate": "2013-03-15" } },
              "operation": {
                "date": "2013-05-06",
                "circumferenceResectedPct": 100,
                "ivcManagement": "INTERPOSITION_GRAFT",
                "conduit": "RINGED_PTFE"
              },
              "pathology": { "margin": "R0", "closestMarginMm": 1, "treatmentEffectPct": 75 },
              "postoperative": { "antithrombotics": ["HEPARIN_INFUSION", "WARFARIN", "ASPIRIN"] },
              "followUp": [
                { "date": "2014-05-05", "conduit": "PATENT", "localRecurrence": false, "distantMetastases": [] },
                { "date": "2014-07-07", "conduit": "PARTIAL_THROMBOSIS", "localRecurrence": false,
                  "distantMetastases": ["LUNG"], "metastasesResectable": false }
              ],
              "outcome": { "vitalStatus": "ALIVE", "lastContactDate": "2014-07-07" }
            }
            """;

    private final ObjectNode root;

    private CaseFixtures(ObjectNode root) {
        this.root = root;
    }

    /**
     * Before any treatment, curative intent (staged, no metastases): one chest-abdomen CT on 2020-01-10,
     * a 6 cm leiomyosarcoma on core biopsy, IVC wall involved at level 1 only (infrarenal), lumen narrowed.
     */
    static CaseFixtures pretreatment() {
        return parse(PRETREATMENT);
    }

    /** The seed case of the contract: a graft after neoadjuvant RT, then thrombosis and a lung metastasis. */
    static CaseFixtures seed() {
        return parse(SEED);
    }

    private static CaseFixtures parse(String json) {
        try {
            return new CaseFixtures((ObjectNode) JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #pretreatment()} operated on 2020-03-02 with a lower-risk pathology: R0 at 12 mm, grade 1, 6 cm. */
    static CaseFixtures operated() {
        return pretreatment()
                .with("/operation/date", OPERATION_DATE)
                .withJson("/pathology", """
                        { "margin": "R0", "closestMarginMm": 12, "fnclccGrade": 1, "maxDiameterCm": 6.0 }""");
    }

    /** Sets a value (text, number, boolean or list) at a JSON pointer. */
    CaseFixtures with(String pointer, Object value) {
        return put(pointer, JSON.valueToTree(value));
    }

    /** Sets a JSON fragment at a JSON pointer. */
    CaseFixtures withJson(String pointer, String json) {
        try {
            return put(pointer, JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad JSON fragment for " + pointer, e);
        }
    }

    /** Appends a JSON fragment to the array at a JSON pointer. */
    CaseFixtures add(String arrayPointer, String json) {
        JsonNode array = root.at(arrayPointer);
        return withJson(arrayPointer + "/" + (array.isArray() ? array.size() : 0), json);
    }

    /** Removes the member at a JSON pointer. */
    CaseFixtures without(String pointer) {
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1);
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(last));
        }
        return this;
    }

    private CaseFixtures put(String pointer, JsonNode value) {
        String[] steps = pointer.substring(1).split("/");
        JsonNode node = root;
        for (int i = 0; i < steps.length - 1; i++) {
            boolean nextIsIndex = steps[i + 1].chars().allMatch(Character::isDigit);
            node = child(node, steps[i], nextIsIndex);
        }
        String last = steps[steps.length - 1];
        if (node instanceof ArrayNode array) {
            int index = Integer.parseInt(last);
            if (index == array.size()) {
                array.add(value);
            } else {
                array.set(index, value);
            }
        } else {
            ((ObjectNode) node).set(last, value);
        }
        return this;
    }

    private static JsonNode child(JsonNode parent, String step, boolean array) {
        if (parent instanceof ArrayNode list) {
            int index = Integer.parseInt(step);
            if (index == list.size()) {
                return array ? list.addArray() : list.addObject();
            }
            return list.get(index);
        }
        ObjectNode object = (ObjectNode) parent;
        JsonNode existing = object.get(step);
        if (existing != null) {
            return existing;
        }
        return array ? object.putArray(step) : object.putObject(step);
    }

    /** The case as the reader accepts it; fails the test when the fixture is not a valid case. */
    Case kase() {
        ReadResult result = READER.read(root.toString());
        if (result instanceof ReadResult.Valid valid) {
            return valid.value();
        }
        return fail("fixture is not a valid case: " + result + "\n" + root.toPrettyString());
    }

    /** What the reader says about this fixture, valid or not. */
    ReadResult read() {
        return READER.read(root.toString());
    }

    /** The plan as of the latest date found in the case (the CLI's default). */
    Plan plan() {
        return plan(latestDate());
    }

    Plan plan(LocalDate asOf) {
        return ENGINE.plan(kase(), asOf);
    }

    Plan plan(Settings settings) {
        return plan(settings, latestDate());
    }

    Plan plan(Settings settings, LocalDate asOf) {
        return Engine.create(CavaPlanKnowledge.create(settings)).plan(kase(), asOf);
    }

    private LocalDate latestDate() {
        List<LocalDate> dates = new ArrayList<>();
        collectDates(root, dates);
        return dates.stream().max(LocalDate::compareTo).orElseThrow();
    }

    private static void collectDates(JsonNode node, List<LocalDate> into) {
        if (node.isTextual() && ISO_DATE.matcher(node.asText()).matches()) {
            into.add(LocalDate.parse(node.asText()));
        }
        node.forEach(child -> collectDates(child, into));
    }

    // ---- reading plans -------------------------------------------------------------------------

    /** The recommendation with this id; fails the test, naming the ids present, when there is none. */
    static Recommendation rec(Plan plan, String id) {
        return plan.recommendation(id).orElseGet(() -> fail(id + " is missing; the plan has "
                + plan.recommendations().stream().map(r -> r.id() + "=" + r.status()).toList()));
    }

    static Optional<Status> statusOf(Plan plan, String id) {
        return plan.recommendation(id).map(Recommendation::status);
    }

    static Optional<Verdict> verdictOf(Plan plan, String id) {
        return plan.concordance().stream().filter(c -> c.id().equals(id)).map(Concordance::verdict).findFirst();
    }

    static List<String> warningCodes(Plan plan) {
        return plan.warnings().stream().map(Warning::code).toList();
    }

    static List<String> pointersRead(Recommendation r) {
        return r.because().stream().map(f -> f.pointer()).toList();
    }

    static List<String> missingPointers(Plan plan) {
        return plan.missingData().stream().map(m -> m.pointer()).toList();
    }

    static List<String> updateSources(Recommendation r) {
        return r.evidenceUpdates().stream().map(u -> u.source()).toList();
    }

    /** A number inside a nested parameter map, e.g. {@code number(r.parameters().get("priorRadiotherapy"), "eqd2Gy")}. */
    static double number(Object map, String key) {
        assertThat(map).isInstanceOf(Map.class);
        Object value = ((Map<?, ?>) map).get(key);
        assertThat(value).as(key).isInstanceOf(Number.class);
        return ((Number) value).doubleValue();
    }
}
