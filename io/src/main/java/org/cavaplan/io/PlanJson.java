package org.cavaplan.io;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import com.fasterxml.jackson.core.io.SerializedString;
import org.cavaplan.core.plan.Classification;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.EvidenceUpdate;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.PrognosticFactor;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.Response;
import org.cavaplan.core.plan.SourceRef;
import org.cavaplan.core.plan.Warning;

/** Writes a plan as the JSON of the plan contract's §1, field by field in the contract's order. Stateless. */
public final class PlanJson {

    /**
     * Serialised (quoted, escaped, UTF-8) forms of the strings plans repeat: field names, and the
     * knowledge base's summaries, details, sources and pointers. Bounded; strings seen after it is
     * full are escaped as usual. Writing a plan is most of the cost of {@code plan-batch}.
     */
    private static final ConcurrentHashMap<String, SerializedString> SERIALIZED = new ConcurrentHashMap<>();
    private static final int MAX_SERIALIZED = 16_384;
    private static final int MAX_SERIALIZED_LENGTH = 2_000;

    private PlanJson() {}

    private static SerializedString serialized(String s) {
        SerializedString found = SERIALIZED.get(s);
        if (found == null && s.length() <= MAX_SERIALIZED_LENGTH && SERIALIZED.size() < MAX_SERIALIZED) {
            found = new SerializedString(s);
            SERIALIZED.putIfAbsent(s, found);
        }
        return found;
    }

    static void name(JsonGenerator g, String name) throws IOException {
        SerializedString s = serialized(name);
        if (s == null) {
            g.writeFieldName(name);
        } else {
            g.writeFieldName(s);
        }
    }

    /** A text the knowledge base repeats from plan to plan (summaries, details, sources, evidence). */
    static void constant(JsonGenerator g, String name, String value) throws IOException {
        name(g, name);
        SerializedString s = serialized(value);
        if (s == null) {
            g.writeString(value);
        } else {
            g.writeString(s);
        }
    }

    /** A value that differs from case to case (pointers, dates, identifiers): escaped as usual. */
    static void text(JsonGenerator g, String value) throws IOException {
        g.writeString(value);
    }

    static void text(JsonGenerator g, String name, String value) throws IOException {
        name(g, name);
        g.writeString(value);
    }

    /** The plan as one line of JSON. */
    public static String write(Plan plan) {
        StringWriter out = new StringWriter(4096);
        write(plan, out, false);
        return out.toString();
    }

    /** The plan as indented JSON. */
    public static String writePretty(Plan plan) {
        StringWriter out = new StringWriter(8192);
        write(plan, out, true);
        return out.toString();
    }

    /** Writes the plan to {@code out} (not closed). */
    public static void write(Plan plan, Writer out, boolean pretty) {
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            write(plan, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the plan as one JSON object into a generator. */
    public static void write(Plan plan, JsonGenerator g) throws IOException {
        g.writeStartObject();
        text(g, "caseId", plan.caseId());
        text(g, "asOf", plan.asOf().toString());
        text(g, "stage", plan.stage().name());
        text(g, "intent", plan.intent().name());
        classification(plan.classification(), g);
        name(g, "response");
        response(plan.response(), g);
        g.writeArrayFieldStart("recommendations");
        for (Recommendation r : plan.recommendations()) {
            recommendation(r, g);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("concordance");
        for (Concordance c : plan.concordance()) {
            g.writeStartObject();
            text(g, "id", c.id());
            constant(g, "verdict", c.verdict().name());
            constant(g, "note", c.note());
            facts("because", c.because(), g);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("prognosticFactors");
        for (PrognosticFactor p : plan.prognosticFactors()) {
            g.writeStartObject();
            text(g, "id", p.id());
            constant(g, "effect", p.effect().name());
            constant(g, "summary", p.summary());
            sources(p.sources(), g);
            facts("because", p.because(), g);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("missingData");
        for (MissingData m : plan.missingData()) {
            g.writeStartObject();
            text(g, "pointer", m.pointer());
            constant(g, "reason", m.reason());
            g.writeArrayFieldStart("affects");
            for (String id : m.affects()) {
                text(g, id);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("warnings");
        for (Warning w : plan.warnings()) {
            g.writeStartObject();
            constant(g, "code", w.code());
            constant(g, "message", w.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("knowledgeBase");
        text(g, "version", plan.knowledgeBaseVersion());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void classification(Classification c, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("classification");
        g.writeArrayFieldStart("ivcLevels");
        for (int level : c.ivcLevels()) {
            g.writeNumber(level);
        }
        g.writeEndArray();
        g.writeBooleanField("intracardiacExtension", c.intracardiacExtension());
        optionalString("ivcInvolvement", c.ivcInvolvement().map(Enum::name), g);
        optionalString("ajccStage", c.ajccStage(), g);
        name(g, "fnclccGrade");
        if (c.fnclccGrade().isPresent()) {
            g.writeNumber(c.fnclccGrade().get());
        } else {
            g.writeNull();
        }
        g.writeEndObject();
    }

    private static void optionalString(String name, Optional<String> value, JsonGenerator g) throws IOException {
        name(g, name);
        if (value.isPresent()) {
            text(g, value.get());
        } else {
            g.writeNull();
        }
    }

    private static void response(Optional<Response> response, JsonGenerator g) throws IOException {
        if (response.isEmpty()) {
            g.writeNull();
            return;
        }
        Response r = response.get();
        g.writeStartObject();
        text(g, "criteria", r.criteria());
        text(g, "category", r.category().name());
        text(g, "baselineDate", r.baselineDate().toString());
        text(g, "followUpDate", r.followUpDate().toString());
        g.writeNumberField("longestDiameterChangePct", r.longestDiameterChangePct());
        g.writeNumberField("absoluteChangeMm", r.absoluteChangeMm());
        name(g, "volumeChangePct");
        if (r.volumeChangePct().isPresent()) {
            g.writeNumber(r.volumeChangePct().get());
        } else {
            g.writeNull();
        }
        g.writeBooleanField("sameModality", r.sameModality());
        g.writeEndObject();
    }

    private static void recommendation(Recommendation r, JsonGenerator g) throws IOException {
        g.writeStartObject();
        text(g, "id", r.id());
        constant(g, "phase", r.phase().name());
        constant(g, "status", r.status().name());
        constant(g, "summary", r.summary());
        constant(g, "detail", r.detail());
        if (r.when().isPresent()) {
            constant(g, "when", r.when().get());
        }
        constant(g, "evidence", r.evidence());
        sources(r.sources(), g);
        facts("because", r.because(), g);
        g.writeObjectFieldStart("parameters");
        for (Map.Entry<String, Object> e : r.parameters().entrySet()) {
            name(g, e.getKey());
            value(e.getValue(), g);
        }
        g.writeEndObject();
        g.writeArrayFieldStart("evidenceUpdates");
        for (EvidenceUpdate u : r.evidenceUpdates()) {
            g.writeStartObject();
            constant(g, "source", u.source());
            constant(g, "note", u.note());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void sources(List<SourceRef> sources, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("sources");
        for (SourceRef s : sources) {
            g.writeStartObject();
            constant(g, "id", s.id());
            constant(g, "locator", s.locator());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void facts(String name, List<Fact> facts, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart(name);
        for (Fact f : facts) {
            g.writeStartObject();
            text(g, "pointer", f.pointer());
            name(g, "value");
            value(f.value(), g);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Writes a parameter or fact value: strings, numbers, booleans, dates, enums, lists and maps of these. */
    static void value(Object v, JsonGenerator g) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            text(g, s);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof LocalDate date) {
            g.writeString(date.toString());
        } else if (v instanceof Enum<?> e) {
            g.writeString(e.name());
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                value(item, g);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(e.getValue(), g);
            }
            g.writeEndObject();
        } else {
            g.writeString(String.valueOf(v));
        }
    }
}
