package org.cavaplan.io;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.EvidenceUpdate;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.PrognosticFactor;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.Response;
import org.cavaplan.core.plan.SourceRef;
import org.cavaplan.core.plan.Warning;

/** Renders a plan as plain text for a tumor board: grouped by phase, with sources and triggering facts. Stateless. */
public final class PlanText {

    /** Printed on every plan, whatever its format. */
    public static final String DISCLAIMER = "Decision support for a qualified sarcoma team; it does not replace clinical judgement.";

    private PlanText() {}

    public static String render(Plan plan) {
        StringBuilder out = new StringBuilder(8192);
        out.append("CavaPlan care plan for case ").append(plan.caseId()).append(", as of ").append(plan.asOf()).append('\n');
        out.append("Knowledge base ").append(plan.knowledgeBaseVersion()).append(". ").append(DISCLAIMER).append("\n\n");
        out.append("Stage: ").append(plan.stage()).append("    Intent: ").append(plan.intent()).append('\n');
        var c = plan.classification();
        out.append("IVC levels: ").append(c.ivcLevels().isEmpty() ? "unknown" : c.ivcLevels().stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")))
                .append("    Intracardiac extension: ").append(c.intracardiacExtension() ? "yes" : "no")
                .append("    IVC involvement: ").append(c.ivcInvolvement().map(Enum::name).orElse("unknown")).append('\n');
        out.append("AJCC 8th stage: ").append(c.ajccStage().orElse("unknown"))
                .append("    FNCLCC grade: ").append(c.fnclccGrade().map(String::valueOf).orElse("unknown")).append('\n');
        plan.response().ifPresent(r -> out.append(response(r)).append('\n'));

        for (Phase phase : Phase.values()) {
            List<Recommendation> recs = plan.recommendations().stream().filter(r -> r.phase() == phase).toList();
            if (recs.isEmpty()) {
                continue;
            }
            out.append('\n').append("== ").append(phase.name().replace('_', ' ')).append(" ==\n");
            for (Recommendation r : recs) {
                recommendation(r, out);
            }
        }
        if (!plan.concordance().isEmpty()) {
            out.append("\n== CONCORDANCE WITH WHAT WAS DONE ==\n");
            for (Concordance k : plan.concordance()) {
                out.append("[").append(k.verdict()).append("] ").append(k.id()).append(": ").append(k.note()).append('\n');
                line(out, "Because", facts(k.because()));
            }
        }
        if (!plan.prognosticFactors().isEmpty()) {
            out.append("\n== PROGNOSTIC FACTORS ==\n");
            for (PrognosticFactor p : plan.prognosticFactors()) {
                out.append("[").append(p.effect()).append("] ").append(p.summary()).append('\n');
                line(out, "Sources", sources(p.sources()));
                line(out, "Because", facts(p.because()));
            }
        }
        if (!plan.missingData().isEmpty()) {
            out.append("\n== MISSING DATA (needed for a firm recommendation) ==\n");
            for (MissingData m : plan.missingData()) {
                out.append("- ").append(m.pointer()).append(": ").append(m.reason());
                if (!m.affects().isEmpty()) {
                    out.append(" (affects ").append(String.join(", ", m.affects())).append(')');
                }
                out.append('\n');
            }
        }
        if (!plan.warnings().isEmpty()) {
            out.append("\n== WARNINGS ==\n");
            for (Warning w : plan.warnings()) {
                out.append("- ").append(w.code()).append(": ").append(w.message()).append('\n');
            }
        }
        return out.toString();
    }

    private static String response(Response r) {
        StringBuilder s = new StringBuilder("Response (RECIST 1.1): ").append(r.category())
                .append(", longest diameter ").append(signed(r.longestDiameterChangePct())).append("% (")
                .append(signed(r.absoluteChangeMm())).append(" mm)");
        r.volumeChangePct().ifPresent(v -> s.append(", ellipsoid volume ").append(signed(v)).append('%'));
        s.append(", ").append(r.baselineDate()).append(" to ").append(r.followUpDate());
        if (!r.sameModality()) {
            s.append(" (different modalities)");
        }
        return s.toString();
    }

    private static String signed(double v) {
        return (v > 0 ? "+" : "") + v;
    }

    private static void recommendation(Recommendation r, StringBuilder out) {
        out.append('[').append(r.status()).append("] ").append(r.summary()).append("  {").append(r.id()).append("}\n");
        r.when().ifPresent(w -> line(out, "When", w));
        if (!r.detail().equals(r.summary())) {
            line(out, "Detail", r.detail());
        }
        if (!r.parameters().isEmpty()) {
            line(out, "Parameters", r.parameters().entrySet().stream().map(e -> e.getKey() + " = " + value(e.getValue()))
                    .collect(Collectors.joining("; ")));
        }
        line(out, "Evidence", r.evidence());
        line(out, "Sources", sources(r.sources()));
        line(out, "Because", facts(r.because()));
        for (EvidenceUpdate u : r.evidenceUpdates()) {
            line(out, "Update (" + u.source() + ")", u.note());
        }
    }

    private static void line(StringBuilder out, String label, String text) {
        out.append("    ").append(label).append(": ").append(text).append('\n');
    }

    private static String sources(List<SourceRef> sources) {
        return sources.stream().map(s -> s.id() + " [" + s.locator() + "]").collect(Collectors.joining("; "));
    }

    private static String facts(List<Fact> facts) {
        return facts.stream().map(f -> f.pointer() + " = " + value(f.value())).collect(Collectors.joining("; "));
    }

    static String value(Object v) {
        if (v instanceof List<?> list) {
            return list.stream().map(PlanText::value).collect(Collectors.joining(", ", "[", "]"));
        }
        if (v instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ": " + value(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(v);
    }
}
