package org.cavaplan.io;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import com.fasterxml.jackson.core.io.SerializedString;
import org.cavaplan.core.plan.Classification;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.EvidenceUpdate;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.PrognosticFactor;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.RedFlag;
import org.cavaplan.core.plan.Response;
import org.cavaplan.core.plan.SourceRef;
import org.cavaplan.core.plan.Status;
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

    /** The field names written for every recommendation and fact, serialised once. */
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString BECAUSE = new SerializedString("because");
    private static final SerializedString LABEL = new SerializedString("label");
    private static final SerializedString POINTER = new SerializedString("pointer");
    private static final SerializedString VALUE = new SerializedString("value");
    private static final SerializedString PARAMETERS = new SerializedString("parameters");
    private static final SerializedString EVIDENCE_UPDATES = new SerializedString("evidenceUpdates");

    private PlanJson() {}

    private static SerializedString serialized(String s) {
        SerializedString found = SERIALIZED.get(s);
        if (found == null) {
            found = remember(s);
        }
        return found;
    }

    /** Kept apart from the look-up so that the hot path stays small enough to inline. */
    private static SerializedString remember(String s) {
        if (s.length() > MAX_SERIALIZED_LENGTH || SERIALIZED.size() >= MAX_SERIALIZED) {
            return null;
        }
        SerializedString fresh = new SerializedString(s);
        SerializedString earlier = SERIALIZED.putIfAbsent(s, fresh);
        return earlier == null ? fresh : earlier;
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
        constant(g, value);
    }

    private static void constant(JsonGenerator g, SerializedString name, String value) throws IOException {
        g.writeFieldName(name);
        constant(g, value);
    }

    private static void constant(JsonGenerator g, String value) throws IOException {
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
        Labels labels = new Labels(plan);
        g.writeStartObject();
        text(g, "caseId", plan.caseId());
        text(g, "asOf", plan.asOf().toString());
        text(g, "stage", plan.stage().name());
        text(g, "intent", plan.intent().name());
        text(g, "diseaseStatus", plan.diseaseStatus().name());
        classification(plan.classification(), g);
        name(g, "keyDecisions");
        g.writeStartArray();
        for (KeyDecision k : plan.keyDecisions()) {
            g.writeStartObject();
            constant(g, ID, k.id());
            constant(g, "status", k.status().name());
            constant(g, "summary", k.summary());
            g.writeEndObject();
        }
        g.writeEndArray();
        name(g, "redFlags");
        g.writeStartArray();
        for (RedFlag f : plan.redFlags()) {
            g.writeStartObject();
            constant(g, "code", f.code());
            constant(g, "message", f.message());
            facts(f.because(), labels, g);
            g.writeEndObject();
        }
        g.writeEndArray();
        name(g, "response");
        response(plan.response(), g);
        name(g, "recommendations");
        g.writeStartArray();
        for (Recommendation r : plan.recommendations()) {
            recommendation(r, labels, g);
        }
        g.writeEndArray();
        name(g, "concordance");
        g.writeStartArray();
        for (Concordance c : plan.concordance()) {
            g.writeStartObject();
            constant(g, ID, c.id());
            constant(g, "verdict", c.verdict().name());
            constant(g, "note", c.note());
            facts(c.because(), labels, g);
            g.writeEndObject();
        }
        g.writeEndArray();
        name(g, "prognosticFactors");
        g.writeStartArray();
        for (PrognosticFactor p : plan.prognosticFactors()) {
            g.writeStartObject();
            constant(g, ID, p.id());
            constant(g, "effect", p.effect().name());
            constant(g, "summary", p.summary());
            sources(p.sources(), g);
            facts(p.because(), labels, g);
            g.writeEndObject();
        }
        g.writeEndArray();
        name(g, "missingData");
        g.writeStartArray();
        for (MissingData m : plan.missingData()) {
            g.writeStartObject();
            constant(g, "pointer", m.pointer());
            constant(g, "reason", m.reason());
            name(g, "affects");
            g.writeStartArray();
            for (String id : m.affects()) {
                text(g, id);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        name(g, "warnings");
        g.writeStartArray();
        for (Warning w : plan.warnings()) {
            g.writeStartObject();
            constant(g, "code", w.code());
            constant(g, "message", w.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        name(g, "knowledgeBase");
        g.writeStartObject();
        text(g, "version", plan.knowledgeBaseVersion());
        name(g, "changedAssumptions");
        value(plan.changedAssumptions(), g);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void classification(Classification c, JsonGenerator g) throws IOException {
        name(g, "classification");
        g.writeStartObject();
        name(g, "ivcLevels");
        g.writeStartArray();
        for (int level : c.ivcLevels()) {
            g.writeNumber(level);
        }
        g.writeEndArray();
        g.writeBooleanField("intracardiacExtension", c.intracardiacExtension());
        optionalString("ivcInvolvement", c.ivcInvolvement().map(Enum::name), g);
        optionalString("ajccStage", c.ajccStage(), g);
        optionalString("ajccPathologicalStage", c.ajccPathologicalStage(), g);
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

    private static void recommendation(Recommendation r, Labels plan, JsonGenerator g) throws IOException {
        g.writeStartObject();
        constant(g, ID, r.id());
        SerializedString known = g.getPrettyPrinter() == null ? opening(r) : null;
        if (known != null) {
            g.writeRaw(known);
        } else {
            knowledgeFields(r, g);
        }
        facts(r.because(), plan, g);
        g.writeFieldName(PARAMETERS);
        g.writeStartObject();
        for (Map.Entry<String, Object> e : r.parameters().entrySet()) {
            name(g, e.getKey());
            value(e.getValue(), g);
        }
        g.writeEndObject();
        g.writeFieldName(EVIDENCE_UPDATES);
        g.writeStartArray();
        for (EvidenceUpdate u : r.evidenceUpdates()) {
            g.writeStartObject();
            constant(g, "source", u.source());
            constant(g, "note", u.note());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The fields of a recommendation that come from the knowledge base alone, from phase to sources. */
    private static void knowledgeFields(Recommendation r, JsonGenerator g) throws IOException {
        constant(g, "phase", r.phase().name());
        constant(g, "status", r.status().name());
        constant(g, "summary", r.summary());
        constant(g, "detail", r.detail());
        if (r.when().isPresent()) {
            constant(g, "when", r.when().get());
        }
        constant(g, "evidence", r.evidence());
        sources(r.sources(), g);
    }

    /**
     * What {@link #knowledgeFields} writes for one recommendation (its detail is the key it is filed
     * under), as raw JSON text that starts with the comma after the id.
     */
    private record Opening(Phase phase, Status status, String summary, Optional<String> when, String evidence,
            List<SourceRef> sources, SerializedString json) {

        /** Compared field by field rather than hashed: the strings are mostly the knowledge base's own instances. */
        boolean writes(Recommendation r) {
            return phase == r.phase() && status == r.status() && summary.equals(r.summary()) && when.equals(r.when())
                    && evidence.equals(r.evidence()) && sources.equals(r.sources());
        }
    }

    /**
     * The knowledge-base fields of the recommendations seen so far, by detail: a plan repeats these
     * from case to case, so one-line plans (the batch, the API) write them in one piece. Bounded like
     * {@link #SERIALIZED}; indented output is written field by field.
     */
    private static final ConcurrentHashMap<String, List<Opening>> OPENINGS = new ConcurrentHashMap<>();
    private static final int MAX_OPENINGS = 4_096;
    private static final int MAX_OPENINGS_PER_DETAIL = 16;

    /**
     * The pre-serialised opening of a recommendation, or null when there is none and no room to file one:
     * details worded per case (a date, a size) would fill the table and then cost a second serialisation
     * on every miss, so they are written field by field.
     */
    private static SerializedString opening(Recommendation r) throws IOException {
        List<Opening> known = OPENINGS.get(r.detail());
        if (known != null) {
            for (Opening o : known) {
                if (o.writes(r)) {
                    return o.json();
                }
            }
        }
        if (OPENINGS.size() >= MAX_OPENINGS || (known != null && known.size() >= MAX_OPENINGS_PER_DETAIL)) {
            return null;
        }
        return rememberOpening(r);
    }

    /** Writes and files a recommendation's opening; apart from {@link #opening} so the look-up stays small. */
    private static SerializedString rememberOpening(Recommendation r) throws IOException {
        StringWriter text = new StringWriter(1024);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(text)) {
            g.writeStartObject();
            knowledgeFields(r, g);
            g.writeEndObject();
        }
        String object = text.toString();
        Opening fresh = new Opening(r.phase(), r.status(), r.summary(), r.when(), r.evidence(), r.sources(),
                new SerializedString("," + object.substring(1, object.length() - 1)));
        if (OPENINGS.size() < MAX_OPENINGS) {
            OPENINGS.compute(r.detail(), (detail, earlier) -> {
                if (earlier == null) {
                    return List.of(fresh);
                }
                if (earlier.size() >= MAX_OPENINGS_PER_DETAIL || earlier.stream().anyMatch(o -> o.writes(r))) {
                    return earlier;
                }
                List<Opening> more = new ArrayList<>(earlier);
                more.add(fresh);
                return List.copyOf(more);
            });
        }
        return fresh.json();
    }

    private static void sources(List<SourceRef> sources, JsonGenerator g) throws IOException {
        name(g, "sources");
        g.writeStartArray();
        for (SourceRef s : sources) {
            g.writeStartObject();
            constant(g, ID, s.id());
            constant(g, "locator", s.locator());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * The labels of one plan as it is written: a plan cites some facts in many rows (the facts behind
     * the resection plan in every preoperative row), so each is worded once per write. Confined to the
     * writing thread.
     */
    private static final class Labels {
        private final Plan plan;
        private final Map<Fact, String> worded = new HashMap<>();

        Labels(Plan plan) {
            this.plan = plan;
        }

        String label(Fact fact) {
            String known = worded.get(fact);
            if (known == null) {
                known = plan.label(fact);
                worded.put(fact, known);
            }
            return known;
        }
    }

    private static void facts(List<Fact> facts, Labels plan, JsonGenerator g) throws IOException {
        g.writeFieldName(BECAUSE);
        g.writeStartArray();
        for (Fact f : facts) {
            g.writeStartObject();
            constant(g, POINTER, f.pointer());
            g.writeFieldName(VALUE);
            value(f.value(), g);
            g.writeFieldName(LABEL);
            g.writeString(plan.label(f));
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
