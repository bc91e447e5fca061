package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.util.List;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Phase;

/**
 * Preparation for the operation (Operative Procedure), whenever a resection is planned (curative
 * intent) or done (an operation is recorded).
 */
final class PreoperativeRules {

    private static final String EVIDENCE = "single review article (operative technique)";

    private PreoperativeRules() {}

    static List<KbRule> all() {
        return List.of(
                always("preop.antibiotics", List.of(Thresholds.ANTIBIOTICS_MIN), PreoperativeRules::antibiotics),
                always("preop.mechanical-prophylaxis", List.of(), (f, d) -> d.status(RECOMMENDED)
                        .summary("Apply pneumatic compression or graded stockings to the calves for the whole operation.")
                        .detail("Mechanical prophylaxis against venous thrombosis from the start to the end of the procedure.")),
                always("preop.heparin-sc", List.of(Thresholds.HEPARIN_UNITS), (f, d) -> d.status(RECOMMENDED)
                        .summary("Give 5000 IU of subcutaneous heparin before incision to lower the risk of venous thrombosis.")
                        .detail("Low-dose unfractionated heparin under the skin before incision, added to mechanical prophylaxis.")
                        .param("units", (int) f.settings.get(Thresholds.HEPARIN_UNITS))
                        .param("route", "subcutaneous")
                        .param("timing", "before incision")),
                always("preop.urinary-catheter", List.of(), (f, d) -> d.status(RECOMMENDED)
                        .summary("Place a urinary (Foley) catheter to follow urine output during the operation.")),
                always("preop.central-venous-catheter", List.of(), (f, d) -> d.status(RECOMMENDED)
                        .summary("Place a central venous catheter for monitoring and resuscitation.")),
                always("preop.arterial-line", List.of(), (f, d) -> d.status(RECOMMENDED)
                        .summary("Place an arterial line for continuous blood pressure monitoring.")),
                rule("preop.position-supine", Phase.PREOPERATIVE,
                        "RECOMMENDED when level 3 is not involved; CONDITIONAL while the extent is unknown", EVIDENCE,
                        List.of(Sources.OPERATIVE), List.of(), PreoperativeRules::supine),
                rule("preop.position-left-lateral-decubitus", Phase.PREOPERATIVE,
                        "RECOMMENDED when level 3 is involved (thoracoabdominal access); CONDITIONAL while the extent is unknown",
                        EVIDENCE, List.of(Sources.OPERATIVE), List.of(), PreoperativeRules::lateral),
                rule("preop.cardiopulmonary-bypass", Phase.PREOPERATIVE,
                        "RECOMMENDED when the tumor extends into the right atrium", EVIDENCE, List.of(Sources.OPERATIVE),
                        List.of(), PreoperativeRules::bypass));
    }

    /** A step of every resection: same condition, filled by {@code fill}. */
    interface Step {
        Draft fill(Facts f, Draft d);
    }

    static KbRule always(String id, List<String> thresholds, Step step) {
        return rule(id, Phase.PREOPERATIVE, "RECOMMENDED whenever a resection is planned or done", EVIDENCE,
                List.of(Sources.OPERATIVE), thresholds, (f, d) -> f.resectionPlannedOrDone()
                        ? step.fill(f, d).because(f.resectionBasis()).emit() : d.silent());
    }

    static Draft antibiotics(Facts f, Draft d) {
        int minutes = (int) f.settings.get(Thresholds.ANTIBIOTICS_MIN);
        return d.status(RECOMMENDED)
                .summary("Give prophylactic antibiotics " + minutes + " minutes before incision.")
                .detail("Timely antibiotic prophylaxis also lowers the risk of infecting a prosthetic caval conduit.")
                .param("minutesBeforeIncision", minutes);
    }

    /** Emits a level-3-dependent recommendation: RECOMMENDED when {@code wanted}, CONDITIONAL when unknown. */
    static List<Finding> byUpperSegment(Facts f, Draft d, Tri wanted, String when) {
        if (!f.resectionPlannedOrDone() || wanted.no()) {
            return d.silent();
        }
        d.because(f.resectionBasis()).because(f.extentFacts());
        if (wanted.unknown()) {
            d.because(f.involvement.orElse(f.baselineDateFact()));
            d.missing(f.baselinePointer("cranialExtent"), "the cranial extent of the tumor decides whether level 3 is involved");
            return d.conditional(when).emit();
        }
        return d.status(RECOMMENDED).emit();
    }

    static List<Finding> supine(Facts f, Draft d) {
        d.summary("Position the patient supine for an abdominal incision.")
                .detail("Without upper-segment involvement the IVC is reached through the abdomen with the patient supine.");
        return byUpperSegment(f, d, notOf(f.level(3)), "level 3 (above the hepatic veins) is not involved");
    }

    static List<Finding> lateral(Facts f, Draft d) {
        d.summary("Position in left lateral decubitus for a thoracoabdominal incision to reach the upper IVC.")
                .detail("Upper-segment (level 3) involvement needs thoracoabdominal access, for which the left lateral decubitus "
                        + "position is preferred.");
        return byUpperSegment(f, d, f.level(3), "level 3 (above the hepatic veins) is involved");
    }

    static Tri notOf(Tri t) {
        return t.unknown() ? Tri.UNKNOWN : Tri.of(t.no());
    }

    static List<Finding> bypass(Facts f, Draft d) {
        if (!f.resectionPlannedOrDone() || !f.intracardiac()) {
            return d.silent();
        }
        return d.status(RECOMMENDED).because(f.cranial.orElseThrow()).because(f.resectionBasis())
                .summary("Plan cardiopulmonary bypass: the tumor extends into the right atrium.")
                .detail("Intracardiac extension may require bypass before the tumor is resected; involve cardiac surgery and "
                        + "anaesthesia early.")
                .emit();
    }
}
