package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.NOT_RECOMMENDED;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.Landmark;
import org.cavaplan.core.model.Neoadjuvant;
import org.cavaplan.core.model.Organ;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.ResponseCategory;
import org.cavaplan.core.plan.Stage;

/**
 * Therapy before the operation and restaging after it (S: Chemotherapy; S: Radiation; S: Case Report;
 * plan contract v2, Neoadjuvant rows): chemotherapy gated by fitness, size, histology and the tumor's
 * upper end, with STRASS2 screening; no routine preoperative radiotherapy (STRASS); restaging, surgery
 * or a board review once neoadjuvant therapy is over.
 */
final class NeoadjuvantRules {

    /** The regimen of STRASS2's leiomyosarcoma arm: an anthracycline regimen. */
    static final String REGIMEN = "doxorubicin + dacarbazine";
    static final String CYCLES = "per the STRASS2 protocol (3 cycles)";
    static final List<String> BEFORE_STARTING = List.of("left ventricular ejection fraction (echocardiography)",
            "fertility counselling under 45");

    static final String STAGING = "staging shows no distant metastases";
    static final String SUPRAHEPATIC = "the board judges that progression toward the atrium would not make it unresectable";

    /** The major organs of STRASS2's "at most one invaded major organ" (§7.18). */
    static final Set<Organ> MAJOR_ORGANS = EnumSet.of(Organ.LIVER, Organ.RIGHT_KIDNEY, Organ.LEFT_KIDNEY, Organ.DUODENUM,
            Organ.SMALL_BOWEL, Organ.COLON, Organ.PANCREAS);

    private NeoadjuvantRules() {}

    static List<KbRule> all() {
        return List.of(
                rule("neoadjuvant.chemotherapy", Phase.NEOADJUVANT,
                        "before any treatment, unless intent is PALLIATIVE; first match wins: NOT_RECOMMENDED when ECOG is above "
                                + "{fitness.fitMaxEcog:value}, the pretreatment size is below {neoadjuvant.chemotherapyMinSizeCm} or "
                                + "the tumor extends into the right atrium; CONDITIONAL while staging for distant metastases is not "
                                + "recorded, leiomyosarcoma is not confirmed, ECOG, the pretreatment size or the cranial extent is "
                                + "unknown, or the cranial extent is suprahepatic; else CONSIDER. The anthracycline regimen is left "
                                + "out when the ejection fraction is below {fitness.lowLvefBelowPct}",
                        "not standard; randomized trial ongoing (STRASS2); retrospective series",
                        List.of(Sources.CHEMOTHERAPY, Sources.STRASS2_TRIAL),
                        List.of(Thresholds.FIT_MAX_ECOG, Thresholds.NEOADJUVANT_CHEMO_MIN_CM, Thresholds.LOW_LVEF_PCT),
                        NeoadjuvantRules::chemotherapy).key(),
                rule("trial.strass2", Phase.NEOADJUVANT,
                        "before any treatment: CONSIDER screening when leiomyosarcoma is confirmed, age is at least "
                                + "{trial.strass2MinAgeYears}, the pretreatment size at least {trial.strass2MinSizeCm}, ECOG at most "
                                + "{trial.strass2MaxEcog:value}, staging shows no distant metastases, the tumor does not extend into "
                                + "the right atrium, its cranial extent is not suprahepatic, the aorta is not invaded and at most "
                                + "{trial.strass2MaxInvadedMajorOrgans:value} major organ is invaded; CONDITIONAL when one of these "
                                + "is unknown; silent when one fails or a recorded ASA class is above {trial.strass2MaxAsaClass:value} "
                                + "(an unrecorded ASA class is listed to check)",
                        "trial eligibility (registry record of 2025): check recruitment", List.of(Sources.STRASS2_TRIAL),
                        List.of(Thresholds.STRASS2_MIN_AGE, Thresholds.STRASS2_MIN_CM, Thresholds.STRASS2_MAX_ECOG,
                                Thresholds.STRASS2_MAX_ASA, Thresholds.STRASS2_MAX_ORGANS),
                        NeoadjuvantRules::strass2),
                rule("neoadjuvant.radiotherapy", Phase.NEOADJUVANT,
                        "before the operation, unless intent is PALLIATIVE: NOT_RECOMMENDED routinely, also while staging is not "
                                + "recorded; silent once preoperative radiotherapy was given",
                        "randomized trial (STRASS)", List.of(Sources.RADIATION, Sources.STRASS_TRIAL), List.of(),
                        NeoadjuvantRules::radiotherapy).key(),
                rule("neoadjuvant.restaging", Phase.NEOADJUVANT,
                        "RECOMMENDED after neoadjuvant therapy when no study is dated after its end; prior radiotherapy with EQD2 "
                                + "and BED at an alpha/beta of {radiobiology.alphaBetaGy}",
                        "single case report", List.of(Sources.CASE_REPORT), List.of(Thresholds.ALPHA_BETA_GY),
                        NeoadjuvantRules::restaging),
                rule("neoadjuvant.proceed-to-surgery", Phase.NEOADJUVANT,
                        "RECOMMENDED after neoadjuvant therapy when the RECIST response is PR or SD without new metastases; "
                                + "CONDITIONAL until restaging is measured, while staging is not recorded, or while the curative "
                                + "resection is itself conditional (histology, fitness)",
                        "NCCN guideline (2012) as cited by the source", List.of(Sources.CHEMOTHERAPY, Sources.RECIST),
                        List.of(Thresholds.RECIST_PR_PCT, Thresholds.RECIST_PD_PCT, Thresholds.RECIST_PD_MM,
                                Thresholds.FIT_MAX_ECOG, Thresholds.FITNESS_REVIEW_AGE),
                        NeoadjuvantRules::proceed).key(),
                rule("neoadjuvant.progression-review", Phase.NEOADJUVANT,
                        "RECOMMENDED after neoadjuvant therapy when the RECIST response is PD (assumption)",
                        "expert opinion (assumption)", List.of(Sources.ASSUMPTION, Sources.RECIST),
                        List.of(Thresholds.RECIST_PD_PCT, Thresholds.RECIST_PD_MM), NeoadjuvantRules::progression).key());
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

    /** Records that staging is missing: the row waits for it (§7.3). */
    private static void awaitStaging(Facts f, Draft d, List<String> when) {
        d.because(new Fact(f.baselinePointer("distantMetastases"), "not recorded"))
                .missing(f.baselinePointer("distantMetastases"), "staging for distant metastases is not recorded");
        when.add(STAGING);
    }

    private static Optional<Fact> histologyFact(Facts f) {
        return f.kase.histology().map(h -> new Fact("/histology/diagnosis", h.diagnosis().name()));
    }

    // ---- neoadjuvant.chemotherapy -----------------------------------------------------------------

    private static final String CHEMOTHERAPY_DETAIL = "No randomised trial has yet shown that chemotherapy before surgery helps "
            + "retroperitoneal leiomyosarcoma; STRASS2 compares doxorubicin with dacarbazine before surgery against surgery alone, "
            + "so outside the trial this is a team decision. The review article (2014) reported that routine preoperative "
            + "anthracycline chemotherapy had been given up after it showed no survival gain, yet quoted the 2012 NCCN guideline as "
            + "accepting it as an uncommon alternative (category 2B), with surgery when the tumor shrinks.";

    static List<Finding> chemotherapy(Facts f, Draft d) {
        if (f.stage != Stage.PRETREATMENT || f.intent == Intent.PALLIATIVE) {
            return d.silent();
        }
        d.update(Sources.STRASS2);
        Optional<String> against = chemotherapyAdvisedAgainst(f, d);
        if (against.isPresent()) {
            return d.status(NOT_RECOMMENDED).summary("Preoperative chemotherapy is not advised: " + against.get() + ".")
                    .detail(CHEMOTHERAPY_DETAIL + " Here it is not advised: " + against.get() + ".")
                    .emit();
        }
        d.because(f.intentBasis);
        List<String> when = new ArrayList<>(4);
        if (f.intent == Intent.UNDETERMINED) {
            awaitStaging(f, d, when);
        }
        histologyFact(f).ifPresent(d::because);
        if (f.leiomyosarcoma().unknown()) {
            when.add(ResectionPlan.BIOPSY);
            d.missing("/histology/diagnosis", "a confirmed leiomyosarcoma is needed before neoadjuvant chemotherapy");
        }
        f.ecog.ifPresent(d::because);
        if (f.ecog.isEmpty()) {
            when.add("performance status is recorded as ECOG " + f.settings.whole(Thresholds.FIT_MAX_ECOG) + " or better");
            d.missing("/patient/ecog", "performance status decides whether chemotherapy can be given");
        }
        f.pretreatmentSizeFact.ifPresent(d::because);
        if (f.pretreatmentSizeCm.isEmpty()) {
            when.add("the tumor measures " + minChemoSize(f) + " cm or more before treatment");
            d.missing(f.baselinePointer("tumorDiametersCm"), "the pretreatment size decides whether chemotherapy is an option");
        }
        f.cranial.ifPresent(d::because);
        if (f.cranial.isEmpty()) {
            when.add("imaging shows that the tumor does not reach the right atrium");
            d.missing(f.baselinePointer("cranialExtent"),
                    "an extension into the right atrium rules out chemotherapy before the operation");
        } else if (Facts.landmark(f.cranial.get()) == Landmark.SUPRAHEPATIC) {
            when.add(SUPRAHEPATIC);
        }
        if (!d.hasFacts()) {
            d.because(f.baselineDateFact());
        }
        d.param("cycles", CYCLES).param("beforeStarting", BEFORE_STARTING);
        boolean lowLvef = lowLvef(f, d, "neoadjuvant chemotherapy");
        if (!lowLvef) {
            d.param("regimen", REGIMEN);
        }
        d.detail(CHEMOTHERAPY_DETAIL + (f.cranial.filter(c -> Facts.landmark(c) == Landmark.SUPRAHEPATIC).isPresent()
                ? " The tumor reaches above the hepatic veins: if it grew toward the atrium during chemotherapy it could become "
                        + "unresectable, so the board weighs this first."
                : ""));
        if (when.isEmpty()) {
            return d.status(CONSIDER)
                    .summary(lowLvef
                            ? "Preoperative chemotherapy only after cardio-oncology review: the low ejection fraction "
                                    + "rules out doxorubicin."
                            : "Consider preoperative doxorubicin + dacarbazine: not standard, a team decision while STRASS2 tests it.")
                    .emit();
        }
        return d.conditional(String.join(", and ", when))
                .summary(lowLvef
                        ? "Preoperative chemotherapy may be an option once open questions are settled; the low ejection "
                                + "fraction rules out doxorubicin."
                        : "Preoperative doxorubicin + dacarbazine may be an option (not standard) once the open questions are "
                                + "settled.")
                .emit();
    }

    /** The first reason against neoadjuvant chemotherapy (§7.4) as a clause, its fact added; empty when none holds. */
    private static Optional<String> chemotherapyAdvisedAgainst(Facts f, Draft d) {
        if (f.unfit()) {
            d.because(f.ecog.get());
            return Optional.of("performance status ECOG " + f.ecogValue().get() + " is too poor for it");
        }
        double minCm = f.settings.get(Thresholds.NEOADJUVANT_CHEMO_MIN_CM);
        if (f.pretreatmentSizeCm.filter(cm -> cm < minCm).isPresent()) {
            d.because(f.pretreatmentSizeFact.get());
            return Optional.of("the tumor measured " + RuleTexts.number(f.pretreatmentSizeCm.get()) + " cm, under "
                    + minChemoSize(f) + " cm, before treatment");
        }
        if (f.intracardiac()) {
            d.because(f.cranial.get());
            return Optional.of("the tumor reaches the right atrium, where growth during chemotherapy could make it unresectable");
        }
        return Optional.empty();
    }

    private static String minChemoSize(Facts f) {
        return RuleTexts.number(f.settings.get(Thresholds.NEOADJUVANT_CHEMO_MIN_CM));
    }

    /**
     * Warning LOW_LVEF when the recorded ejection fraction is below the threshold and a row would list an
     * anthracycline regimen (§7.22): the regimen is then left out. True when it is.
     */
    private static boolean lowLvef(Facts f, Draft d, String row) {
        Optional<Double> lvef = f.kase.patient().lvefPct();
        double below = f.settings.get(Thresholds.LOW_LVEF_PCT);
        if (lvef.isEmpty() || lvef.get() >= below) {
            return false;
        }
        d.because(new Fact("/patient/lvefPct", lvef.get()))
                .warn("LOW_LVEF", "Left ventricular ejection fraction " + RuleTexts.number(lvef.get()) + " % (below "
                        + RuleTexts.number(below) + " %): " + REGIMEN + " is left out of " + row
                        + "; a cardio-oncology review decides whether any anthracycline can be given.");
        return true;
    }

    // ---- trial.strass2 ----------------------------------------------------------------------------

    /** One STRASS2 criterion for {@code parameters.criteria}: what it asks, what the case records, and the verdict. */
    private record Criterion(String name, Object value, Tri met) {
        Map<String, Object> asParameter() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("criterion", name);
            m.put("value", value);
            m.put("verdict", met.yes() ? "met" : met.no() ? "not met" : "unknown");
            return m;
        }
    }

    static List<Finding> strass2(Facts f, Draft d) {
        if (f.stage != Stage.PRETREATMENT) {
            return d.silent();
        }
        Settings s = f.settings;
        List<Criterion> criteria = new ArrayList<>(11);
        List<String> toCheck = new ArrayList<>(5);

        Tri lms = f.leiomyosarcoma();
        histologyFact(f).ifPresent(d::because);
        criteria.add(new Criterion("leiomyosarcoma confirmed",
                f.kase.histology().map(h -> words(h.diagnosis().name())).orElse("no histology recorded"), lms));
        if (lms.unknown()) {
            d.missing("/histology/diagnosis", "STRASS2 needs a confirmed leiomyosarcoma");
        }
        criteria.add(new Criterion("untreated", "no treatment recorded", Tri.YES));

        int age = f.kase.patient().ageYears();
        d.because(new Fact("/patient/ageYears", age));
        criteria.add(new Criterion("age at least " + s.whole(Thresholds.STRASS2_MIN_AGE) + " years", age,
                Tri.of(age >= s.whole(Thresholds.STRASS2_MIN_AGE))));

        double minCm = s.get(Thresholds.STRASS2_MIN_CM);
        f.pretreatmentSizeFact.ifPresent(d::because);
        criteria.add(new Criterion("pretreatment size at least " + RuleTexts.number(minCm) + " cm",
                f.pretreatmentSizeCm.map(cm -> (Object) cm).orElse("not recorded"),
                f.pretreatmentSizeCm.map(cm -> Tri.of(cm >= minCm)).orElse(Tri.UNKNOWN)));
        if (f.pretreatmentSizeCm.isEmpty()) {
            d.missing(f.baselinePointer("tumorDiametersCm"), "STRASS2 needs the tumor's size before treatment");
        }

        int maxEcog = s.whole(Thresholds.STRASS2_MAX_ECOG);
        f.ecog.ifPresent(d::because);
        criteria.add(new Criterion("ECOG at most " + maxEcog, f.ecogValue().map(e -> (Object) e).orElse("not recorded"),
                f.ecogValue().map(e -> Tri.of(e <= maxEcog)).orElse(Tri.UNKNOWN)));
        if (f.ecog.isEmpty()) {
            d.missing("/patient/ecog", "STRASS2 needs the performance status");
        }

        d.because(f.intentBasis);
        criteria.add(new Criterion("no distant metastases", switch (f.intent) {
            case CURATIVE -> "none on staging";
            case PALLIATIVE -> "recorded";
            case UNDETERMINED -> "staging not recorded";
        }, switch (f.intent) {
            case CURATIVE -> Tri.YES;
            case PALLIATIVE -> Tri.NO;
            case UNDETERMINED -> Tri.UNKNOWN;
        }));
        if (f.intent == Intent.UNDETERMINED) {
            d.because(new Fact(f.baselinePointer("distantMetastases"), "not recorded"))
                    .missing(f.baselinePointer("distantMetastases"), "STRASS2 excludes distant metastases");
        }

        Optional<Landmark> top = f.cranial.map(Facts::landmark);
        f.cranial.ifPresent(d::because);
        Object cranialValue = top.map(l -> (Object) words(l.name())).orElse("not recorded");
        criteria.add(new Criterion("no extension into the right atrium", cranialValue,
                top.map(l -> Tri.of(l != Landmark.RIGHT_ATRIUM)).orElse(Tri.UNKNOWN)));
        criteria.add(new Criterion("cranial extent not suprahepatic", cranialValue,
                top.map(l -> Tri.of(l != Landmark.SUPRAHEPATIC)).orElse(Tri.UNKNOWN)));
        if (top.isEmpty()) {
            d.missing(f.baselinePointer("cranialExtent"), "STRASS2 excludes a tumor reaching above the hepatic veins");
        }

        Optional<ImagingStudy> organsStudy = f.baselineStudy(ImagingStudy::invadedOrgans);
        Optional<Set<Organ>> invaded = organsStudy.flatMap(ImagingStudy::invadedOrgans);
        organsStudy.ifPresent(st -> d.because(new Fact(st.pointer("invadedOrgans"), Facts.sorted(st.invadedOrgans().get()))));
        criteria.add(new Criterion("no invasion of the aorta",
                invaded.map(o -> (Object) (o.contains(Organ.AORTA) ? "invaded" : "not invaded")).orElse("not recorded"),
                invaded.map(o -> Tri.of(!o.contains(Organ.AORTA))).orElse(Tri.UNKNOWN)));
        int maxOrgans = s.whole(Thresholds.STRASS2_MAX_ORGANS);
        Optional<List<String>> major = invaded.map(o -> Facts.sorted(majorOrgans(o)));
        criteria.add(new Criterion("at most " + maxOrgans + " invaded major " + (maxOrgans == 1 ? "organ" : "organs"),
                major.map(m -> (Object) (m.isEmpty() ? "none" : String.join(", ", m.stream().map(NeoadjuvantRules::words).toList())))
                        .orElse("not recorded"),
                major.map(m -> Tri.of(m.size() <= maxOrgans)).orElse(Tri.UNKNOWN)));
        if (invaded.isEmpty()) {
            d.missing(f.baselinePointer("invadedOrgans"), "STRASS2 excludes aortic invasion and more than one invaded major organ");
        }

        int maxAsa = s.whole(Thresholds.STRASS2_MAX_ASA);
        String asaCriterion = "ASA class at most " + maxAsa;
        Optional<Integer> asa = f.kase.patient().asaClass();
        if (asa.isPresent()) {
            d.because(new Fact("/patient/asaClass", asa.get()));
            criteria.add(new Criterion(asaCriterion, asa.get(), Tri.of(asa.get() <= maxAsa)));
        } else {
            toCheck.add(asaCriterion);
        }
        toCheck.add("a single (unifocal) tumor");
        toCheck.add("measurable disease (RECIST 1.1)");
        toCheck.add("no involvement of the superior mesenteric artery, coeliac trunk or portal vein");

        List<String> unknown = new ArrayList<>(3);
        for (Criterion c : criteria) {
            if (c.met().no()) {
                return d.silent();
            }
            if (c.met().unknown()) {
                unknown.add(c.name());
            }
        }
        List<Map<String, Object>> listed = new ArrayList<>(criteria.size());
        for (Criterion c : criteria) {
            listed.add(c.asParameter());
        }
        d.param("criteria", listed).param("toCheck", toCheck)
                .detail("STRASS2 (NCT04031677) randomises chemotherapy before surgery (doxorubicin with dacarbazine for "
                        + "leiomyosarcoma) against surgery alone for high-risk primary retroperitoneal sarcoma. The criteria "
                        + "follow its registry record of 2025: check that the trial recruits near the patient, and check the "
                        + "criteria the case does not record.");
        if (unknown.isEmpty()) {
            return d.status(CONSIDER)
                    .summary("Screen for the STRASS2 trial of chemotherapy before surgery where it recruits: the recorded "
                            + "criteria are met.")
                    .emit();
        }
        return d.conditional("these criteria are confirmed: " + String.join(", ", unknown))
                .summary("The patient may be eligible for the STRASS2 trial of chemotherapy before surgery; some criteria "
                        + "are not recorded.")
                .emit();
    }

    private static Set<Organ> majorOrgans(Set<Organ> invaded) {
        Set<Organ> major = EnumSet.noneOf(Organ.class);
        for (Organ o : invaded) {
            if (MAJOR_ORGANS.contains(o)) {
                major.add(o);
            }
        }
        return major;
    }

    /** An enum constant's name in plain words: RIGHT_ATRIUM as "right atrium". */
    private static String words(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    // ---- neoadjuvant.radiotherapy -----------------------------------------------------------------

    static List<Finding> radiotherapy(Facts f, Draft d) {
        // a PRETREATMENT decision (the neoadjuvant table's heading): once neoadjuvant therapy is given the
        // question is restaging and surgery, and advice against radiotherapy is not repeated
        if (f.stage != Stage.PRETREATMENT || f.intent == Intent.PALLIATIVE) {
            return d.silent();
        }
        d.because(f.intentBasis);
        histologyFact(f).ifPresent(d::because);
        f.kase.neoadjuvant().flatMap(Neoadjuvant::chemotherapy)
                .ifPresent(c -> d.because(new Fact("/neoadjuvant/chemotherapy/regimen", c.regimen())));
        if (!d.hasFacts()) {
            d.because(f.baselineDateFact());
        }
        return d.status(NOT_RECOMMENDED).update(Sources.STRASS)
                .summary("Preoperative radiotherapy is not advised routinely: no gain in the STRASS trial; leiomyosarcoma "
                        + "recurs mostly at a distance.")
                .detail("In the randomised STRASS trial (Lancet Oncol 2020), radiotherapy before surgery did not improve "
                        + "abdominal recurrence-free survival in primary retroperitoneal sarcoma, and leiomyosarcoma relapses "
                        + "mainly at distant sites, beyond the reach of radiotherapy. The review article (2014), written before "
                        + "STRASS, counted preoperative radiotherapy as an NCCN category 2B option to shrink the tumor, ease the "
                        + "resection and improve local control, though no study had proven a benefit. The team may still "
                        + "weigh it within a trial, or for a margin it judges at risk, with a sarcoma radiation oncologist.")
                .emit();
    }

    // ---- after neoadjuvant therapy ----------------------------------------------------------------

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

    private static final String SIZE_AFTER_RADIOTHERAPY = " After radiotherapy, size is a poor measure of response in "
            + "leiomyosarcoma: a tumor may stay large or swell while treated.";

    static List<Finding> restaging(Facts f, Draft d) {
        if (f.stage != Stage.POST_NEOADJUVANT) {
            return d.silent();
        }
        String detail = "Restaging with CT or MRI after neoadjuvant therapy measures the response (RECIST 1.1) and looks for "
                + "new metastases before the operation." + (f.neoadjuvantRadiotherapyGiven() ? SIZE_AFTER_RADIOTHERAPY : "");
        Optional<LocalDate> end = endDate(f);
        if (end.isEmpty()) {
            String pointer = f.neoadjuvantRadiotherapy.isPresent() ? "/neoadjuvant/radiotherapy/endDate"
                    : "/neoadjuvant/chemotherapy/endDate";
            d.missing(pointer, "the end date of neoadjuvant therapy decides which imaging restages it");
            d.because(new Fact("/neoadjuvant", "end date not recorded"));
            priorRadiotherapy(f, d);
            return d.conditional("no imaging has been done since neoadjuvant therapy ended")
                    .summary("Restage with CT or MRI after neoadjuvant therapy, before deciding on surgery.")
                    .detail(detail)
                    .emit();
        }
        if (f.byDate.stream().anyMatch(s -> s.date().isAfter(end.get()))) {
            return d.silent();
        }
        priorRadiotherapy(f, d);
        return d.status(RECOMMENDED).because(endFact(f))
                .summary("Restage with CT or MRI after neoadjuvant therapy, before deciding on surgery.")
                .detail("No imaging is recorded after neoadjuvant therapy ended. " + detail)
                .param("afterDate", end.get().toString())
                .emit();
    }

    static List<Finding> proceed(Facts f, Draft d) {
        if (f.stage != Stage.POST_NEOADJUVANT || f.intent == Intent.PALLIATIVE) {
            return d.silent();
        }
        if (f.response.filter(r -> r.response().category() == ResponseCategory.PD).isPresent()) {
            return d.silent();
        }
        d.summary("Proceed to resection: the tumor did not progress on neoadjuvant therapy.")
                .detail("With a partial response or stable disease and no new metastases, the guideline quoted by the review "
                        + "article advises surgery." + (f.neoadjuvantRadiotherapyGiven() ? SIZE_AFTER_RADIOTHERAPY : ""));
        List<String> when = new ArrayList<>(3);
        if (f.response.isEmpty()) {
            d.because(new Fact("/imaging", "no measured study on both sides of the neoadjuvant end date"))
                    .missing("/imaging", "a measured study before and after neoadjuvant therapy is needed for RECIST")
                    .summary("Proceed to resection if restaging shows no progression and no new metastases.");
            when.add("restaging shows a partial response or stable disease and no new metastases");
        } else {
            ResponseAssessment r = f.response.get();
            d.because(r.because())
                    .param("response", r.response().category().name())
                    .param("longestDiameterChangePct", r.response().longestDiameterChangePct());
        }
        if (f.intent == Intent.UNDETERMINED) {
            awaitStaging(f, d, when);
        } else if (f.resectionPlan.kind() == ResectionPlan.Kind.CONDITIONAL) {
            d.because(f.resectionPlan.basis());
            when.addAll(f.resectionPlan.conditions());
        }
        if (when.isEmpty()) {
            return d.status(RECOMMENDED).emit();
        }
        return d.conditional(String.join(", and ", when)).emit();
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
        return d.status(RECOMMENDED)
                .summary("Disease progressed on neoadjuvant therapy: review resectability and intent at the tumor board.")
                .detail("RECIST 1.1 progression (or new metastases) during neoadjuvant therapy calls the curative plan into "
                        + "question: the curative resection waits for the board to confirm the disease is still resectable, "
                        + "and systemic therapy is planned if it does not. The review article gives no rule; a board review is "
                        + "CavaPlan's assumption." + (f.neoadjuvantRadiotherapyGiven() ? SIZE_AFTER_RADIOTHERAPY : ""))
                .param("response", "PD")
                .param("longestDiameterChangePct", r.response().longestDiameterChangePct())
                .param("absoluteChangeMm", r.response().absoluteChangeMm())
                .emit();
    }
}
