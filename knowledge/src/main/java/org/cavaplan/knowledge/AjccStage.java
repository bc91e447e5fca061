package org.cavaplan.knowledge;

import java.util.List;
import java.util.Optional;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Warning;

/**
 * AJCC 8th edition stage for retroperitoneal sarcoma. Nodes are not captured in case version 1, so
 * N0 is assumed and said; a missing grade counts as GX; the stage stays unknown while staging for
 * metastases is not recorded.
 */
final class AjccStage {

    private static final int AJCC_HIGH_GRADE = 2;

    private AjccStage() {}

    static Optional<String> of(Facts f, List<Finding> findings) {
        if (f.intent == Intent.PALLIATIVE && !f.intentBasis.isEmpty()) {
            return Optional.of("IV");
        }
        if (f.intent == Intent.UNDETERMINED || f.sizeCm.isEmpty()) {
            return Optional.empty();
        }
        findings.add(new Warning("AJCC_N0_ASSUMED",
                "Regional nodes are not recorded in the case; the AJCC stage assumes N0."));
        int t = tCategory(f.settings, f.sizeCm.get());
        // AJCC groups G2 and G3 together; this is the staging system's rule, not a setting.
        boolean highGrade = f.grade.map(g -> (Integer) g.value() >= AJCC_HIGH_GRADE).orElse(false);
        if (t == 1) {
            return Optional.of(highGrade ? "II" : "IA");
        }
        if (!highGrade) {
            return Optional.of("IB");
        }
        return Optional.of(t == 2 ? "IIIA" : "IIIB");
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
