package org.cavaplan.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.CauseOfDeath;
import org.cavaplan.core.model.Collaterals;
import org.cavaplan.core.model.Conduit;
import org.cavaplan.core.model.ConduitStatus;
import org.cavaplan.core.model.Diagnosis;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.model.Histology;
import org.cavaplan.core.model.HistologySource;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.IntraluminalGrowth;
import org.cavaplan.core.model.IvcInvolvement;
import org.cavaplan.core.model.IvcManagement;
import org.cavaplan.core.model.Landmark;
import org.cavaplan.core.model.Lumen;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.model.Modality;
import org.cavaplan.core.model.Neoadjuvant;
import org.cavaplan.core.model.Operation;
import org.cavaplan.core.model.Organ;
import org.cavaplan.core.model.Outcome;
import org.cavaplan.core.model.Pathology;
import org.cavaplan.core.model.Patient;
import org.cavaplan.core.model.Postoperative;
import org.cavaplan.core.model.Presentation;
import org.cavaplan.core.model.RegionalNodes;
import org.cavaplan.core.model.Sex;
import org.cavaplan.core.model.Site;
import org.cavaplan.core.model.Symptom;
import org.cavaplan.core.model.Antithrombotic;
import org.cavaplan.core.model.VitalStatus;

/**
 * Maps a valid JSON tree to the case records. Types and enumerations were checked by the schema and
 * dates by {@link SemanticChecks}; nothing here can fail on an input that passed both.
 */
final class CaseMapper {

    private CaseMapper() {}

    static Case map(JsonNode root) {
        return new CaseMapper().mapCase(root);
    }

    private Case mapCase(JsonNode root) {
        JsonNode patient = root.get("patient");
        List<ImagingStudy> imaging = new ArrayList<>();
        JsonNode studies = root.get("imaging");
        for (int i = 0; i < studies.size(); i++) {
            imaging.add(study(studies.get(i), i));
        }
        List<FollowUp> followUp = new ArrayList<>();
        JsonNode visits = root.path("followUp");
        for (int i = 0; i < visits.size(); i++) {
            followUp.add(visit(visits.get(i), i));
        }
        return new Case(
                root.get("caseId").asText(),
                new Patient(patient.get("ageYears").asInt(), Sex.valueOf(patient.get("sex").asText()), integer(patient, "ecog"),
                        integer(patient, "asaClass"), number(patient, "lvefPct"), number(patient, "egfrMlMin")),
                section(root, "presentation").map(p -> new Presentation(bool(p, "incidental"), set(p, "symptoms", Symptom.class))),
                section(root, "histology").map(h -> new Histology(Diagnosis.valueOf(h.get("diagnosis").asText()),
                        HistologySource.valueOf(h.get("source").asText()), integer(h, "fnclccGrade"))),
                imaging,
                section(root, "neoadjuvant").map(n -> neoadjuvant(n)),
                section(root, "operation").map(o -> operation(o)),
                section(root, "pathology").map(p -> new Pathology(Margin.valueOf(p.get("margin").asText()),
                        number(p, "closestMarginMm"), integer(p, "fnclccGrade"), number(p, "maxDiameterCm"),
                        number(p, "treatmentEffectPct"), enumValue(p, "regionalNodes", RegionalNodes.class))),
                section(root, "postoperative").map(p -> new Postoperative(set(p, "antithrombotics", Antithrombotic.class),
                        number(p, "adjuvantRadiotherapyGy"), bool(p, "adjuvantChemotherapy"))),
                followUp,
                section(root, "outcome").map(o -> new Outcome(VitalStatus.valueOf(o.get("vitalStatus").asText()),
                        date(o, "lastContactDate", "/outcome/lastContactDate"),
                        enumValue(o, "causeOfDeath", CauseOfDeath.class))));
    }

    private ImagingStudy study(JsonNode s, int i) {
        String at = "/imaging/" + i + "/";
        return new ImagingStudy(i, date(s, "date", at + "date"), Modality.valueOf(s.get("modality").asText()),
                bool(s, "chestIncluded"), doubles(s, "tumorDiametersCm"),
                enumValue(s, "ivcInvolvement", IvcInvolvement.class), enumValue(s, "cranialExtent", Landmark.class),
                enumValue(s, "caudalExtent", Landmark.class), number(s, "ivcCircumferenceInvolvedPct"),
                number(s, "ivcDiameterMm"), enumValue(s, "ivcLumen", Lumen.class),
                enumValue(s, "collaterals", Collaterals.class), enumValue(s, "intraluminalGrowth", IntraluminalGrowth.class),
                bool(s, "hepaticVeinThrombosis"), bool(s, "renalVeinThrombosis"), bool(s, "pulmonaryEmbolism"),
                enumValue(s, "regionalNodes", RegionalNodes.class),
                optionalSet(s, "invadedOrgans", Organ.class), optionalSet(s, "distantMetastases", Site.class));
    }

    private FollowUp visit(JsonNode v, int i) {
        String at = "/followUp/" + i + "/";
        return new FollowUp(i, date(v, "date", at + "date"), integer(v, "ecog"), enumValue(v, "conduit", ConduitStatus.class),
                bool(v, "localRecurrence"), optionalSet(v, "distantMetastases", Site.class), integer(v, "metastasisCount"),
                bool(v, "metastasesResectable"));
    }

    private Neoadjuvant neoadjuvant(JsonNode n) {
        return new Neoadjuvant(
                section(n, "radiotherapy").map(r -> new Neoadjuvant.Radiotherapy(r.get("totalDoseGy").asDouble(),
                        integer(r, "fractions"), optionalDate(r, "endDate", "/neoadjuvant/radiotherapy/endDate"))),
                section(n, "chemotherapy").map(c -> new Neoadjuvant.Chemotherapy(c.get("regimen").asText(),
                        integer(c, "cycles"), optionalDate(c, "endDate", "/neoadjuvant/chemotherapy/endDate"))));
    }

    private Operation operation(JsonNode o) {
        Operation.Findings findings = section(o, "findings").map(f -> new Operation.Findings(bool(f, "liverMetastases"),
                bool(f, "peritonealMetastases"), bool(f, "frozenSectionConfirmedMetastasis"),
                enumValue(f, "ivcLumen", Lumen.class), enumValue(f, "collaterals", Collaterals.class),
                bool(f, "grossContamination"))).orElse(Operation.Findings.none());
        return new Operation(date(o, "date", "/operation/date"), findings, number(o, "circumferenceResectedPct"),
                number(o, "resectedLengthCm"), enumValue(o, "ivcManagement", IvcManagement.class),
                enumValue(o, "conduit", Conduit.class), number(o, "conduitDiameterMm"),
                set(o, "enBlocResections", Organ.class));
    }

    private static Optional<JsonNode> section(JsonNode node, String field) {
        JsonNode child = node.get(field);
        return child == null || child.isNull() ? Optional.empty() : Optional.of(child);
    }

    private static Optional<Integer> integer(JsonNode node, String field) {
        return section(node, field).map(JsonNode::asInt);
    }

    private static Optional<Double> number(JsonNode node, String field) {
        return section(node, field).map(JsonNode::asDouble);
    }

    private static Optional<Boolean> bool(JsonNode node, String field) {
        return section(node, field).map(JsonNode::asBoolean);
    }

    private static <E extends Enum<E>> Optional<E> enumValue(JsonNode node, String field, Class<E> type) {
        return section(node, field).map(v -> Enum.valueOf(type, v.asText()));
    }

    private static List<Double> doubles(JsonNode node, String field) {
        List<Double> list = new ArrayList<>();
        section(node, field).ifPresent(a -> a.forEach(v -> list.add(v.asDouble())));
        return list;
    }

    private static <E extends Enum<E>> Set<E> set(JsonNode node, String field, Class<E> type) {
        return optionalSet(node, field, type).orElse(Set.of());
    }

    private static <E extends Enum<E>> Optional<Set<E>> optionalSet(JsonNode node, String field, Class<E> type) {
        return section(node, field).map(a -> {
            Set<E> set = EnumSet.noneOf(type);
            a.forEach(v -> set.add(Enum.valueOf(type, v.asText())));
            return set;
        });
    }

    private Optional<LocalDate> optionalDate(JsonNode node, String field, String pointer) {
        return section(node, field).map(v -> parse(v.asText(), pointer));
    }

    private LocalDate date(JsonNode node, String field, String pointer) {
        return parse(node.get(field).asText(), pointer);
    }

    private LocalDate parse(String text, String pointer) {
        return LocalDate.parse(text);
    }

}
