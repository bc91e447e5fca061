package org.cavaplan.io;

import org.cavaplan.core.vocabulary.SourceWords;
import org.cavaplan.core.vocabulary.PlanWords;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;
import org.cavaplan.core.engine.KnowledgeBase;
import org.cavaplan.core.engine.RuleInfo;
import org.cavaplan.core.engine.SourceInfo;
import org.cavaplan.core.engine.Threshold;
import org.cavaplan.core.plan.SourceRef;

/** Publishes a knowledge base as JSON or as text a clinician can review without reading Java. */
public final class KnowledgeText {

    private KnowledgeText() {}

    public static String text(KnowledgeBase<?> kb) {
        StringBuilder out = new StringBuilder(16384);
        out.append("CavaPlan knowledge base, version ").append(kb.version()).append("\n\n");
        out.append("RULES (id, phase, condition, evidence, sources, thresholds)\n");
        for (var rule : kb.rules()) {
            RuleInfo r = rule.info();
            out.append("\n").append(r.id()).append("  [").append(r.phase().map(Enum::name).orElse("PROGNOSTIC FACTOR")).append("]\n");
            out.append("    Condition: ").append(r.condition()).append('\n');
            out.append("    Evidence: ").append(r.evidence()).append('\n');
            out.append("    Sources: ").append(r.sources().stream().map(s -> s.id() + " [" + s.locator() + "]")
                    .collect(Collectors.joining("; "))).append('\n');
            if (!r.thresholds().isEmpty()) {
                out.append("    Thresholds: ").append(String.join(", ", r.thresholds())).append('\n');
            }
        }
        out.append("\nTHRESHOLDS (* = CavaPlan assumption, configurable)\n");
        for (Threshold t : kb.thresholds()) {
            out.append(t.assumption() ? "* " : "  ").append(t.name()).append(" = ").append(PlanWords.value(t.value())).append(' ')
                    .append(t.unit()).append(": ").append(t.meaning()).append(" (").append(t.provenance()).append(")\n");
        }
        out.append("\nSOURCES\n");
        for (SourceInfo s : kb.sources()) {
            out.append("- ").append(s.id()).append(": ").append(s.citation()).append('\n');
        }
        out.append("\nERRATA\n");
        for (String e : kb.errata()) {
            out.append("- ").append(e).append('\n');
        }
        return out.toString();
    }

    /** Status words a rule's condition names, in the order of {@link Status}. */
    private static final java.util.regex.Pattern STATUS_WORD =
            java.util.regex.Pattern.compile("\\b(RECOMMENDED|CONSIDER|CONDITIONAL|NOT_RECOMMENDED|CONTRAINDICATED)\\b");

    /**
     * One card per rule for clinicians to review (Markdown): the condition (generated from the same
     * thresholds the logic reads), the statuses it can give, the thresholds with their values and
     * provenance (assumptions marked), the sources in full and the evidence label.
     */
    public static String markdown(KnowledgeBase<?> kb) {
        java.util.Map<String, Threshold> thresholds = new java.util.LinkedHashMap<>();
        for (Threshold t : kb.thresholds()) {
            thresholds.put(t.name(), t);
        }
        StringBuilder out = new StringBuilder(32768);
        out.append("# CavaPlan knowledge base ").append(kb.version()).append("\n\n");
        out.append("One card per rule, in the order a plan lists them within each phase. Conditions are generated from the ")
                .append("thresholds below; numbers marked *assumption* are this project's choices and configurable.\n");
        org.cavaplan.core.plan.Phase current = null;
        boolean factors = false;
        for (var rule : kb.rules()) {
            RuleInfo r = rule.info();
            if (r.phase().isPresent() && r.phase().get() != current) {
                current = r.phase().get();
                out.append("\n## ").append(current.title()).append("\n");
            } else if (r.phase().isEmpty() && !factors) {
                factors = true;
                out.append("\n## Prognostic factors\n");
            }
            out.append("\n### `").append(r.id()).append('`').append(r.key() ? " (key decision)" : "").append("\n\n");
            out.append("- **Condition:** ").append(r.condition()).append('\n');
            java.util.Set<String> statuses = new java.util.TreeSet<>(java.util.Comparator.comparingInt(
                    w -> org.cavaplan.core.plan.Status.valueOf(w).ordinal()));
            java.util.regex.Matcher m = STATUS_WORD.matcher(r.condition());
            while (m.find()) {
                statuses.add(m.group(1));
            }
            if (!statuses.isEmpty()) {
                out.append("- **Statuses:** ").append(statuses.stream().map(w -> org.cavaplan.core.vocabulary.Vocabulary
                        .enumWords(org.cavaplan.core.plan.Status.valueOf(w))).collect(Collectors.joining(", "))).append('\n');
            }
            if (!r.thresholds().isEmpty()) {
                out.append("- **Thresholds:**\n");
                for (String name : r.thresholds()) {
                    Threshold t = thresholds.get(name);
                    out.append("  - `").append(name).append("` = ").append(PlanWords.value(t.value())).append(' ').append(t.unit())
                            .append(": ").append(t.meaning()).append(" (").append(t.assumption() ? "*assumption*, " : "")
                            .append(t.provenance()).append(")\n");
                }
            }
            out.append("- **Sources:** ").append(r.sources().stream().map(SourceWords::of).distinct()
                    .collect(Collectors.joining("; "))).append('\n');
            out.append("- **Evidence:** ").append(r.evidence()).append('\n');
        }
        out.append("\n## Sources\n\n");
        for (SourceInfo s : kb.sources()) {
            out.append("- **").append(s.id()).append("**: ").append(s.citation()).append('\n');
        }
        out.append("\n## Errata\n\n");
        for (String e : kb.errata()) {
            out.append("- ").append(e).append('\n');
        }
        return out.toString();
    }

    public static String json(KnowledgeBase<?> kb) {
        StringWriter out = new StringWriter(32768);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("version", kb.version());
            g.writeArrayFieldStart("rules");
            for (var rule : kb.rules()) {
                RuleInfo r = rule.info();
                g.writeStartObject();
                g.writeStringField("id", r.id());
                g.writeFieldName("phase");
                if (r.phase().isPresent()) {
                    g.writeString(r.phase().get().name());
                } else {
                    g.writeNull();
                }
                g.writeStringField("kind", r.phase().isPresent() ? "recommendation" : "prognosticFactor");
                g.writeStringField("condition", r.condition());
                g.writeBooleanField("keyDecision", r.key());
                g.writeStringField("evidence", r.evidence());
                g.writeArrayFieldStart("sources");
                for (SourceRef s : r.sources()) {
                    g.writeStartObject();
                    g.writeStringField("id", s.id());
                    g.writeStringField("locator", s.locator());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("thresholds");
                for (String t : r.thresholds()) {
                    g.writeString(t);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("thresholds");
            for (Threshold t : kb.thresholds()) {
                g.writeStartObject();
                g.writeStringField("name", t.name());
                g.writeNumberField("value", t.value());
                g.writeStringField("unit", t.unit());
                g.writeStringField("meaning", t.meaning());
                g.writeStringField("provenance", t.provenance());
                g.writeBooleanField("assumption", t.assumption());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("sources");
            for (SourceInfo s : kb.sources()) {
                g.writeStartObject();
                g.writeStringField("id", s.id());
                g.writeStringField("citation", s.citation());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("errata");
            for (String e : kb.errata()) {
                g.writeString(e);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString() + "\n";
    }
}
