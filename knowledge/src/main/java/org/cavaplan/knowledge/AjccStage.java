package org.cavaplan.knowledge;

import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.RegionalNodes;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Warning;

/**
 * AJCC 8th edition stage for retroperitoneal sarcoma (plan contract v2 §2 and §7.9). The clinical
 * stage is read from the pretreatment size, the biopsy grade, nodes on the latest pre-operative study
 * that records them, and metastases on pre-operative imaging; the pathological stage (yp after
 * neoadjuvant therapy) from the specimen's size and grade (else the biopsy's), nodes on pathology
 * (else that study), and metastases on imaging or at operation. A missing grade counts as GX; nodes
 * not recorded count as N0 and warning {@code AJCC_N0_ASSUMED} says so; a stage stays unknown while
 * staging for metastases is not recorded.
 */
final class AjccStage {

    /** AJCC groups G2 and G3 together; this is the staging system's rule, not a setting. */
    private static final int AJCC_HIGH_GRADE = 2;

    /** The two stages of one case. */
    record Stages(Optional<String> clinical, Optional<String> pathological) {}

    private AjccStage() {}

    static Stages of(Facts f, List<Finding> findings) {
        Optional<RegionalNodes> clinicalN = clinicalNodes(f);
        Optional<String> clinical = clinical(f, clinicalN);
        Optional<RegionalNodes> pathologicalN = f.pathology.flatMap(p -> p.regionalNodes()).or(() -> clinicalN);
        Optional<String> pathological = pathological(f, pathologicalN);
        boolean nodesAssumed = (clinical.isPresent() && !"IV".equals(clinical.get()) && clinicalN.isEmpty())
                || (pathological.isPresent() && !"IV".equals(pathological.get()) && pathologicalN.isEmpty());
        if (nodesAssumed) {
            findings.add(new Warning("AJCC_N0_ASSUMED",
                    "Regional nodes are not recorded on imaging or pathology; the AJCC stage assumes N0."));
        }
        return new Stages(clinical, pathological);
    }

    /** The regional nodes on imaging the clinical stage reads: those of the latest pre-operative study that records them. */
    static Optional<RegionalNodes> clinicalNodes(Facts f) {
        for (int i = f.preoperative.size() - 1; i >= 0; i--) {
            ImagingStudy s = f.preoperative.get(i);
            if (s.regionalNodes().isPresent()) {
                return s.regionalNodes();
            }
        }
        return Optional.empty();
    }

    private static Optional<String> clinical(Facts f, Optional<RegionalNodes> nodes) {
        boolean imagedMetastases = f.preoperative.stream()
                .anyMatch(s -> s.distantMetastases().filter(sites -> !sites.isEmpty()).isPresent());
        if (imagedMetastases) {
            return Optional.of("IV");
        }
        boolean staged = f.preoperative.stream().anyMatch(s -> s.distantMetastases().isPresent());
        if (!staged || f.pretreatmentSizeCm.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> grade = f.kase.histology().flatMap(h -> h.fnclccGrade());
        return Optional.of(group(f.settings, f.pretreatmentSizeCm.get(), grade, nodes));
    }

    private static Optional<String> pathological(Facts f, Optional<RegionalNodes> nodes) {
        Optional<Double> size = f.pathology.flatMap(p -> p.maxDiameterCm());
        if (f.pathology.isEmpty()) {
            return Optional.empty();
        }
        if (f.intent == Intent.PALLIATIVE) {
            return Optional.of("IV");
        }
        if (f.intent == Intent.UNDETERMINED || size.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> grade = f.pathology.flatMap(p -> p.fnclccGrade())
                .or(() -> f.kase.histology().flatMap(h -> h.fnclccGrade()));
        return Optional.of(group(f.settings, size.get(), grade, nodes));
    }

    private static String group(Settings settings, double cm, Optional<Integer> grade, Optional<RegionalNodes> nodes) {
        int t = tCategory(settings, cm);
        if (nodes.filter(n -> n == RegionalNodes.N1).isPresent()) {
            return "IIIB";
        }
        boolean highGrade = grade.map(g -> g >= AJCC_HIGH_GRADE).orElse(false);
        if (t == 1) {
            return highGrade ? "II" : "IA";
        }
        if (!highGrade) {
            return "IB";
        }
        return t == 2 ? "IIIA" : "IIIB";
    }

    static int tCategory(Settings s, double cm) {
        if (cm <= s.get(Thresholds.AJCC_T1_MAX_CM)) {
            return 1;
        }
        if (cm <= s.get(Thresholds.AJCC_T2_MAX_CM)) {
            return 2;
        }
        return cm <= s.get(Thresholds.AJCC_T3_MAX_CM) ? 3 : 4;
    }
}
