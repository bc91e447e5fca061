package org.cavaplan.io;

import org.cavaplan.core.vocabulary.PlanWords;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
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
import org.cavaplan.core.plan.Warning;
import org.cavaplan.core.vocabulary.Vocabulary;

/**
 * Renders a plan as plain text for a tumor board, in clinical words: red flags and key decisions
 * first, then the patient in one paragraph, then each phase's recommendations in the catalogue's
 * order with their sources and the facts that triggered them (labels, not pointers). Rule ids, JSON
 * pointers and enum constants stay in the JSON. Stateless.
 */
public final class PlanText {

    /** Printed on every plan, whatever its format. */
    public static final String DISCLAIMER = PlanWords.DISCLAIMER;

    private PlanText() {}

    /** The plan as a board reads it: each recommendation with its condition, the facts behind it and its sources. */
    public static String render(Plan plan) {
        return render(plan, false);
    }

    /**
     * The plan as text; {@code detailed} adds each recommendation's explanation, its parameters, the
     * evidence label and the later evidence that qualifies it (everything the JSON holds, in words).
     */
    public static String render(Plan plan, boolean detailed) {
        StringBuilder out = new StringBuilder(4096);
        out.append("CavaPlan care plan for case ").append(plan.caseId()).append(", as of ").append(plan.asOf()).append('\n');
        out.append("Knowledge base ").append(plan.knowledgeBaseVersion());
        if (!plan.changedAssumptions().isEmpty()) {
            out.append(" (changed assumptions: ").append(plan.changedAssumptions().entrySet().stream()
                    .map(e -> e.getKey() + " = " + PlanWords.value(e.getValue())).collect(Collectors.joining(", "))).append(')');
        }
        out.append(". ").append(DISCLAIMER).append("\n\n");
        if (!plan.redFlags().isEmpty()) {
            out.append("RED FLAGS\n");
            for (RedFlag f : plan.redFlags()) {
                out.append("  ! ").append(f.message()).append('\n');
            }
            out.append('\n');
        }
        if (!plan.keyDecisions().isEmpty()) {
            out.append("KEY DECISIONS\n");
            for (KeyDecision k : plan.keyDecisions()) {
                out.append("  * ").append(PlanWords.status(k.status())).append(": ").append(k.summary()).append('\n');
            }
            out.append('\n');
        }
        patient(plan, out);

        for (Phase phase : Phase.values()) {
            List<Recommendation> recs = new ArrayList<>();
            for (Recommendation r : plan.recommendations()) {
                if (r.phase() == phase) {
                    recs.add(r);
                }
            }
            if (recs.isEmpty()) {
                continue;
            }
            out.append('\n').append("== ").append(phase.title()).append(" ==\n");
            for (int i = 0; i < recs.size(); i++) {
                Recommendation r = recs.get(i);
                String when = r.when().orElse(null);
                boolean sameAsPrevious = when != null && i > 0 && when.equals(recs.get(i - 1).when().orElse(null));
                boolean sameAsNext = when != null && i + 1 < recs.size() && when.equals(recs.get(i + 1).when().orElse(null));
                if (sameAsNext && !sameAsPrevious) {
                    out.append("-- If ").append(when).append(":\n");
                }
                recommendation(plan, r, detailed, sameAsPrevious || sameAsNext, out);
            }
        }
        if (!plan.concordance().isEmpty()) {
            out.append("\n== What was done, judged against the pathway ==\n");
            for (Concordance k : plan.concordance()) {
                out.append('[').append(PlanWords.capitalised(Vocabulary.enumWords(k.verdict()))).append("] ").append(k.note()).append('\n');
                line(out, "Because", facts(plan, k.because()));
            }
        }
        if (!plan.prognosticFactors().isEmpty()) {
            out.append("\n== Prognostic factors ==\n");
            for (PrognosticFactor p : plan.prognosticFactors()) {
                out.append('[').append(PlanWords.capitalised(Vocabulary.enumWords(p.effect()))).append("] ").append(p.summary()).append('\n');
                line(out, "Sources", PlanWords.sources(p.sources()));
            }
        }
        if (!plan.missingData().isEmpty()) {
            out.append("\n== Missing data (needed for a firm recommendation) ==\n");
            for (MissingData m : plan.missingData()) {
                out.append("- ").append(PlanWords.field(m.pointer())).append(": ").append(m.reason()).append('\n');
            }
        }
        if (!plan.warnings().isEmpty()) {
            out.append("\n== Warnings ==\n");
            for (Warning w : plan.warnings()) {
                out.append("- ").append(w.message()).append('\n');
            }
        }
        return out.toString();
    }

    private static void patient(Plan plan, StringBuilder out) {
        Classification c = plan.classification();
        out.append("Stage of care: ").append(Vocabulary.enumWords(plan.stage()))
                .append("    Intent: ").append(Vocabulary.enumWords(plan.intent()))
                .append("    Disease: ").append(Vocabulary.enumWords(plan.diseaseStatus())).append('\n');
        out.append("IVC levels: ").append(c.ivcLevels().isEmpty() ? "unknown" : c.ivcLevels().stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")))
                .append("    Intracardiac extension: ").append(c.intracardiacExtension() ? "yes" : "no")
                .append("    IVC involvement: ").append(c.ivcInvolvement().map(Vocabulary::enumWords).orElse("unknown")).append('\n');
        out.append("AJCC 8th stage: clinical ").append(c.ajccStage().orElse("unknown"));
        c.ajccPathologicalStage().ifPresent(s -> out.append(", pathological ").append(s));
        out.append("    FNCLCC grade: ").append(c.fnclccGrade().map(String::valueOf).orElse("unknown")).append('\n');
        plan.response().ifPresent(r -> out.append(response(r)).append('\n'));
    }

    private static String response(Response r) {
        StringBuilder s = new StringBuilder("Response (RECIST 1.1): ").append(Vocabulary.enumWords(r.category()))
                .append(", longest diameter ").append(signed(r.longestDiameterChangePct())).append(" % (")
                .append(signed(r.absoluteChangeMm())).append(" mm)");
        r.volumeChangePct().ifPresent(v -> s.append(", ellipsoid volume ").append(signed(v)).append(" %"));
        s.append(", ").append(r.baselineDate()).append(" to ").append(r.followUpDate());
        if (!r.sameModality()) {
            s.append(" (different modalities)");
        }
        return s.toString();
    }

    private static String signed(double v) {
        return (v > 0 ? "+" : "") + v;
    }

    /** One recommendation; {@code grouped}: its condition is said once above a run of rows that share it. */
    private static void recommendation(Plan plan, Recommendation r, boolean detailed, boolean grouped, StringBuilder out) {
        out.append('[').append(PlanWords.status(r.status())).append("] ").append(r.summary()).append('\n');
        if (!grouped) {
            r.when().ifPresent(w -> line(out, "When", w));
        }
        if (!detailed) {
            line(out, "Because", facts(plan, r.because()) + ". Source: " + PlanWords.sources(r.sources()));
            return;
        }
        if (!r.detail().equals(r.summary())) {
            line(out, "Detail", r.detail());
        }
        if (!r.parameters().isEmpty()) {
            line(out, "Details", r.parameters().entrySet().stream()
                    .map(e -> PlanWords.parameter(e.getKey()) + ": " + PlanWords.value(e.getValue()))
                    .collect(Collectors.joining("; ")));
        }
        line(out, "Evidence", r.evidence() + "; " + PlanWords.sources(r.sources()));
        line(out, "Because", facts(plan, r.because()));
        for (EvidenceUpdate u : r.evidenceUpdates()) {
            line(out, "Update (" + u.source() + ")", u.note());
        }
    }

    private static void line(StringBuilder out, String label, String text) {
        out.append("    ").append(label).append(": ").append(text).append('\n');
    }

    private static String facts(Plan plan, List<Fact> facts) {
        return facts.stream().map(plan::label).collect(Collectors.joining("; "));
    }
}
