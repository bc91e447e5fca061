package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cavaplan.core.model.Diagnosis;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.Landmark;
import org.cavaplan.core.model.Modality;
import org.cavaplan.core.model.Organ;
import org.cavaplan.core.model.Symptom;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.SourceRef;
import org.cavaplan.core.plan.Stage;

/**
 * Work-up before treatment (plan contract v2, Workup rows; S: Diagnosis and Evaluation, Introduction,
 * Operative Procedure): referral, histology, imaging, fitness and the organ checks the tumor's extent
 * calls for. The stage rule keeps these rows before the operation, whatever the histology; each rule
 * here decides only its own condition. Rows that depend on the IVC levels are CONDITIONAL on the
 * extents while these are unknown (§7.12).
 */
final class WorkupRules {

    private static final SourceRef OPERATIVE_FIG_4 = Sources.article("Operative Procedure (Fig. 4)");
    private static final Set<Organ> KIDNEYS = EnumSet.of(Organ.RIGHT_KIDNEY, Organ.LEFT_KIDNEY);
    private static final String EXTENTS_DECIDE = "the cranial and caudal extents of the tumor along the IVC decide its levels";

    private WorkupRules() {}

    static List<KbRule> all() {
        return List.of(
                rule("workup.sarcoma-centre-referral", Phase.WORKUP,
                        "RECOMMENDED before any treatment (PRETREATMENT): discuss at the multidisciplinary team of a "
                                + "high-volume sarcoma centre, the biopsy included",
                        "consensus (TARPSWG 2021; ESMO-EURACAN-GENTURIS 2021)", List.of(Sources.TARPSWG_2021, Sources.ESMO_2021),
                        List.of(), WorkupRules::sarcomaCentre).key(),
                rule("workup.core-biopsy", Phase.WORKUP,
                        "RECOMMENDED before the operation when there is no histology or it was non-diagnostic: image-guided "
                                + "core needle biopsy by a retroperitoneal route",
                        "consensus (TARPSWG 2021); case report", List.of(Sources.CASE_REPORT, Sources.TARPSWG_2021), List.of(),
                        WorkupRules::coreBiopsy).key(),
                rule("workup.cross-sectional-imaging", Phase.WORKUP, "RECOMMENDED before the operation when no CT or MRI exists",
                        "single review article", List.of(Sources.DIAGNOSIS), List.of(), WorkupRules::crossSectional),
                rule("workup.chest-staging", Phase.WORKUP,
                        "RECOMMENDED before the operation when no pre-operative CT or PET-CT covered the chest",
                        "single review article", List.of(Sources.DIAGNOSIS, Sources.FOLLOW_UP), List.of(), WorkupRules::chestStaging),
                rule("workup.mri-extent", Phase.WORKUP, "CONSIDER before the operation when no MRI exists",
                        "single review article", List.of(Sources.DIAGNOSIS), List.of(), WorkupRules::mriExtent),
                rule("workup.fitness-assessment", Phase.WORKUP,
                        "RECOMMENDED before the operation when a resection is considered (a curative resection in any status, or "
                                + "a palliative resection considered; not before staging) and the patient needs a fitness "
                                + "assessment (ECOG {fitness.assessmentFromEcog} or worse, age {fitness.assessmentFromAgeYears} or "
                                + "more, or ECOG not recorded): anaesthetic review and cardiopulmonary testing, with a geriatric "
                                + "assessment from age {fitness.assessmentFromAgeYears}",
                        "expert opinion (assumption)", List.of(Sources.EXPERT_OPINION, Sources.ASSUMPTION),
                        List.of(Thresholds.FITNESS_REVIEW_ECOG, Thresholds.FITNESS_REVIEW_AGE), WorkupRules::fitness),
                rule("workup.echocardiography", Phase.WORKUP,
                        "RECOMMENDED before the operation when the tumor reaches above the hepatic veins (suprahepatic cava or "
                                + "right atrium) or causes arrhythmia; CONDITIONAL while the cranial extent is unknown",
                        "expert opinion (assumption)", List.of(Sources.INTRODUCTION, Sources.ASSUMPTION), List.of(),
                        WorkupRules::echocardiography),
                rule("workup.renal-function", Phase.WORKUP,
                        "RECOMMENDED before the operation when level 2 is involved, the renal veins are an extent, a kidney is "
                                + "invaded or renal vein thrombosis is recorded: creatinine and eGFR, split renal function before a "
                                + "possible nephrectomy or renal vein ligation; CONDITIONAL while the extents leave level 2 unknown",
                        "surgical series; single review article", List.of(OPERATIVE_FIG_4, Sources.SURGICAL_SERIES), List.of(),
                        WorkupRules::renalFunction),
                rule("workup.liver-assessment", Phase.WORKUP,
                        "RECOMMENDED before the operation with Budd-Chiari syndrome, hepatic vein thrombosis, an invaded liver, "
                                + "or a tumor reaching the hepatic veins or above: liver function tests and hepatology review before "
                                + "hepatic vascular exclusion; CONDITIONAL while the cranial extent is unknown",
                        "expert opinion", List.of(Sources.INTRODUCTION, Sources.EXPERT_OPINION), List.of(),
                        WorkupRules::liverAssessment),
                rule("workup.doppler-ultrasound", Phase.WORKUP,
                        "CONSIDER before the operation when the baseline has no IVC lumen finding, when Budd-Chiari is a symptom, "
                                + "or when hepatic or renal vein thrombosis is unknown with level 2 or 3 involved; CONDITIONAL when "
                                + "only the last applies and the extents leave levels 2 and 3 unknown",
                        "single review article", List.of(Sources.DIAGNOSIS), List.of(), WorkupRules::doppler),
                rule("workup.venous-duplex", Phase.WORKUP,
                        "RECOMMENDED before the operation when leg edema or deep vein thrombosis is a symptom",
                        "single review article", List.of(Sources.INTRODUCTION), List.of(), WorkupRules::venousDuplex));
    }

    private static Fact modalities(Facts f) {
        return new Fact("/imaging", f.byDate.stream().map(s -> s.modality().name()).distinct().toList());
    }

    private static Fact histology(Facts f) {
        return new Fact("/histology/diagnosis", f.kase.histology().map(h -> (Object) h.diagnosis().name()).orElse("not recorded"));
    }

    private static Fact symptomsFact(Facts f) {
        return new Fact("/presentation/symptoms", Facts.sorted(f.symptoms));
    }

    private static Fact notRecorded(Facts f, String field) {
        return new Fact(f.baselinePointer(field), "not recorded");
    }

    static List<Finding> sarcomaCentre(Facts f, Draft d) {
        if (f.stage != Stage.PRETREATMENT) {
            return d.silent();
        }
        d.because(f.diseaseStatusBasis).because(histology(f));
        String histologyNote = switch (f.leiomyosarcoma()) {
            case UNKNOWN -> " The diagnosis is not yet confirmed: the centre plans the biopsy, its route and its reading.";
            case NO -> " The histology recorded is not leiomyosarcoma: the sarcoma team decides which pathway applies.";
            case YES -> "";
        };
        return d.status(RECOMMENDED)
                .summary(f.leiomyosarcoma().unknown()
                        ? "Refer to the multidisciplinary team of a high-volume sarcoma centre before any treatment, the biopsy included."
                        : "Discuss at the multidisciplinary team of a high-volume sarcoma centre before any treatment.")
                .detail("No treatment has begun. Retroperitoneal sarcoma, and caval leiomyosarcoma above all, is best planned "
                        + "from the start by a sarcoma team that operates on many such tumors (surgery, radiology, pathology, "
                        + "medical and radiation oncology): the first operation is the best chance of cure." + histologyNote
                        + " The review article does not address where patients are treated.")
                .emit();
    }

    static List<Finding> coreBiopsy(Facts f, Draft d) {
        boolean nonDiagnostic = f.kase.histology().map(h -> h.diagnosis() == Diagnosis.NON_DIAGNOSTIC).orElse(false);
        if (f.kase.histology().isPresent() && !nonDiagnostic) {
            return d.silent();
        }
        return d.status(RECOMMENDED).because(histology(f))
                .summary(nonDiagnostic
                        ? "Repeat an image-guided core needle biopsy, by a retroperitoneal route, to confirm the diagnosis."
                        : "Obtain an image-guided core needle biopsy, by a retroperitoneal route, to confirm the diagnosis.")
                .detail((nonDiagnostic ? "The biopsy recorded was non-diagnostic. " : "No histology is recorded. ")
                        + "Several cores taken percutaneously under CT or ultrasound guidance, through the retroperitoneum "
                        + "rather than across the peritoneal cavity, confirmed leiomyosarcoma in the source's patient; the "
                        + "consensus advises this route, with a low risk of seeding the tract. The histology and grade decide "
                        + "neoadjuvant and systemic treatment, so the biopsy comes before any of it.")
                .emit();
    }

    static List<Finding> crossSectional(Facts f, Draft d) {
        boolean has = f.kase.imaging().stream().anyMatch(s -> s.modality() == Modality.CT || s.modality() == Modality.MRI);
        if (has) {
            return d.silent();
        }
        return d.status(RECOMMENDED).because(modalities(f))
                .summary("Obtain contrast-enhanced CT or MRI to define the tumor, its IVC extent and resectability.")
                .detail("No CT or MRI is recorded. Cross-sectional imaging is the basis of staging, of the IVC levels and of "
                        + "the operative plan.")
                .emit();
    }

    static List<Finding> chestStaging(Facts f, Draft d) {
        Optional<ImagingStudy> chest = f.preoperative.stream()
                .filter(s -> s.isCtLike() && s.chestIncluded().orElse(false)).reduce((a, b) -> b);
        if (chest.isPresent()) {
            return d.silent();
        }
        f.preoperative.stream().filter(ImagingStudy::isCtLike).forEach(s ->
                d.because(new Fact(s.pointer("chestIncluded"), s.chestIncluded().map(b -> (Object) b).orElse("not recorded"))));
        if (f.preoperative.stream().noneMatch(ImagingStudy::isCtLike)) {
            d.because(modalities(f));
        }
        return d.status(RECOMMENDED)
                .summary("Stage the chest with CT (or PET-CT): the lungs are the commonest site of metastasis.")
                .detail("No pre-operative CT or PET-CT is recorded as covering the chest. Lung metastases change the intent "
                        + "of treatment, so the chest is staged before the operation is planned.")
                .emit();
    }

    static List<Finding> mriExtent(Facts f, Draft d) {
        if (f.kase.imaging().stream().anyMatch(s -> s.modality() == Modality.MRI)) {
            return d.silent();
        }
        return d.status(CONSIDER).because(modalities(f))
                .summary("Consider MRI to judge local invasion, the extent of IVC involvement and resectability.")
                .detail("No MRI is recorded. MRI and CT are both accurate for tumor thrombus; MRI helps define invasion of "
                        + "neighbouring structures and resectability.")
                .emit();
    }

    /**
     * A resection is considered (§7.6): the curative resection row is emitted, in any status, or the
     * palliative resection is considered; never before staging. The curative row is not emitted for a
     * histology other than leiomyosarcoma, so neither is this.
     */
    private static boolean resectionConsidered(Facts f) {
        return f.resectionPlan.kind() != ResectionPlan.Kind.NONE && !f.leiomyosarcoma().no();
    }

    static List<Finding> fitness(Facts f, Draft d) {
        List<String> reasons = f.fitnessAssessmentReasons();
        if (reasons.isEmpty() || !resectionConsidered(f)) {
            return d.silent();
        }
        int age = f.kase.patient().ageYears();
        int fromAge = f.settings.whole(Thresholds.FITNESS_REVIEW_AGE);
        int fromEcog = f.settings.whole(Thresholds.FITNESS_REVIEW_ECOG);
        boolean geriatric = age >= fromAge;
        List<String> assessments = new ArrayList<>(3);
        assessments.add("anaesthetic review");
        assessments.add("cardiopulmonary testing");
        if (geriatric) {
            assessments.add("geriatric assessment");
        }
        d.because(f.resectionPlan.basis());
        if (f.ecog.isPresent()) {
            d.because(f.ecog.get());
        } else {
            d.because(new Fact("/patient/ecog", "not recorded"))
                    .missing("/patient/ecog", "performance status decides fitness for a major resection");
        }
        if (geriatric) {
            d.because(new Fact("/patient/ageYears", age));
        }
        boolean resectionWaits = f.resectionPlan.conditions().contains(ResectionPlan.FITNESS);
        return d.status(RECOMMENDED).param("reasons", reasons).param("assessments", assessments)
                .summary(geriatric
                        ? "Assess fitness for a major resection: anaesthetic review, cardiopulmonary testing and a geriatric assessment."
                        : "Assess fitness for a major resection: anaesthetic review and cardiopulmonary testing.")
                .detail("A resection is being considered and fitness for it is not settled: " + String.join("; ", reasons) + ". "
                        + "Caval resection is a long operation with clamping, blood loss and often an organ removed: an "
                        + "anaesthetist judges the operative risk and cardiopulmonary testing measures the reserve for it"
                        + (geriatric ? "; a geriatric assessment looks at frailty, comorbidity and cognition" : "") + "."
                        + (resectionWaits ? " The resection waits on this assessment." : "")
                        + " CavaPlan asks for it at ECOG " + fromEcog + " or worse, from age " + fromAge
                        + " years, or when ECOG is not recorded (assumptions).")
                .emit();
    }

    /** Whether the tumor reaches above the hepatic veins (suprahepatic cava or right atrium), from the extents known. */
    static Tri aboveHepaticVeins(Facts f) {
        if (f.cranial.isPresent()) {
            return Tri.of(aboveHepaticVeins(Facts.landmark(f.cranial.get())));
        }
        // The cranial extent lies at or above the caudal one.
        if (f.caudal.isPresent() && aboveHepaticVeins(Facts.landmark(f.caudal.get()))) {
            return Tri.YES;
        }
        return Tri.UNKNOWN;
    }

    private static boolean aboveHepaticVeins(Landmark landmark) {
        return landmark == Landmark.SUPRAHEPATIC || landmark == Landmark.RIGHT_ATRIUM;
    }

    static List<Finding> echocardiography(Facts f, Draft d) {
        boolean arrhythmia = f.symptoms.contains(Symptom.CARDIAC_ARRHYTHMIA);
        Tri above = aboveHepaticVeins(f);
        if (!arrhythmia && above.no()) {
            return d.silent();
        }
        if (!above.no()) {
            d.because(f.extentFacts());
        }
        if (arrhythmia) {
            d.because(symptomsFact(f));
        }
        String detail = "Tumor reaching the right atrium can cause arrhythmia and needs cardiac surgery and bypass; tumor in "
                + "the suprahepatic cava may already enter the atrium. Echocardiography, transoesophageal if the "
                + "transthoracic view is poor, shows the cranial end of the tumor and cardiac function. Imaging the heart "
                + "for these tumors is CavaPlan's assumption, not a statement of the source.";
        if (!arrhythmia && above.unknown()) {
            d.because(notRecorded(f, "cranialExtent")).missing(f.baselinePointer("cranialExtent"), EXTENTS_DECIDE);
            return d.conditional("imaging shows the tumor reaching above the hepatic veins (suprahepatic cava or right atrium)")
                    .summary("Echocardiography if the tumor reaches above the hepatic veins; its cranial extent is not recorded.")
                    .detail(detail).emit();
        }
        String summary;
        if (f.intracardiac()) {
            summary = "Obtain echocardiography to define the tumor in the right atrium and cardiac function before planning bypass.";
        } else if (above.yes()) {
            summary = "Obtain echocardiography: the tumor reaches the suprahepatic cava and may extend into the right atrium.";
        } else {
            summary = "Obtain echocardiography: arrhythmia may mean tumor in the right atrium.";
        }
        return d.status(RECOMMENDED).summary(summary).detail(detail).emit();
    }

    static List<Finding> renalFunction(Facts f, Draft d) {
        List<Fact> triggers = new ArrayList<>(3);
        Tri level2 = f.level(2);
        if (level2.yes()) {
            triggers.addAll(f.extentFacts());
        }
        f.baselineStudy(ImagingStudy::invadedOrgans)
                .filter(s -> s.invadedOrgans().get().stream().anyMatch(KIDNEYS::contains))
                .ifPresent(s -> triggers.add(new Fact(s.pointer("invadedOrgans"), Facts.sorted(s.invadedOrgans().get()))));
        f.baseline(ImagingStudy::renalVeinThrombosis, "renalVeinThrombosis").filter(x -> Boolean.TRUE.equals(x.value()))
                .ifPresent(triggers::add);
        if (triggers.isEmpty() && !level2.unknown()) {
            return d.silent();
        }
        d.param("tests", List.of("serum creatinine and eGFR", "split renal function (renal scintigraphy)"))
                .detail("The renal veins join the cava at level 2 (Fig. 4 of the source shows a reconstruction after right "
                        + "nephrectomy). Resection there may mean a nephrectomy, or a renal vein ligated or reimplanted; "
                        + "the remaining kidney must carry the load, so creatinine, eGFR and the share of each kidney are "
                        + "known before the plan is made.");
        f.kase.patient().egfrMlMin().ifPresent(e -> d.because(new Fact("/patient/egfrMlMin", e)));
        if (triggers.isEmpty()) {
            d.because(f.extentFacts());
            if (f.cranial.isEmpty()) {
                d.because(notRecorded(f, "cranialExtent")).missing(f.baselinePointer("cranialExtent"), EXTENTS_DECIDE);
            }
            if (f.caudal.isEmpty()) {
                d.because(notRecorded(f, "caudalExtent")).missing(f.baselinePointer("caudalExtent"), EXTENTS_DECIDE);
            }
            return d.conditional("imaging shows level 2 involved (between the renal and the hepatic veins)")
                    .summary("Measure renal and split renal function if level 2 (renal veins) is involved; the tumor's extent is not "
                            + "fully recorded.")
                    .emit();
        }
        return d.status(RECOMMENDED).because(triggers)
                .summary("Measure creatinine, eGFR and split renal function (scintigraphy) before a possible nephrectomy "
                        + "or renal vein ligation.")
                .emit();
    }

    static List<Finding> liverAssessment(Facts f, Draft d) {
        List<Fact> triggers = new ArrayList<>(3);
        if (f.symptoms.contains(Symptom.BUDD_CHIARI)) {
            triggers.add(symptomsFact(f));
        }
        f.baseline(ImagingStudy::hepaticVeinThrombosis, "hepaticVeinThrombosis").filter(x -> Boolean.TRUE.equals(x.value()))
                .ifPresent(triggers::add);
        f.baselineStudy(ImagingStudy::invadedOrgans).filter(s -> s.invadedOrgans().get().contains(Organ.LIVER))
                .ifPresent(s -> triggers.add(new Fact(s.pointer("invadedOrgans"), Facts.sorted(s.invadedOrgans().get()))));
        // The cranial extent at the hepatic veins or above is level 3 involved.
        Tri upper = f.level(3);
        if (upper.yes()) {
            triggers.addAll(f.extentFacts());
        }
        if (triggers.isEmpty() && !upper.unknown()) {
            return d.silent();
        }
        d.param("tests", List.of("liver function tests", "hepatology review"))
                .detail("Tumor at the hepatic veins, hepatic vein thrombosis (Budd-Chiari syndrome) or an invaded liver "
                        + "compromise the liver, which the source counts among the signs of a poorer prognosis. Resection there "
                        + "may need hepatic vascular exclusion or a liver resection, which a congested or failing liver "
                        + "tolerates badly: liver function and a hepatology opinion come first.");
        if (triggers.isEmpty()) {
            d.because(f.extentFacts()).because(notRecorded(f, "cranialExtent"))
                    .missing(f.baselinePointer("cranialExtent"), EXTENTS_DECIDE);
            return d.conditional("imaging shows the tumor reaching the hepatic veins or above")
                    .summary("Liver function tests and hepatology review if the tumor reaches the hepatic veins; its cranial "
                            + "extent is unknown.")
                    .emit();
        }
        return d.status(RECOMMENDED).because(triggers)
                .summary("Check liver function and obtain a hepatology review before a possible hepatic vascular exclusion.")
                .emit();
    }

    static List<Finding> doppler(Facts f, Draft d) {
        boolean triggered = false;
        if (f.lumen.isEmpty()) {
            d.because(notRecorded(f, "ivcLumen"));
            triggered = true;
        }
        if (f.symptoms.contains(Symptom.BUDD_CHIARI)) {
            d.because(symptomsFact(f));
            triggered = true;
        }
        Tri upper = f.level(2).or(f.level(3));
        Optional<Fact> hepatic = f.baseline(ImagingStudy::hepaticVeinThrombosis, "hepaticVeinThrombosis");
        Optional<Fact> renal = f.baseline(ImagingStudy::renalVeinThrombosis, "renalVeinThrombosis");
        boolean veinsUnknown = hepatic.isEmpty() || renal.isEmpty();
        if (veinsUnknown && !upper.no()) {
            d.because(f.extentFacts());
            if (hepatic.isEmpty()) {
                d.because(notRecorded(f, "hepaticVeinThrombosis"));
            }
            if (renal.isEmpty()) {
                d.because(notRecorded(f, "renalVeinThrombosis"));
            }
        }
        d.detail("Doppler flow studies show how far the cava is obstructed and whether the hepatic and renal veins are "
                + "thrombosed, which the recorded imaging does not settle.");
        if (triggered || (veinsUnknown && upper.yes())) {
            return d.status(CONSIDER)
                    .summary("Consider Doppler ultrasound for IVC obstruction and hepatic or renal vein thrombosis.")
                    .emit();
        }
        if (!veinsUnknown || upper.no()) {
            return d.silent();
        }
        if (f.cranial.isEmpty()) {
            d.because(notRecorded(f, "cranialExtent")).missing(f.baselinePointer("cranialExtent"), EXTENTS_DECIDE);
        }
        if (f.caudal.isEmpty()) {
            d.because(notRecorded(f, "caudalExtent")).missing(f.baselinePointer("caudalExtent"), EXTENTS_DECIDE);
        }
        return d.conditional("imaging shows level 2 or 3 involved")
                .summary("Consider Doppler for hepatic and renal vein thrombosis if level 2 or 3 is involved; the extent is not fully "
                        + "recorded.")
                .emit();
    }

    static List<Finding> venousDuplex(Facts f, Draft d) {
        if (!(f.symptoms.contains(Symptom.LOWER_EXTREMITY_EDEMA) || f.symptoms.contains(Symptom.DEEP_VEIN_THROMBOSIS))) {
            return d.silent();
        }
        return d.status(RECOMMENDED).because(symptomsFact(f))
                .summary("Obtain a venous duplex of the legs: edema is more often deep vein thrombosis than caval occlusion.")
                .detail("Leg swelling at presentation is more often due to deep vein thrombosis than to obstruction of the cava "
                        + "by tumor, because collaterals develop as the tumor grows slowly. A thrombosis found is treated "
                        + "with therapeutic anticoagulation.")
                .emit();
    }
}
