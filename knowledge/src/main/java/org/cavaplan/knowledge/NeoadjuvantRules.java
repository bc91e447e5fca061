package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cavaplan.core.model.Neoadjuvant;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.ResponseCategory;
import org.cavaplan.core.plan.Stage;

/** Neoadjuvant therapy and restaging (Radiation; Chemotherapy; Case Report). */
final class NeoadjuvantRules {

    private NeoadjuvantRules() {}

    static List<KbRule> all() {
        return List.of(
                rule("neoadjuvant.radiotherapy", Phase.NEOADJUVANT,
                        "CONSIDER before treatment with CURATIVE intent (CONDITIONAL while staging is not recorded)",
                        "NCCN category 2B", List.of(Sources.RADIATION), List.of(Thresholds.ALPHA_BETA_GY), NeoadjuvantRules::radiotherapy),
                rule("neoadjuvant.chemotherapy", Phase.NEOADJUVANT,
                        "CONSIDER before treatment with CURATIVE intent (CONDITIONAL while staging is not recorded)",
                        "NCCN category 2B", List.of(Sources.CHEMOTHERAPY), List.of(), NeoadjuvantRules::chemotherapy),
                rule("neoadjuvant.restaging", Phase.NEOADJUVANT,
                        "RECOMMENDED after neoadjuvant therapy when no study is dated after its end",
                        "single case report", List.of(Sources.CASE_REPORT), List.of(), NeoadjuvantRules::restaging),
                rule("neoadjuvant.proceed-to-surgery", Phase.NEOADJUVANT,
                        "RECOMMENDED after neoadjuvant therapy when the RECIST response is PR or SD without new metastases; "
                                + "CONDITIONAL until restaging is measured",
                        "NCCN guideline (2012) as cited by the source", List.of(Sources.CHEMOTHERAPY, Sources.RECIST),
                        List.of(Thresholds.RECIST_PR_PCT, Thresholds.RECIST_PD_PCT, Thresholds.RECIST_PD_MM),
                        NeoadjuvantRules::proceed),
                rule("neoadjuvant.progression-review", Phase.NEOADJUVANT,
                        "RECOMMENDED after neoadjuvant therapy when the RECIST response is PD (assumption)",
                        "expert opinion (assumption)", List.of(Sources.ASSUMPTION, Sources.RECIST),
                        List.of(Thresholds.RECIST_PD_PCT, Thresholds.RECIST_PD_MM), NeoadjuvantRules::progression));
    }

    /** Prior radiotherapy as parameters: dose, fractions and, when fractions are known, EQD2 and BED. */
    static Map<String, Object> radiobiology(Facts f, Neoadjuvant.Radiotherapy rt) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("totalDoseGy", rt.totalDoseGy());
        rt.fractions().ifPresent(n -> {
            double ab = f.settings.get(Thresholds.ALPHA_BETA_GY);
            double perFraction = rt.totalDoseGy() / n;
            p.put("fractions", n);
            p.put("dosePerFractionGy", round2(perFraction));
            p.put("alphaBetaGy", ab);
            p.put("bedGy", round2(rt.totalDoseGy() * (1 + perFraction / ab)));
            p.put("eqd2Gy", round2(rt.totalDoseGy() * (perFraction + ab) / (2 + ab)));
        });
        return p;
    }

    static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    private static boolean pretreatmentCandidate(Facts f) {
        return f.stage == Stage.PRETREATMENT && f.intent != Intent.PALLIATIVE;
    }

    private static Draft stagingCondition(Facts f, Draft d) {
        if (f.intent == Intent.UNDETERMINED) {
            d.because(new Fact(f.baselinePointer("distantMetastases"), "not recorded"))
                    .missing(f.baselinePointer("distantMetastases"), "staging for distant metastases is not recorded")
                    .conditional("staging shows no distant metastases");
        } else {
            d.because(f.intentBasis).status(CONSIDER);
        }
        return d;
    }

    static List<Finding> radiotherapy(Facts f, Draft d) {
        if (!pretreatmentCandidate(f)) {
            return d.silent();
        }
        return stagingCondition(f, d)
                .summary("Consider preoperative radiotherapy (about 50 Gy) to shrink the tumor; no benefit has been proven.")
                .detail("Preoperative radiotherapy may reduce tumor size and help local control, but no study has shown a benefit "
                        + "for retroperitoneal leiomyosarcoma. The source's patient received 50 Gy with a boost to 55 Gy.")
                .param("typicalDoseGy", 50.4)
                .param("alphaBetaGy", f.settings.get(Thresholds.ALPHA_BETA_GY))
                .update(Sources.STRASS)
                .emit();
    }

    static List<Finding> chemotherapy(Facts f, Draft d) {
        if (!pretreatmentCandidate(f)) {
            return d.silent();
        }
        return stagingCondition(f, d)
                .summary("Preoperative chemotherapy is an option, not routine: anthracyclines gave no survival benefit.")
                .detail("No randomised trial supports neoadjuvant chemotherapy for this tumor. It is an acceptable alternative "
                        + "(NCCN 2B); if the tumor regresses, proceed to surgery.")
                .update(Sources.STRASS2)
                .emit();
    }

    /** The last end date of neoadjuvant therapy: restaging comes after all of it. */
    private static Optional<LocalDate> endDate(Facts f) {
        return f.kase.neoadjuvant().flatMap(n -> n.endDates().max(LocalDate::compareTo));
    }

    private static Fact endFact(Facts f) {
        Neoadjuvant n = f.kase.neoadjuvant().orElseThrow();
        LocalDate end = endDate(f).orElseThrow();
        boolean fromRt = n.radiotherapy().flatMap(Neoadjuvant.Radiotherapy::endDate).filter(end::equals).isPresent();
        return new Fact(fromRt ? "/neoadjuvant/radiotherapy/endDate" : "/neoadjuvant/chemotherapy/endDate", end.toString());
    }

    private static void priorRadiotherapy(Facts f, Draft d) {
        f.neoadjuvantRadiotherapy.ifPresent(rt -> d.param("priorRadiotherapy", radiobiology(f, rt)));
    }

    static List<Finding> restaging(Facts f, Draft d) {
        if (f.stage != Stage.POST_NEOADJUVANT) {
            return d.silent();
        }
        Optional<LocalDate> end = endDate(f);
        if (end.isEmpty()) {
            String pointer = f.neoadjuvantRadiotherapy.isPresent() ? "/neoadjuvant/radiotherapy/endDate"
                    : "/neoadjuvant/chemotherapy/endDate";
            d.missing(pointer, "the end date of neoadjuvant therapy decides which imaging restages it");
            d.because(new Fact("/neoadjuvant", "end date not recorded"));
            priorRadiotherapy(f, d);
            return d.conditional("no imaging has been done since neoadjuvant therapy ended")
                    .summary("Restage with CT or MRI after neoadjuvant therapy, before deciding on surgery.")
                    .emit();
        }
        if (f.byDate.stream().anyMatch(s -> s.date().isAfter(end.get()))) {
            return d.silent();
        }
        priorRadiotherapy(f, d);
        return d.status(RECOMMENDED).because(endFact(f))
                .summary("Restage with CT or MRI after neoadjuvant therapy, before deciding on surgery.")
                .detail("No imaging is recorded after neoadjuvant therapy ended. Restaging measures the response (RECIST 1.1) and "
                        + "looks for new metastases before the operation.")
                .param("afterDate", end.get().toString())
                .emit();
    }

    static List<Finding> proceed(Facts f, Draft d) {
        if (f.stage != Stage.POST_NEOADJUVANT || f.intent == Intent.PALLIATIVE) {
            return d.silent();
        }
        d.summary("Proceed to resection: the tumor did not progress on neoadjuvant therapy.")
                .detail("With a partial response or stable disease and no new metastases, the guideline cited by the source "
                        + "advises surgery.");
        priorRadiotherapy(f, d);
        if (f.response.isEmpty()) {
            d.because(new Fact("/imaging", "no measured study on both sides of the neoadjuvant end date"))
                    .missing("/imaging", "a measured study before and after neoadjuvant therapy is needed for RECIST");
            return d.conditional("restaging shows a partial response or stable disease and no new metastases")
                    .summary("Proceed to resection if restaging shows no progression and no new metastases.")
                    .emit();
        }
        ResponseAssessment r = f.response.get();
        if (r.response().category() == ResponseCategory.PD) {
            return d.silent();
        }
        return d.status(RECOMMENDED).because(r.because())
                .param("response", r.response().category().name())
                .param("longestDiameterChangePct", r.response().longestDiameterChangePct())
                .emit();
    }

    static List<Finding> progression(Facts f, Draft d) {
        if (f.stage != Stage.POST_NEOADJUVANT || f.response.isEmpty()
                || f.response.get().response().category() != ResponseCategory.PD) {
            return d.silent();
        }
        ResponseAssessment r = f.response.get();
        d.because(r.because());
        if (!r.newSites().isEmpty()) {
            d.because(new Fact(r.followUp().pointer("distantMetastases"), Facts.sorted(r.followUp().distantMetastases().orElseThrow())));
        }
        priorRadiotherapy(f, d);
        return d.status(RECOMMENDED)
                .summary("Disease progressed on neoadjuvant therapy: review resectability and intent at the tumor board.")
                .detail("RECIST 1.1 progression (or new metastases) during neoadjuvant therapy calls the curative plan into "
                        + "question. The source gives no rule; a board review is CavaPlan's assumption.")
                .param("response", "PD")
                .param("longestDiameterChangePct", r.response().longestDiameterChangePct())
                .param("absoluteChangeMm", r.response().absoluteChangeMm())
                .emit();
    }
}
