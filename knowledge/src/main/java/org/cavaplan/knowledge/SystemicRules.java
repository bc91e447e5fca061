package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.CONDITIONAL;
import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.NOT_RECOMMENDED;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.model.Neoadjuvant;
import org.cavaplan.core.plan.DiseaseStatus;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.ResponseCategory;
import org.cavaplan.core.plan.Status;

/**
 * Systemic therapy for advanced disease (plan contract v2, phase SYSTEMIC; §7.11, §7.13, §7.19,
 * §7.22): metastatic, persistent, unresectable recurrent or progressing disease goes to medical
 * oncology, for a first line when no chemotherapy is recorded, else for a subsequent line; the status
 * follows the latest ECOG. Palliative care comes with either row, and response imaging with either
 * while it is advised. Anthracyclines are left out below the ejection-fraction threshold.
 */
final class SystemicRules {

    /** ECOG 4: completely disabled, confined to bed or chair (the ECOG scale itself, not a choice). */
    private static final int BEDBOUND_ECOG = 4;

    static final String TRABECTEDIN_COMBINATION = "doxorubicin + trabectedin, then trabectedin maintenance (LMS-04)";
    static final String DOXORUBICIN_DACARBAZINE = "doxorubicin + dacarbazine";
    static final String DOXORUBICIN = "doxorubicin";
    private static final String BOARD_NOT_RESECTABLE = "the board does not confirm resectability";

    private SystemicRules() {}

    static List<KbRule> all() {
        String byEcog = "RECOMMENDED up to {" + Thresholds.FIT_MAX_ECOG + "}, CONSIDER single-agent therapy when worse but not "
                + "bedbound and only when the tumor causes the poor status, NOT_RECOMMENDED when bedbound (best supportive "
                + "care), CONDITIONAL while ECOG is unknown; CONDITIONAL on the board's view of resectability when the only "
                + "trigger is progression on neoadjuvant therapy";
        String when = "when the intent is PALLIATIVE, the disease is PERSISTENT, resection of a recurrence is NOT_RECOMMENDED "
                + "(by the recurrence criteria) or the disease progressed on neoadjuvant therapy before the operation";
        return List.of(
                rule("systemic.first-line", Phase.SYSTEMIC,
                        when + ", and no chemotherapy is recorded: refer to medical oncology for first-line doxorubicin-based "
                                + "therapy; " + byEcog + ". Regimens up to {" + Thresholds.SYSTEMIC_COMBINATION_MAX_ECOG
                                + "}: doxorubicin + trabectedin then trabectedin maintenance, doxorubicin + dacarbazine, or "
                                + "doxorubicin; above it doxorubicin alone; anthracycline regimens are left out when the left "
                                + "ventricular ejection fraction is below {" + Thresholds.LOW_LVEF_PCT + "} (warning LOW_LVEF)",
                        "randomized trial (LMS-04)", List.of(Sources.LMS04),
                        List.of(Thresholds.FIT_MAX_ECOG, Thresholds.SYSTEMIC_COMBINATION_MAX_ECOG, Thresholds.LOW_LVEF_PCT),
                        SystemicRules::firstLine).key(),
                rule("systemic.subsequent-line", Phase.SYSTEMIC,
                        when + ", and chemotherapy is already recorded (neoadjuvant or adjuvant): refer to medical oncology for "
                                + "a subsequent line chosen by what was given and how the disease responded (trabectedin, "
                                + "gemcitabine with or without docetaxel, pazopanib, a clinical trial; a doxorubicin-based "
                                + "regimen only if none was given before and the ejection fraction is at least {"
                                + Thresholds.LOW_LVEF_PCT + "}); " + byEcog,
                        "guideline (ESMO-EURACAN-GENTURIS 2021)", List.of(Sources.ESMO_2021),
                        List.of(Thresholds.FIT_MAX_ECOG, Thresholds.LOW_LVEF_PCT), SystemicRules::subsequentLine).key(),
                rule("systemic.palliative-care", Phase.SYSTEMIC,
                        "RECOMMENDED whenever a first or subsequent line of systemic therapy is emitted, whatever its status: "
                                + "early palliative care alongside treatment",
                        "guideline (ASCO 2024)", List.of(Sources.ASCO_PALLIATIVE_2024), List.of(),
                        SystemicRules::palliativeCare),
                rule("systemic.response-imaging", Phase.SYSTEMIC,
                        "RECOMMENDED with a first or subsequent line that is RECOMMENDED or CONSIDER (not while it is "
                                + "CONDITIONAL): CT of chest, abdomen and pelvis every {"
                                + Thresholds.SYSTEMIC_IMAGING_MIN_MONTHS + ":value}-{" + Thresholds.SYSTEMIC_IMAGING_MAX_MONTHS
                                + "} on treatment, RECIST 1.1 (assumption); it replaces surveillance imaging while disease "
                                + "is present",
                        "expert opinion (assumption)", List.of(Sources.ASSUMPTION, Sources.RECIST),
                        List.of(Thresholds.SYSTEMIC_IMAGING_MIN_MONTHS, Thresholds.SYSTEMIC_IMAGING_MAX_MONTHS),
                        SystemicRules::responseImaging));
    }

    /**
     * Why systemic therapy is on the table: the reasons in words, the facts behind them, and whether
     * progression on neoadjuvant therapy is the only one (then the row waits on the board, §7.11).
     */
    record Indication(List<String> reasons, List<Fact> facts, boolean progressionOnly) {
        Indication {
            reasons = List.copyOf(reasons);
            facts = List.copyOf(facts);
        }
    }

    /** The indication for systemic therapy; empty when the disease is not advanced. */
    static Optional<Indication> indication(Facts f) {
        List<String> reasons = new ArrayList<>(3);
        List<Fact> facts = new ArrayList<>();
        if (f.intent == Intent.PALLIATIVE) {
            reasons.add("distant metastases");
            facts.addAll(f.intentBasis);
        }
        if (f.diseaseStatus == DiseaseStatus.PERSISTENT && f.margin().filter(m -> m == Margin.R2).isPresent()) {
            reasons.add("macroscopic residual tumor after the operation (R2)");
            facts.addAll(f.diseaseStatusBasis);
        }
        // The recurrence criteria themselves, not another rule's output: the resection row is NOT_RECOMMENDED exactly then.
        if (f.diseaseStatus == DiseaseStatus.RECURRENT && f.recurrence.filter(c -> c.overall().no()).isPresent()) {
            reasons.add("a recurrence not suited to resection");
            facts.addAll(f.diseaseStatusBasis);
            facts.addAll(f.recurrence.get().facts());
        }
        boolean progression = f.beforeOperation()
                && f.response.filter(r -> r.response().category() == ResponseCategory.PD).isPresent();
        if (progression) {
            reasons.add("progression on neoadjuvant therapy");
            facts.addAll(f.response.get().because());
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Indication(reasons, facts, progression && reasons.size() == 1));
    }

    /** The status of the first or subsequent line: by ECOG, and waiting on the board after progression alone. */
    static Status status(Facts f, Indication indication) {
        Optional<Integer> ecog = f.ecogValue();
        Status byEcog;
        if (ecog.isEmpty()) {
            byEcog = CONDITIONAL;
        } else if (ecog.get() <= f.settings.whole(Thresholds.FIT_MAX_ECOG)) {
            byEcog = RECOMMENDED;
        } else if (ecog.get() >= BEDBOUND_ECOG) {
            byEcog = NOT_RECOMMENDED;
        } else {
            byEcog = CONSIDER;
        }
        // As for the operative rows (§7.5): only RECOMMENDED and CONSIDER wait on the board; advice against stands.
        return indication.progressionOnly() && byEcog != NOT_RECOMMENDED ? CONDITIONAL : byEcog;
    }

    /** What a CONDITIONAL line waits for. */
    private static String when(Facts f, Indication indication) {
        List<String> conditions = new ArrayList<>(2);
        if (indication.progressionOnly()) {
            conditions.add(BOARD_NOT_RESECTABLE);
        }
        if (f.ecog.isEmpty()) {
            conditions.add("performance status is recorded as ECOG " + f.settings.whole(Thresholds.FIT_MAX_ECOG) + " or better");
        }
        return String.join(", and ", conditions);
    }

    /** The draft's status, facts and shared parameters for the line this case needs. */
    private static Status start(Facts f, Indication indication, Draft d) {
        Status status = status(f, indication);
        d.because(indication.facts()).because(f.ecog).param("indications", indication.reasons())
                .param("ecog", f.ecogValue().map(e -> (Object) e).orElse("not recorded"))
                .param("referral", "medical oncology");
        if (f.ecog.isEmpty()) {
            d.missing(ecogPointer(f), "performance status decides whether and which systemic therapy is advised");
        }
        if (status == CONDITIONAL) {
            d.conditional(when(f, indication));
        } else {
            d.status(status);
        }
        return status;
    }

    private static String ecogPointer(Facts f) {
        List<FollowUp> visits = f.followUpsByDate();
        return visits.isEmpty() ? "/patient/ecog" : visits.get(visits.size() - 1).pointer("ecog");
    }

    /** The recorded ejection fraction when it is below the threshold; empty when it is not, or not recorded. */
    private static Optional<Double> lowLvef(Facts f) {
        return f.kase.patient().lvefPct().filter(v -> v < f.settings.get(Thresholds.LOW_LVEF_PCT));
    }

    private static void warnLowLvef(Facts f, Draft d, double lvef) {
        d.because(new Fact("/patient/lvefPct", lvef))
                .warn("LOW_LVEF", "Left ventricular ejection fraction " + RuleTexts.number(lvef) + " % is below "
                        + RuleTexts.number(f.settings.get(Thresholds.LOW_LVEF_PCT)) + " %: anthracycline regimens "
                        + "(doxorubicin) are left out; cardio-oncology review before any cardiotoxic therapy.");
    }

    /** The chemotherapy recorded before, as facts. */
    private static List<Fact> chemotherapyFacts(Facts f) {
        List<Fact> facts = new ArrayList<>(2);
        f.kase.neoadjuvant().flatMap(Neoadjuvant::chemotherapy)
                .ifPresent(c -> facts.add(new Fact("/neoadjuvant/chemotherapy/regimen", c.regimen())));
        if (f.kase.postoperative().flatMap(p -> p.adjuvantChemotherapy()).orElse(false)) {
            facts.add(new Fact("/postoperative/adjuvantChemotherapy", true));
        }
        return facts;
    }

    /** Whether an anthracycline was given: YES from the neoadjuvant regimen's name; UNKNOWN after adjuvant chemotherapy (no regimen recorded). */
    static Tri anthracyclineGiven(Facts f) {
        boolean named = f.kase.neoadjuvant().flatMap(Neoadjuvant::chemotherapy).map(c -> anthracycline(c.regimen())).orElse(false);
        if (named) {
            return Tri.YES;
        }
        return f.kase.postoperative().flatMap(p -> p.adjuvantChemotherapy()).orElse(false) ? Tri.UNKNOWN : Tri.NO;
    }

    private static boolean anthracycline(String regimen) {
        String r = regimen.toLowerCase(Locale.ROOT);
        return r.contains("doxorubicin") || r.contains("adriamycin") || r.contains("epirubicin") || r.contains("anthracycline");
    }

    /** First-line regimens by ECOG (unknown: those of the best status, the detail says the rest). */
    private static List<String> firstLineRegimens(Facts f) {
        Optional<Integer> ecog = f.ecogValue();
        if (ecog.isEmpty() || ecog.get() <= f.settings.whole(Thresholds.SYSTEMIC_COMBINATION_MAX_ECOG)) {
            return List.of(TRABECTEDIN_COMBINATION, DOXORUBICIN_DACARBAZINE, DOXORUBICIN);
        }
        return ecog.get() >= BEDBOUND_ECOG ? List.of() : List.of(DOXORUBICIN);
    }

    /** Limited (oligometastatic) disease: the latest count of metastases is within the recurrence limit. */
    private static Optional<Integer> limitedMetastases(Facts f) {
        return f.latestVisit(FollowUp::recordsDistantMetastases).flatMap(FollowUp::metastasisCount)
                .filter(n -> n <= f.settings.whole(Thresholds.MAX_METASTASES));
    }

    static List<Finding> firstLine(Facts f, Draft d) {
        Optional<Indication> indication = indication(f);
        if (indication.isEmpty() || f.chemotherapyRecorded()) {
            return d.silent();
        }
        Status status = start(f, indication.get(), d);
        int fit = f.settings.whole(Thresholds.FIT_MAX_ECOG);
        int combination = f.settings.whole(Thresholds.SYSTEMIC_COMBINATION_MAX_ECOG);
        List<String> regimens = firstLineRegimens(f);
        Optional<Double> lvef = lowLvef(f);
        List<String> leftOut = List.of();
        if (lvef.isPresent() && !regimens.isEmpty()) {
            // Every first-line regimen holds doxorubicin.
            leftOut = regimens;
            regimens = List.of();
            warnLowLvef(f, d, lvef.get());
        }
        if (status != NOT_RECOMMENDED) {
            d.param("regimens", regimens);
            if (!leftOut.isEmpty()) {
                d.param("leftOut", leftOut);
            }
            d.param("beforeStarting", List.of("left ventricular ejection fraction (echocardiography)"));
        }
        StringBuilder detail = new StringBuilder(600);
        detail.append("Advanced disease (").append(String.join(", ", indication.get().reasons()))
                .append(") is treated by medical oncology. In the LMS-04 trial, doxorubicin with trabectedin followed by "
                        + "trabectedin maintenance gave longer progression-free and overall survival than doxorubicin alone "
                        + "in metastatic or unresectable leiomyosarcoma, for patients at ECOG ")
                .append(combination == 0 ? "0" : "0-" + combination)
                .append("; doxorubicin with dacarbazine, or doxorubicin alone, are the alternatives, and doxorubicin alone "
                        + "is the choice up to ECOG ").append(fit)
                .append(". When performance is worse but the patient is not bedbound, single-agent therapy is reasonable only "
                        + "when the tumor causes the poor status; a bedbound patient gets best supportive care. Check the left "
                        + "ventricular ejection fraction before an anthracycline.");
        limitedMetastases(f).ifPresent(n -> detail.append(" Disease is limited (").append(n)
                .append(n == 1 ? " metastasis" : " metastases").append("): after a response, the board discusses local "
                        + "treatment of the remaining sites."));
        detail.append(" The review article (2014) predates this evidence and does not address advanced disease.");
        d.detail(detail.toString());
        Optional<Integer> ecog = f.ecogValue();
        if (status == NOT_RECOMMENDED) {
            return d.summary("Systemic therapy is not advised at ECOG " + ecog.get() + ": best supportive care, with palliative care.")
                    .emit();
        }
        if (status == CONSIDER) {
            return d.summary("Consider single-agent " + (leftOut.isEmpty() ? "doxorubicin" : "therapy without an anthracycline")
                    + " only if the tumor causes the poor performance status (ECOG " + ecog.get() + ").").emit();
        }
        String prefix = indication.get().progressionOnly() ? "Unless the board confirms resectability, refer" : "Refer";
        if (!leftOut.isEmpty()) {
            return d.summary(prefix + " to medical oncology for first-line therapy without an anthracycline (LVEF "
                    + RuleTexts.number(lvef.get()) + " %).").emit();
        }
        if (ecog.isEmpty()) {
            return d.summary(prefix + " to medical oncology for first-line doxorubicin-based therapy, chosen by ECOG.")
                    .emit();
        }
        if (ecog.get() > combination) {
            return d.summary(prefix + " to medical oncology for first-line doxorubicin alone (ECOG " + ecog.get() + ").").emit();
        }
        return d.summary(prefix + " to medical oncology for first-line doxorubicin + trabectedin, then trabectedin maintenance.")
                .emit();
    }

    static List<Finding> subsequentLine(Facts f, Draft d) {
        Optional<Indication> indication = indication(f);
        if (indication.isEmpty() || !f.chemotherapyRecorded()) {
            return d.silent();
        }
        Status status = start(f, indication.get(), d);
        d.because(chemotherapyFacts(f));
        int fit = f.settings.whole(Thresholds.FIT_MAX_ECOG);
        Tri anthracycline = anthracyclineGiven(f);
        d.param("priorAnthracycline", anthracycline.yes() ? (Object) true : anthracycline.no() ? (Object) false : "unknown");
        Optional<Double> lvef = lowLvef(f);
        boolean combinations = f.ecogValue().map(e -> e <= fit).orElse(true);
        List<String> options = new ArrayList<>(5);
        if (!anthracycline.yes()) {
            String doxorubicin = anthracycline.no() ? "a doxorubicin-based regimen (none given before)"
                    : "a doxorubicin-based regimen, if none was given before";
            if (lvef.isPresent()) {
                d.param("leftOut", List.of(doxorubicin));
                warnLowLvef(f, d, lvef.get());
            } else {
                options.add(doxorubicin);
            }
        }
        options.add("trabectedin");
        options.add(combinations ? "gemcitabine with or without docetaxel" : "gemcitabine");
        options.add("pazopanib");
        options.add("a clinical trial");
        if (status != NOT_RECOMMENDED) {
            d.param("options", options);
        }
        d.detail("Chemotherapy is already recorded (" + String.join("; ", describe(chemotherapyFacts(f))) + "), so the next line "
                + "is chosen by medical oncology from what was given and how the disease responded: trabectedin, gemcitabine "
                + "with or without docetaxel, pazopanib or a clinical trial, and a doxorubicin-based regimen only if none was "
                + "given before. Treatment is advised up to ECOG " + fit + "; when performance is worse but the patient is not "
                + "bedbound, only single-agent therapy, and only when the tumor causes the poor status; a bedbound patient gets "
                + "best supportive care.");
        Optional<Integer> ecog = f.ecogValue();
        if (status == NOT_RECOMMENDED) {
            return d.summary("A further line of systemic therapy is not advised at ECOG " + ecog.get()
                    + ": best supportive care, with palliative care.").emit();
        }
        if (status == CONSIDER) {
            return d.summary("Consider a single-agent further line only if the tumor itself causes the poor performance status (ECOG "
                    + ecog.get() + ").").emit();
        }
        if (indication.get().progressionOnly()) {
            return d.summary("Unless the board confirms resectability, refer to medical oncology for a further line of "
                    + "systemic therapy.").emit();
        }
        if (ecog.isEmpty()) {
            return d.summary("Refer to medical oncology for a further line of systemic therapy; whether and which depends on ECOG.")
                    .emit();
        }
        return d.summary("Refer to medical oncology for a further line chosen by prior therapy and response (e.g. trabectedin, "
                + "gemcitabine).").emit();
    }

    private static List<String> describe(List<Fact> chemotherapy) {
        List<String> words = new ArrayList<>(chemotherapy.size());
        for (Fact fact : chemotherapy) {
            words.add(fact.pointer().startsWith("/neoadjuvant/") ? "neoadjuvant " + fact.value() : "adjuvant chemotherapy");
        }
        return words;
    }

    static List<Finding> palliativeCare(Facts f, Draft d) {
        Optional<Indication> indication = indication(f);
        if (indication.isEmpty()) {
            return d.silent();
        }
        return d.status(RECOMMENDED).because(indication.get().facts()).because(f.ecog)
                .param("indications", indication.get().reasons())
                .summary("Involve palliative care now, alongside anticancer treatment: symptoms, support and planning ahead.")
                .detail("With advanced disease (" + String.join(", ", indication.get().reasons()) + "), a palliative care team "
                        + "working alongside oncology from early on improves symptoms and quality of life; it does not wait "
                        + "for the end of treatment.")
                .emit();
    }

    static List<Finding> responseImaging(Facts f, Draft d) {
        Optional<Indication> indication = indication(f);
        if (indication.isEmpty()) {
            return d.silent();
        }
        Status line = status(f, indication.get());
        if (line != RECOMMENDED && line != CONSIDER) {
            return d.silent();
        }
        int min = f.settings.whole(Thresholds.SYSTEMIC_IMAGING_MIN_MONTHS);
        int max = f.settings.whole(Thresholds.SYSTEMIC_IMAGING_MAX_MONTHS);
        String interval = min == max ? String.valueOf(min) : min + "-" + max;
        return d.status(RECOMMENDED).because(indication.get().facts()).because(f.ecog)
                .param("modality", "CT chest, abdomen and pelvis")
                .param("minIntervalMonths", min)
                .param("maxIntervalMonths", max)
                .param("criteria", "RECIST 1.1")
                .summary("On systemic therapy, CT of chest, abdomen and pelvis every " + interval
                        + " months, read with RECIST 1.1 against a baseline.")
                .detail("Response to systemic therapy is judged on CT of chest, abdomen and pelvis every " + interval + " months "
                        + "(CavaPlan assumption), against a baseline study before the first cycle, with RECIST 1.1. While disease "
                        + "is present this replaces the surveillance schedule.")
                .emit();
    }
}
