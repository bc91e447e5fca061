package org.cavaplan.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.ConduitStatus;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.model.Histology;
import org.cavaplan.core.model.Organ;
import org.cavaplan.core.model.Outcome;
import org.cavaplan.core.plan.DiseaseStatus;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.RedFlag;
import org.cavaplan.core.plan.Response;
import org.cavaplan.core.plan.ResponseCategory;
import org.cavaplan.core.plan.Status;

/**
 * The red flags of a plan (plan contract §1.1): facts a board must see first, with fixed codes, in
 * the order of {@link #CODES}. Never cut.
 */
final class RedFlags {

    /** Every code, in the order a plan shows them. */
    static final List<String> CODES = List.of("DECEASED", "NOT_LEIOMYOSARCOMA", "CONTRAINDICATION", "METASTATIC",
            "PERSISTENT_DISEASE", "RECURRENCE", "PROGRESSION", "INTRACARDIAC", "AORTIC_INVASION", "VENOUS_THROMBOEMBOLISM",
            "CONDUIT_THROMBOSIS", "POOR_PERFORMANCE");

    private static final Comparator<RedFlag> ORDER = Comparator.comparingInt(f -> CODES.indexOf(f.code()));

    private RedFlags() {}

    /** The red flags that the facts of the case raise (all but CONTRAINDICATION, which comes from the rules). */
    static void raise(Facts f, Optional<Response> response, List<Finding> out) {
        f.kase.outcome().filter(o -> f.deceased()).ifPresent(o -> out.add(deceased(o)));
        f.kase.histology().filter(h -> f.leiomyosarcoma().no()).ifPresent(h -> out.add(notLeiomyosarcoma(h)));
        if (f.intent == Intent.PALLIATIVE) {
            out.add(new RedFlag("METASTATIC", "Distant metastases are recorded: the intent of treatment is palliative.",
                    f.intentBasis));
        }
        List<Fact> persistent = persistentBasis(f);
        if (!persistent.isEmpty()) {
            out.add(new RedFlag("PERSISTENT_DISEASE",
                    "Disease was left behind at the operation (R2 resection or metastasis found at surgery).", persistent));
        }
        if (f.diseaseStatus == DiseaseStatus.RECURRENT) {
            out.add(new RedFlag("RECURRENCE", "Recurrence after the operation, first recorded on "
                    + f.firstRecurrence().map(FollowUp::date).map(Object::toString).orElse("a follow-up visit") + ".",
                    f.diseaseStatusBasis));
        }
        response.filter(r -> r.category() == ResponseCategory.PD).ifPresent(r -> out.add(new RedFlag("PROGRESSION",
                "The tumor progressed during neoadjuvant therapy (RECIST 1.1), " + r.baselineDate() + " to "
                        + r.followUpDate() + ".", f.response.get().because())));
        if (f.intracardiac()) {
            out.add(new RedFlag("INTRACARDIAC", "The tumor extends into the right atrium.", List.of(f.cranial.get())));
        }
        if (f.beforeOperation()) {
            f.baseline(s -> s.invadedOrgans(), "invadedOrgans")
                    .filter(fact -> fact.value() instanceof List<?> organs && organs.contains(Organ.AORTA.name()))
                    .ifPresent(fact -> out.add(new RedFlag("AORTIC_INVASION",
                            "The aorta is invaded: reassess resectability (aortic involvement counts as unresectable in STRASS2).",
                            List.of(fact))));
        }
        if (f.vteRecorded()) {
            out.add(new RedFlag("VENOUS_THROMBOEMBOLISM",
                    "Venous thromboembolism is recorded: it needs therapeutic anticoagulation.", f.vte));
        }
        f.latestVisit(v -> v.conduit().isPresent())
                .filter(v -> v.conduit().get() == ConduitStatus.PARTIAL_THROMBOSIS || v.conduit().get() == ConduitStatus.OCCLUDED)
                .ifPresent(v -> out.add(new RedFlag("CONDUIT_THROMBOSIS", "The caval conduit is "
                        + (v.conduit().get() == ConduitStatus.OCCLUDED ? "occluded" : "partly thrombosed") + " on "
                        + v.date() + ".", List.of(new Fact(v.pointer("conduit"), v.conduit().get().name())))));
        f.ecog.filter(e -> (Integer) e.value() >= f.settings.whole(Thresholds.FIT_MAX_ECOG) + 1)
                .ifPresent(e -> out.add(new RedFlag("POOR_PERFORMANCE", "Poor performance status (ECOG " + e.value()
                        + "): unfit for a major resection.", List.of(e))));
    }

    private static RedFlag deceased(Outcome o) {
        String cause = o.causeOfDeath().map(c -> switch (c) {
            case DISEASE -> "of the disease";
            case TREATMENT -> "of treatment";
            case OTHER -> "of another cause";
            case UNKNOWN -> "of an unknown cause";
        }).orElse("(cause not recorded)");
        return new RedFlag("DECEASED", "The patient died on " + o.lastContactDate() + " " + cause
                + ". No recommendation is issued.", List.of(new Fact("/outcome/vitalStatus", o.vitalStatus().name()),
                        new Fact("/outcome/lastContactDate", o.lastContactDate().toString())));
    }

    private static RedFlag notLeiomyosarcoma(Histology h) {
        return new RedFlag("NOT_LEIOMYOSARCOMA", "The histology is not leiomyosarcoma: this pathway does not apply; "
                + "only the work-up and care that does not depend on the histology are listed.",
                List.of(new Fact("/histology/diagnosis", h.diagnosis().name())));
    }

    private static List<Fact> persistentBasis(Facts f) {
        List<Fact> basis = new ArrayList<>(2);
        f.margin().filter(m -> m == org.cavaplan.core.model.Margin.R2)
                .ifPresent(m -> basis.add(new Fact("/pathology/margin", m.name())));
        for (Fact fact : f.intentBasis) {
            if (fact.pointer().startsWith("/operation/")) {
                basis.add(fact);
            }
        }
        return basis;
    }

    /** The raised flags plus one CONTRAINDICATION per contraindicated recommendation, in the order of {@link #CODES}. */
    static List<RedFlag> ordered(List<RedFlag> raised, List<Recommendation> recommendations) {
        List<RedFlag> all = new ArrayList<>(raised);
        for (Recommendation r : recommendations) {
            if (r.status() == Status.CONTRAINDICATED) {
                all.add(new RedFlag("CONTRAINDICATION", r.summary(), r.because()));
            }
        }
        all.sort(ORDER);
        return all;
    }
}
