package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.Diagnosis;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.Modality;
import org.cavaplan.core.model.Symptom;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Phase;

/** Work-up before treatment (Diagnosis and Evaluation; Introduction). Emitted before the operation only. */
final class WorkupRules {

    private WorkupRules() {}

    static List<KbRule> all() {
        return List.of(
                rule("workup.cross-sectional-imaging", Phase.WORKUP, "RECOMMENDED before the operation when no CT or MRI exists",
                        "single review article", List.of(Sources.DIAGNOSIS), List.of(), WorkupRules::crossSectional),
                rule("workup.chest-staging", Phase.WORKUP,
                        "RECOMMENDED before the operation when no pre-operative CT or PET-CT covered the chest",
                        "single review article", List.of(Sources.DIAGNOSIS, Sources.FOLLOW_UP), List.of(), WorkupRules::chestStaging),
                rule("workup.mri-extent", Phase.WORKUP, "CONSIDER before the operation when no MRI exists",
                        "single review article", List.of(Sources.DIAGNOSIS), List.of(), WorkupRules::mriExtent),
                rule("workup.doppler-ultrasound", Phase.WORKUP,
                        "CONSIDER before the operation when the baseline has no IVC lumen finding, when Budd-Chiari is a symptom, "
                                + "or when hepatic or renal vein thrombosis is unknown with level 2 or 3 involved",
                        "single review article", List.of(Sources.DIAGNOSIS), List.of(), WorkupRules::doppler),
                rule("workup.core-biopsy", Phase.WORKUP,
                        "RECOMMENDED before the operation when there is no histology or it was non-diagnostic",
                        "single case report", List.of(Sources.CASE_REPORT), List.of(), WorkupRules::coreBiopsy),
                rule("workup.venous-duplex", Phase.WORKUP,
                        "RECOMMENDED before the operation when leg edema or deep vein thrombosis is a symptom",
                        "single review article", List.of(Sources.INTRODUCTION), List.of(), WorkupRules::venousDuplex),
                rule("workup.echocardiography", Phase.WORKUP,
                        "RECOMMENDED before the operation when the tumor reaches the right atrium or causes arrhythmia (assumption)",
                        "expert opinion (assumption)", List.of(Sources.INTRODUCTION, Sources.ASSUMPTION), List.of(),
                        WorkupRules::echocardiography));
    }

    private static Fact modalities(Facts f) {
        return new Fact("/imaging", f.byDate.stream().map(s -> s.modality().name()).distinct().toList());
    }

    static List<Finding> crossSectional(Facts f, Draft d) {
        boolean has = f.kase.imaging().stream().anyMatch(s -> s.modality() == Modality.CT || s.modality() == Modality.MRI);
        if (!f.beforeOperation() || has) {
            return d.silent();
        }
        return d.status(RECOMMENDED).because(modalities(f))
                .summary("Obtain contrast-enhanced CT or MRI to define the tumor, its IVC extent and resectability.")
                .detail("Only ultrasound-type studies are recorded. Cross-sectional imaging is the basis of staging, of the "
                        + "IVC levels and of the operative plan.")
                .emit();
    }

    static List<Finding> chestStaging(Facts f, Draft d) {
        if (!f.beforeOperation()) {
            return d.silent();
        }
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
        if (!f.beforeOperation() || f.kase.imaging().stream().anyMatch(s -> s.modality() == Modality.MRI)) {
            return d.silent();
        }
        return d.status(CONSIDER).because(modalities(f))
                .summary("Consider MRI to judge local invasion, the extent of IVC involvement and resectability.")
                .detail("No MRI is recorded. MRI and CT are both accurate for tumor thrombus; MRI helps define invasion of "
                        + "neighbouring structures.")
                .emit();
    }

    static List<Finding> doppler(Facts f, Draft d) {
        if (!f.beforeOperation()) {
            return d.silent();
        }
        boolean triggered = false;
        if (f.lumen.isEmpty()) {
            d.because(new Fact(f.baselinePointer("ivcLumen"), "not recorded"));
            triggered = true;
        }
        if (f.symptoms.contains(Symptom.BUDD_CHIARI)) {
            d.because(new Fact("/presentation/symptoms", Facts.sorted(f.symptoms)));
            triggered = true;
        }
        boolean upper = f.level(2).yes() || f.level(3).yes();
        Optional<Fact> hepatic = f.baseline(ImagingStudy::hepaticVeinThrombosis, "hepaticVeinThrombosis");
        Optional<Fact> renal = f.baseline(ImagingStudy::renalVeinThrombosis, "renalVeinThrombosis");
        if (upper && (hepatic.isEmpty() || renal.isEmpty())) {
            d.because(f.extentFacts());
            if (hepatic.isEmpty()) {
                d.because(new Fact(f.baselinePointer("hepaticVeinThrombosis"), "not recorded"));
            }
            if (renal.isEmpty()) {
                d.because(new Fact(f.baselinePointer("renalVeinThrombosis"), "not recorded"));
            }
            triggered = true;
        }
        if (!triggered) {
            return d.silent();
        }
        return d.status(CONSIDER)
                .summary("Consider Doppler ultrasound for IVC obstruction and hepatic or renal vein thrombosis.")
                .detail("Doppler flow studies show how far the cava is obstructed and whether the hepatic and renal veins are "
                        + "thrombosed, which the recorded imaging does not settle.")
                .emit();
    }

    static List<Finding> coreBiopsy(Facts f, Draft d) {
        if (!f.beforeOperation()) {
            return d.silent();
        }
        boolean needed = f.kase.histology().map(h -> h.diagnosis() == Diagnosis.NON_DIAGNOSTIC).orElse(true);
        if (!needed) {
            return d.silent();
        }
        d.because(new Fact("/histology/diagnosis",
                f.kase.histology().map(h -> (Object) h.diagnosis().name()).orElse("not recorded")));
        return d.status(RECOMMENDED)
                .summary("Obtain an image-guided core needle biopsy to confirm leiomyosarcoma before treatment.")
                .detail("No diagnostic histology is recorded. A percutaneous core biopsy under imaging guidance confirmed the "
                        + "diagnosis in the source's patient and guides the choice of neoadjuvant therapy.")
                .emit();
    }

    static List<Finding> venousDuplex(Facts f, Draft d) {
        if (!f.beforeOperation() || !(f.symptoms.contains(Symptom.LOWER_EXTREMITY_EDEMA)
                || f.symptoms.contains(Symptom.DEEP_VEIN_THROMBOSIS))) {
            return d.silent();
        }
        return d.status(RECOMMENDED).because(new Fact("/presentation/symptoms", Facts.sorted(f.symptoms)))
                .summary("Obtain a venous duplex of the legs: edema is more often deep vein thrombosis than caval occlusion.")
                .detail("Leg swelling at presentation is more often due to deep vein thrombosis than to obstruction of the cava "
                        + "by tumor, because collaterals develop as the tumor grows slowly.")
                .emit();
    }

    static List<Finding> echocardiography(Facts f, Draft d) {
        boolean arrhythmia = f.symptoms.contains(Symptom.CARDIAC_ARRHYTHMIA);
        if (!f.beforeOperation() || !(f.intracardiac() || arrhythmia)) {
            return d.silent();
        }
        if (f.intracardiac()) {
            d.because(f.cranial.orElseThrow());
        }
        if (arrhythmia) {
            d.because(new Fact("/presentation/symptoms", Facts.sorted(f.symptoms)));
        }
        return d.status(RECOMMENDED)
                .summary("Image the heart (echocardiography) before planning bypass for right-atrial extension or arrhythmia.")
                .detail("Tumor reaching the right atrium can cause arrhythmia and may need cardiopulmonary bypass; cardiac imaging "
                        + "before the operation is CavaPlan's assumption, not a statement of the source.")
                .emit();
    }
}
