package org.cavaplan.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.cavaplan.io.InputError;
import org.cavaplan.registry.CaseSummary;
import org.cavaplan.registry.CaseVersion;
import org.cavaplan.registry.Page;
import org.cavaplan.registry.StoredCase;

/** The JSON bodies of the API. */
final class Json {

    /** Reads no deeper than the project's limit, {@link org.cavaplan.io.Json#MAX_NESTING} levels. */
    static final ObjectMapper MAPPER = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(org.cavaplan.io.Json.MAX_NESTING).build())
            .build());

    private Json() {
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode problem(Problem p) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", p.type());
        node.put("title", p.title());
        node.put("status", p.status());
        node.put("detail", p.detail());
        ArrayNode errors = node.putArray("errors");
        for (InputError e : p.errors()) {
            errors.addObject().put("pointer", e.pointer()).put("message", e.message());
        }
        if (!p.warnings().isEmpty()) {
            ArrayNode warnings = node.putArray("warnings");
            p.warnings().forEach(w -> warnings.addObject().put("pointer", w.pointer()).put("message", w.message()));
        }
        p.members().forEach((name, value) -> node.set(name, MAPPER.valueToTree(value)));
        return node;
    }

    /** A stored version's JSON with the plausibility warnings its writer confirmed, when there were any. */
    static ObjectNode confirmed(ObjectNode version, List<InputError> warnings) {
        if (!warnings.isEmpty()) {
            ArrayNode list = version.putArray("confirmedWarnings");
            warnings.forEach(w -> list.addObject().put("pointer", w.pointer()).put("message", w.message()));
        }
        return version;
    }

    static ObjectNode version(CaseVersion v) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("caseId", v.caseId());
        node.put("version", v.version());
        node.put("change", v.change().name());
        node.put("recordedAt", v.recordedAt().toString());
        node.put("author", v.author());
        node.put("origin", v.origin());
        node.put("reason", v.reason());
        node.put("retired", v.retired());
        node.put("synthetic", v.synthetic());
        node.put("contentSha256", v.contentSha256());
        return node;
    }

    static ObjectNode stored(StoredCase stored) {
        ObjectNode node = MAPPER.createObjectNode();
        node.set("version", version(stored.version()));
        node.set("case", parse(stored.json()));
        return node;
    }

    static ObjectNode history(String caseId, List<CaseVersion> versions) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("caseId", caseId);
        ArrayNode array = node.putArray("versions");
        versions.forEach(v -> array.add(version(v)));
        return node;
    }

    static ObjectNode page(Page page) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode array = node.putArray("cases");
        page.cases().forEach(c -> array.add(summary(c)));
        if (page.nextAfter().isPresent()) {
            node.put("nextCursor", page.nextAfter().get());
        } else {
            node.putNull("nextCursor");
        }
        return node;
    }

    private static ObjectNode summary(CaseSummary c) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("caseId", c.caseId());
        node.put("version", c.version());
        node.put("recordedAt", c.recordedAt().toString());
        node.put("retired", c.retired());
        node.put("synthetic", c.synthetic());
        ArrayNode levels = node.putArray("ivcLevels");
        c.ivcLevels().forEach(levels::add);
        node.put("stage", c.stage().name());
        node.put("intent", c.intent().name());
        putOptional(node, "margin", c.margin().map(Enum::name));
        putOptional(node, "grade", c.grade());
        putOptional(node, "sizeCm", c.sizeCm());
        putOptional(node, "operationDate", c.operationDate().map(Object::toString));
        putOptional(node, "vitalStatus", c.vitalStatus().map(Enum::name));
        putOptional(node, "followUpDays", c.followUpDays());
        return node;
    }

    private static void putOptional(ObjectNode node, String field, Optional<?> value) {
        if (value.isEmpty()) {
            node.putNull(field);
        } else if (value.get() instanceof Integer i) {
            node.put(field, i);
        } else if (value.get() instanceof Double d) {
            node.put(field, d);
        } else {
            node.put(field, value.get().toString());
        }
    }
}
