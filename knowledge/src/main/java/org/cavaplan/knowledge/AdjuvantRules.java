package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.NOT_RECOMMENDED;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.model.Postoperative;
import org.cavaplan.core.plan.DiseaseStatus;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.plan.Verdict;

/**
 * Adjuvant therapy once pathology is known (plan contract v2, Adjuvant rows; S: Radiation; S:
 * Chemotherapy; S: Introduction). The stage rule keeps these rows to the adjuvant window; what was
 * given (postoperative radiotherapy, adjuvant chemotherapy) is judged in concordance here in every
 * post-operative stage, and then no recommendation is made (§3 stage rule, §7.8, §7.23).
 */
final class AdjuvantRules {

    static final String RADIOTHERAPY = "adjuvant.radiotherapy";
    static final String BOOST = "adjuvant.radiotherapy-boost";
    static final String CHEMOTHERAPY = "adjuvant.chemotherapy";

    /** Anthracycline regimens listed for adjuvant chemotherapy; left out below the ejection fraction threshold (§7.22). */
    static final List<String> REGIMENS = List.of("doxorubicin + dacarbazine", "doxorubicin");
    static final List<String> BEFORE_STARTING = List.of("left ventricular ejection fraction (echocardiography)",
            "fertility counselling under 45");

    private AdjuvantRules() {}

    static List<KbRule> all() {
        return List.of(
                rule(RADIOTHERAPY, Phase.ADJUVANT,
                        "NOT_RECOMMENDED after R0 (no routine postoperative radiotherapy for retroperitoneal sarcoma); CONSIDER "
                                + "after R1 without neoadjuvant radiotherapy, only after review by a sarcoma radiation oncologist "
                                + "and with bowel dose constraints; after R1 with neoadjuvant radiotherapy see the boost, after R2 "
                                + "the residual-disease review. Postoperative radiotherapy recorded: concordance only (R0 "
                                + "DISCORDANT, R1 without neoadjuvant radiotherapy CONCORDANT, R2 or margin unknown NOT_ASSESSABLE). "
                                + "The article's rule (R0 with high grade, size above {size.extremelyLargeAboveCm} or a margin "
                                + "closer than {margin.closeBelowMm}; R1) is kept as history",
                        "consensus (TARPSWG 2021; ESMO-EURACAN-GENTURIS 2021)",
                        List.of(Sources.RADIATION, Sources.TARPSWG_2021, Sources.ESMO_2021),
                        List.of(Thresholds.HIGH_GRADE_MIN, Thresholds.EXTREMELY_LARGE_CM, Thresholds.CLOSE_MARGIN_MM),
                        AdjuvantRules::radiotherapy).key(),
                rule(BOOST, Phase.ADJUVANT,
                        "after R1 following neoadjuvant radiotherapy: NOT_RECOMMENDED routinely (the article's boost of "
                                + "{adjuvant.boostMinGy:value} to {adjuvant.boostMaxGy} is kept as history, for a sarcoma radiation "
                                + "oncologist to weigh); silent after R0. Postoperative radiotherapy recorded in that case: "
                                + "NOT_ASSESSABLE (the radiation oncologist's decision: document the reason)",
                        "consensus guideline (ASTRO 2021)", List.of(Sources.RADIATION, Sources.ASTRO_2021),
                        List.of(Thresholds.BOOST_MIN_GY, Thresholds.BOOST_MAX_GY), AdjuvantRules::boost),
                rule("adjuvant.residual-disease-review", Phase.ADJUVANT, "RECOMMENDED after an R2 resection, while disease persists",
                        "retrospective series", List.of(Sources.INTRODUCTION), List.of(), AdjuvantRules::residual).key(),
                rule(CHEMOTHERAPY, Phase.ADJUVANT,
                        "CONSIDER (team discussion) for FNCLCC grade three, or grade two larger than "
                                + "{adjuvant.chemotherapyGrade2AboveCm}, with ECOG at most {adjuvant.chemotherapyMaxEcog:value}; "
                                + "NOT_RECOMMENDED for grade one at any size, grade two up to {adjuvant.chemotherapyGrade2AboveCm}, "
                                + "or ECOG above {fitness.fitMaxEcog:value} (these win over an unknown ECOG); otherwise CONDITIONAL "
                                + "while the grade, the size or ECOG is unknown or ECOG is above "
                                + "{adjuvant.chemotherapyMaxEcog:value}; silent while disease persists (systemic therapy instead). "
                                + "Anthracycline regimens are left out below an ejection fraction of {fitness.lowLvefBelowPct}. "
                                + "Adjuvant chemotherapy recorded as given: concordance only",
                        "retrospective series (J Surg Oncol 2024); no randomized trial",
                        List.of(Sources.CHEMOTHERAPY, Sources.JSO_2024),
                        List.of(Thresholds.ADJUVANT_CHEMO_G2_ABOVE_CM, Thresholds.ADJUVANT_CHEMO_MAX_ECOG,
                                Thresholds.FIT_MAX_ECOG, Thresholds.LOW_LVEF_PCT),
                        AdjuvantRules::chemotherapy));
    }

    private static Fact marginFact(Facts f) {
        return new Fact("/pathology/margin", f.margin().orElseThrow().name());
    }

    private static Fact neoadjuvantDoseFact(Facts f) {
        return new Fact("/neoadjuvant/radiotherapy/totalDoseGy", f.neoadjuvantRadiotherapy.orElseThrow().totalDoseGy());
    }

    /** Postoperative radiotherapy as recorded (its dose), if any. */
    private static Optional<Fact> recordedRadiotherapy(Facts f) {
        return f.kase.postoperative().flatMap(Postoperative::adjuvantRadiotherapyGy)
                .map(gy -> new Fact("/postoperative/adjuvantRadiotherapyGy", gy));
    }

    private static String gray(Fact dose) {
        return RuleTexts.number(((Number) dose.value()).doubleValue()) + " Gy";
    }

    // ---- adjuvant.radiotherapy ------------------------------------------------------------------

    static List<Finding> radiotherapy(Facts f, Draft d) {
        Optional<Fact> recorded = recordedRadiotherapy(f);
        if (recorded.isPresent()) {
            judgeRecordedRadiotherapy(f, d, recorded.get());
            return d.silent();
        }
        Optional<Margin> margin = f.margin();
        if (margin.isEmpty() || margin.get() == Margin.R2
                || (margin.get() == Margin.R1 && f.neoadjuvantRadiotherapyGiven())) {
            return d.silent();
        }
        d.because(marginFact(f)).update(Sources.TARPSWG_POSTOP_RT).update(Sources.NCCN_POSTOP_RT);
        if (margin.get() == Margin.R0) {
            return d.status(NOT_RECOMMENDED)
                    .summary("No postoperative radiotherapy after an R0 resection: bowel toxicity and no proven benefit.")
                    .detail("The retroperitoneal sarcoma consensus advises against routine postoperative radiotherapy: bowel lies in "
                            + "the field, toxicity is real and no benefit has been shown. " + articleRule(f, d))
                    .emit();
        }
        return d.status(CONSIDER)
                .param("requires", List.of("review by a sarcoma radiation oncologist", "bowel dose constraints"))
                .summary("Consider postoperative radiotherapy after R1 only after sarcoma radiation oncologist review, within bowel "
                        + "dose limits.")
                .detail("Microscopically positive margins, with no radiotherapy before the operation. Routine postoperative "
                        + "radiotherapy is not advised; a sarcoma radiation oncologist may offer it in selected cases when the tumor "
                        + "bed can be treated within bowel dose constraints. " + articleRule(f, d))
                .emit();
    }

    /**
     * The article's NCCN category 2B rule, kept as history, with the thresholds of these settings; names the
     * article's R0 risk factors this case has, so the board sees why the older advice would have differed.
     */
    private static String articleRule(Facts f, Draft d) {
        String rule = RuleTexts.resolve("The article (2014, after NCCN category 2B) advised it after R1 without neoadjuvant "
                + "radiotherapy, and after R0 for high-grade tumors, tumors larger than {size.extremelyLargeAboveCm} or margins "
                + "closer than {margin.closeBelowMm}", f.settings);
        if (f.margin().filter(m -> m == Margin.R0).isEmpty()) {
            return rule + ".";
        }
        List<String> present = new ArrayList<>(3);
        if (f.highGrade().yes()) {
            present.add("grade " + f.grade.get().value());
            d.because(f.grade.get());
        }
        if (f.extremelyLarge().yes()) {
            present.add(RuleTexts.number(f.sizeCm.get()) + " cm");
            d.because(f.sizeFact.get());
        }
        if (f.closeMargin().yes()) {
            present.add("margin " + RuleTexts.number((Double) f.closestMargin().get().value()) + " mm");
            d.because(f.closestMargin().get());
        }
        return present.isEmpty() ? rule + "." : rule + "; this tumor has " + String.join(", ", present) + ".";
    }

    private static void judgeRecordedRadiotherapy(Facts f, Draft d, Fact dose) {
        Optional<Margin> margin = f.margin();
        if (margin.isEmpty()) {
            d.concordance(RADIOTHERAPY, Verdict.NOT_ASSESSABLE, "Postoperative radiotherapy (" + gray(dose)
                    + ") was given; the resection margin is not recorded.", List.of(dose));
            return;
        }
        List<Fact> facts = List.of(marginFact(f), dose);
        switch (margin.get()) {
            case R0 -> d.concordance(RADIOTHERAPY, Verdict.DISCORDANT, "Postoperative radiotherapy (" + gray(dose)
                    + ") after an R0 resection: the consensus advises against it routinely (bowel toxicity, no proven benefit); "
                    + "document the reason.", facts);
            case R1 -> {
                if (!f.neoadjuvantRadiotherapyGiven()) {
                    d.concordance(RADIOTHERAPY, Verdict.CONCORDANT, "Postoperative radiotherapy (" + gray(dose)
                            + ") after an R1 resection without neoadjuvant radiotherapy: an option after specialist review.", facts);
                }
            }
            case R2 -> d.concordance(RADIOTHERAPY, Verdict.NOT_ASSESSABLE, "Postoperative radiotherapy (" + gray(dose)
                    + ") after an R2 resection treats residual disease: the board's decision; document the reason.", facts);
        }
    }

    // ---- adjuvant.radiotherapy-boost --------------------------------------------------------------

    static List<Finding> boost(Facts f, Draft d) {
        if (f.margin().filter(m -> m == Margin.R1).isEmpty() || !f.neoadjuvantRadiotherapyGiven()) {
            return d.silent();
        }
        Optional<Fact> recorded = recordedRadiotherapy(f);
        if (recorded.isPresent()) {
            d.concordance(BOOST, Verdict.NOT_ASSESSABLE, "Postoperative radiotherapy (" + gray(recorded.get())
                    + ") after an R1 resection that followed preoperative radiotherapy: the radiation oncologist's decision; "
                    + "document the reason.", List.of(marginFact(f), neoadjuvantDoseFact(f), recorded.get()));
            return d.silent();
        }
        return d.status(NOT_RECOMMENDED)
                .because(marginFact(f))
                .because(neoadjuvantDoseFact(f))
                .update(Sources.ASTRO_BOOST)
                .summary("No routine postoperative boost after R1: radiotherapy was given before the operation; a boost adds bowel "
                        + "toxicity.")
                .detail(RuleTexts.resolve("After preoperative radiotherapy, a postoperative boost adds bowel toxicity without shown "
                        + "benefit. The article (2014, after NCCN category 2B) advised a boost of {adjuvant.boostMinGy:value} to "
                        + "{adjuvant.boostMaxGy} after an R1 resection; a sarcoma radiation oncologist may still weigh it for a "
                        + "defined area at risk.", f.settings))
                .emit();
    }

    // ---- adjuvant.residual-disease-review -------------------------------------------------------

    static List<Finding> residual(Facts f, Draft d) {
        if (f.margin().filter(m -> m == Margin.R2).isEmpty()) {
            return d.silent();
        }
        return d.status(RECOMMENDED).because(marginFact(f))
                .summary("Macroscopic tumor was left behind (R2): review re-resection, radiotherapy or systemic therapy.")
                .detail("Macroscopic residual disease carries a poorer prognosis; the tumor board decides between further "
                        + "surgery, radiotherapy and systemic therapy.")
                .emit();
    }

    // ---- adjuvant.chemotherapy ------------------------------------------------------------------

    /** What the chemotherapy row decides from grade, size and ECOG, before anything recorded is judged. */
    record ChemoChoice(Status status, List<String> reasons, List<Fact> facts, List<String> unknown, Optional<String> when) {
        ChemoChoice {
            reasons = List.copyOf(reasons);
            facts = List.copyOf(facts);
            unknown = List.copyOf(unknown);
        }
    }

    /**
     * The row's decision (§7.15): NOT_RECOMMENDED for grade 1, grade 2 up to the size threshold, or ECOG
     * worse than fit, whatever else is unknown; CONSIDER for grade 3, or grade 2 above the size
     * threshold, with ECOG at most the adjuvant threshold; CONDITIONAL otherwise.
     */
    static ChemoChoice chemoChoice(Facts f) {
        Optional<Integer> grade = f.grade.map(g -> (Integer) g.value());
        double sizeLimit = f.settings.get(Thresholds.ADJUVANT_CHEMO_G2_ABOVE_CM);
        String limit = RuleTexts.number(sizeLimit) + " cm";
        int maxEcog = f.settings.whole(Thresholds.ADJUVANT_CHEMO_MAX_ECOG);
        Optional<Integer> ecog = f.ecogValue();
        List<Fact> facts = new ArrayList<>(3);
        f.grade.ifPresent(facts::add);
        if (grade.filter(g -> g == 2).isPresent()) {
            f.sizeFact.ifPresent(facts::add);
        }
        f.ecog.ifPresent(facts::add);

        List<String> against = new ArrayList<>(2);
        if (grade.filter(g -> g == 1).isPresent()) {
            against.add("grade 1");
        } else if (grade.filter(g -> g == 2).isPresent() && f.sizeCm.filter(cm -> cm <= sizeLimit).isPresent()) {
            against.add("grade 2 at " + RuleTexts.number(f.sizeCm.get()) + " cm (not above " + limit + ")");
        }
        if (f.unfit()) {
            against.add("ECOG " + ecog.get());
        }
        if (!against.isEmpty()) {
            return new ChemoChoice(NOT_RECOMMENDED, against, facts, List.of(), Optional.empty());
        }

        List<String> reasons = new ArrayList<>(2);
        List<String> unknown = new ArrayList<>(3);
        List<String> when = new ArrayList<>(2);
        boolean tumor = false;
        if (grade.isEmpty()) {
            unknown.add("/pathology/fnclccGrade");
            when.add("the tumor is FNCLCC grade 3, or grade 2 larger than " + limit);
        } else if (grade.get() == 3) {
            tumor = true;
            reasons.add("grade 3");
        } else if (f.sizeCm.isEmpty()) {
            unknown.add("/pathology/maxDiameterCm");
            when.add("the grade 2 tumor is larger than " + limit);
        } else {
            tumor = true;
            reasons.add("grade 2 at " + RuleTexts.number(f.sizeCm.get()) + " cm");
        }
        boolean performance = false;
        if (ecog.isEmpty()) {
            unknown.add("/patient/ecog");
            when.add("performance status is ECOG " + maxEcog + " or better");
        } else if (ecog.get() <= maxEcog) {
            performance = true;
            reasons.add("ECOG " + ecog.get());
        } else {
            when.add("performance status recovers to ECOG " + maxEcog + " or better (now ECOG " + ecog.get() + ")");
        }
        if (tumor && performance) {
            return new ChemoChoice(CONSIDER, reasons, facts, List.of(), Optional.empty());
        }
        return new ChemoChoice(Status.CONDITIONAL, reasons, facts, unknown, Optional.of(String.join(", and ", when)));
    }

    static List<Finding> chemotherapy(Facts f, Draft d) {
        if (!f.afterOperation()) {
            return d.silent();
        }
        Optional<Boolean> recorded = f.kase.postoperative().flatMap(Postoperative::adjuvantChemotherapy);
        boolean given = recorded.orElse(false);
        if (f.diseaseStatus == DiseaseStatus.PERSISTENT) {
            if (given) {
                List<Fact> facts = new ArrayList<>(f.diseaseStatusBasis);
                facts.add(new Fact("/postoperative/adjuvantChemotherapy", true));
                d.concordance(CHEMOTHERAPY, Verdict.NOT_ASSESSABLE, "Chemotherapy after the operation treated disease that "
                        + "persisted (R2 or metastases): it is judged as systemic therapy, not as adjuvant therapy.", facts);
            }
            return d.silent();
        }
        if (f.pathology.isEmpty()) {
            if (given) {
                d.concordance(CHEMOTHERAPY, Verdict.NOT_ASSESSABLE, "Adjuvant chemotherapy was given; the pathology of the "
                        + "specimen is not recorded.", List.of(new Fact("/postoperative/adjuvantChemotherapy", true)));
            }
            return d.silent();
        }
        ChemoChoice choice = chemoChoice(f);
        if (given) {
            judgeRecordedChemotherapy(d, choice);
            return d.silent();
        }
        d.because(choice.facts()).update(Sources.JSO_CHEMOTHERAPY);
        if (!d.hasFacts()) {
            d.because(marginFact(f));
        }
        String detail = RuleTexts.resolve("No randomized trial supports adjuvant chemotherapy for leiomyosarcoma of the cava. The "
                + "article found no gain in survival or local control in case reports and small series; a 2024 series of 41 caval "
                + "leiomyosarcomas linked perioperative chemotherapy with longer disease-free survival, and grade predicted "
                + "survival. The team may consider it for FNCLCC grade 3, or grade 2 larger than "
                + "{adjuvant.chemotherapyGrade2AboveCm}, in a patient with ECOG {adjuvant.chemotherapyMaxEcog:value} or better.",
                f.settings);
        d.detail(detail);
        if (choice.status() == NOT_RECOMMENDED) {
            return d.status(NOT_RECOMMENDED)
                    .summary("No adjuvant chemotherapy: " + String.join(" and ", choice.reasons()) + "; no benefit is expected.")
                    .emit();
        }
        regimens(f, d);
        d.param("beforeStarting", BEFORE_STARTING);
        if (choice.status() == CONSIDER) {
            return d.status(CONSIDER)
                    .summary("Consider adjuvant chemotherapy at the sarcoma team (" + String.join(", ", choice.reasons())
                            + "): retrospective evidence only.")
                    .emit();
        }
        choice.unknown().forEach(p -> d.missing(p, "grade, size and performance status decide adjuvant chemotherapy"));
        int maxEcog = f.settings.whole(Thresholds.ADJUVANT_CHEMO_MAX_ECOG);
        boolean highRisk = !choice.reasons().isEmpty() && choice.reasons().get(0).startsWith("grade");
        return d.conditional(choice.when().orElseThrow())
                .summary(highRisk
                        ? "Adjuvant chemotherapy may be considered (" + choice.reasons().get(0) + ") once performance status is ECOG "
                                + maxEcog + " or better."
                        : "Adjuvant chemotherapy is an option only for a grade 3 or large grade 2 tumor with good performance status.")
                .emit();
    }

    /** The anthracycline regimens, or none with warning LOW_LVEF when the ejection fraction is low (§7.22). */
    private static void regimens(Facts f, Draft d) {
        Optional<Double> lvef = f.kase.patient().lvefPct();
        if (lvef.isPresent() && lvef.get() < f.settings.get(Thresholds.LOW_LVEF_PCT)) {
            d.because(new Fact("/patient/lvefPct", lvef.get()));
            d.param("regimens", List.of());
            d.warn("LOW_LVEF", RuleTexts.resolve("Left ventricular ejection fraction " + RuleTexts.number(lvef.get())
                    + " % (below {fitness.lowLvefBelowPct}): anthracycline regimens are left out of adjuvant chemotherapy; discuss "
                    + "a regimen without an anthracycline with medical oncology and cardio-oncology.", f.settings));
            return;
        }
        d.param("regimens", REGIMENS);
    }

    private static void judgeRecordedChemotherapy(Draft d, ChemoChoice choice) {
        List<Fact> facts = new ArrayList<>(choice.facts());
        facts.add(new Fact("/postoperative/adjuvantChemotherapy", true));
        switch (choice.status()) {
            case CONSIDER -> d.concordance(CHEMOTHERAPY, Verdict.CONCORDANT, "Adjuvant chemotherapy was given ("
                    + String.join(", ", choice.reasons()) + "): an option after team discussion.", facts);
            case NOT_RECOMMENDED -> d.concordance(CHEMOTHERAPY, Verdict.DISCORDANT, "Adjuvant chemotherapy was given despite "
                    + String.join(" and ", choice.reasons()) + ": not advised; document the reason.", facts);
            default -> d.concordance(CHEMOTHERAPY, Verdict.NOT_ASSESSABLE, "Adjuvant chemotherapy was given; it can be judged "
                    + "only when " + choice.when().orElse("grade, size and performance status are known") + ".", facts);
        }
    }
}
