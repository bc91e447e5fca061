package org.cavaplan.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.cavaplan.core.model.Landmark;

/**
 * The checks of the plan contract's §4 that a schema cannot express: real calendar dates, extents
 * in order, dates in order, a conduit consistent with the IVC management, and a few more a careful
 * clinician expects. They read the JSON tree directly and skip any value that is missing or of the
 * wrong type (the schema reports those), so that schema and semantic errors are reported together.
 */
final class SemanticChecks {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Set<String> NO_CONDUIT = Set.of("LIGATION", "NONE", "PRIMARY_REPAIR");

    private final List<InputError> errors = new ArrayList<>();

    private SemanticChecks() {}

    static List<InputError> check(JsonNode root) {
        SemanticChecks c = new SemanticChecks();
        c.run(root);
        return c.errors;
    }

    private void error(String pointer, String message) {
        errors.add(new InputError(pointer, message));
    }

    private void run(JsonNode root) {
        JsonNode imaging = root.path("imaging");
        // An object in place of a list is the schema's error; its size() counts fields, not items.
        for (int i = 0; imaging.isArray() && i < imaging.size(); i++) {
            JsonNode s = imaging.get(i);
            date(s, "date", "/imaging/" + i + "/date");
            Optional<Landmark> cranial = landmark(s.path("cranialExtent"));
            Optional<Landmark> caudal = landmark(s.path("caudalExtent"));
            if (cranial.isPresent() && caudal.isPresent() && cranial.get().isCaudalTo(caudal.get())) {
                error("/imaging/" + i + "/cranialExtent", "the cranial extent (" + cranial.get() + ") lies below the caudal extent ("
                        + caudal.get() + "); landmarks run head to foot");
            }
        }
        Optional<LocalDate> rtEnd = date(root.path("neoadjuvant").path("radiotherapy"), "endDate", "/neoadjuvant/radiotherapy/endDate");
        Optional<LocalDate> chemoEnd = date(root.path("neoadjuvant").path("chemotherapy"), "endDate",
                "/neoadjuvant/chemotherapy/endDate");
        JsonNode operation = root.path("operation");
        Optional<LocalDate> opDate = date(operation, "date", "/operation/date");
        JsonNode outcome = root.path("outcome");
        Optional<LocalDate> lastContact = date(outcome, "lastContactDate", "/outcome/lastContactDate");
        boolean dead = "DEAD".equals(outcome.path("vitalStatus").asText());

        opDate.ifPresent(op -> {
            rtEnd.filter(d -> d.isAfter(op)).ifPresent(d -> error("/neoadjuvant/radiotherapy/endDate",
                    "neoadjuvant radiotherapy ends (" + d + ") after the operation (" + op + ")"));
            chemoEnd.filter(d -> d.isAfter(op)).ifPresent(d -> error("/neoadjuvant/chemotherapy/endDate",
                    "neoadjuvant chemotherapy ends (" + d + ") after the operation (" + op + ")"));
            lastContact.filter(d -> d.isBefore(op)).ifPresent(d -> error("/outcome/lastContactDate",
                    "the last contact (" + d + ") cannot precede the operation (" + op + ")"));
        });
        JsonNode visits = root.path("followUp");
        for (int i = 0; visits.isArray() && i < visits.size(); i++) {
            JsonNode v = visits.get(i);
            String at = "/followUp/" + i + "/";
            Optional<LocalDate> date = date(v, "date", at + "date");
            if (date.isPresent() && opDate.isPresent() && date.get().isBefore(opDate.get())) {
                error(at + "date", "a follow-up visit (" + date.get() + ") cannot precede the operation (" + opDate.get() + ")");
            }
            if (date.isPresent() && dead && lastContact.isPresent() && date.get().isAfter(lastContact.get())) {
                error(at + "date", "a follow-up visit (" + date.get() + ") falls after the date of death (" + lastContact.get() + ")");
            }
            JsonNode sites = v.path("distantMetastases");
            if (v.path("metastasisCount").isIntegralNumber() && v.path("metastasisCount").asInt() > 0 && sites.isArray()
                    && sites.isEmpty()) {
                error(at + "metastasisCount", "metastases are counted but distantMetastases lists no site");
            }
        }

        String management = operation.path("ivcManagement").asText("");
        if (operation.path("conduit").isTextual() && NO_CONDUIT.contains(management)) {
            error("/operation/conduit", "a conduit (" + operation.path("conduit").asText() + ") cannot go with IVC management "
                    + management + "; only a patch or a graft uses one");
        }
        if (operation.has("conduitDiameterMm") && !operation.has("conduit")) {
            error("/operation/conduitDiameterMm", "a conduit diameter is given but no conduit is recorded");
        }
        JsonNode pathology = root.path("pathology");
        if ("R0".equals(pathology.path("margin").asText()) && pathology.path("closestMarginMm").isNumber()
                && pathology.path("closestMarginMm").asDouble() == 0.0) {
            error("/pathology/closestMarginMm", "an R0 margin cannot be 0 mm; tumor at the inked margin is R1");
        }
        if ("ALIVE".equals(outcome.path("vitalStatus").asText()) && outcome.has("causeOfDeath")) {
            error("/outcome/causeOfDeath", "a cause of death is given for a patient recorded as alive");
        }
    }

    private static Optional<Landmark> landmark(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Landmark.valueOf(node.asText()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The date at {@code field}, reporting a string that is not a real YYYY-MM-DD date; empty when absent or not a string. */
    private Optional<LocalDate> date(JsonNode parent, String field, String pointer) {
        JsonNode node = parent.path(field);
        if (!node.isTextual()) {
            return Optional.empty();
        }
        String text = node.asText();
        if (!DATE.matcher(text).matches()) {
            error(pointer, "must be a date written YYYY-MM-DD, not \"" + (text.length() > 30 ? text.substring(0, 27) + "..." : text)
                    + "\"");
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeException e) {
            error(pointer, "\"" + text + "\" is not a real calendar date");
            return Optional.empty();
        }
    }
}
