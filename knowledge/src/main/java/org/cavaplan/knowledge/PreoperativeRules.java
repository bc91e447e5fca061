package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.Symptom;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Phase;

/**
 * Preparation for the operation (S: Operative Procedure; plan contract v2, Preoperative), in the
 * catalogue's order. The stage rule emits these rows only before the operation and only while a
 * resection is planned (CONDITIONAL while it is only conditional); each rule decides its own condition.
 */
final class PreoperativeRules {

    private static final String ARTICLE = "single review article (operative technique)";

    private PreoperativeRules() {}

    static List<KbRule> all() {
        return List.of(
                rule("preop.anticoagulation-plan", Phase.PREOPERATIVE,
                        "RECOMMENDED when venous thromboembolism is recorded and a resection is planned: interruption and "
                                + "resumption by agent (low-molecular-weight heparin, direct oral anticoagulant, warfarin), with a "
                                + "heparin bridge for warfarin only for a thrombosis under {vte.recentMonths} old; for such a recent "
                                + "thrombosis (dated by the study that shows it; a presenting symptom has no date) the board "
                                + "discusses deferring the resection",
                        "guideline (CHEST perioperative 2022); expert opinion", List.of(Sources.CHEST_2022, Sources.EXPERT_OPINION),
                        List.of(Thresholds.VTE_RECENT_MONTHS), PreoperativeRules::anticoagulationPlan),
                step("preop.antibiotics",
                        "RECOMMENDED whenever a resection is planned: within {preop.antibioticsMinutesBeforeIncision} before the "
                                + "incision",
                        List.of(Thresholds.ANTIBIOTICS_MIN), PreoperativeRules::antibiotics),
                step("preop.mechanical-prophylaxis", "RECOMMENDED whenever a resection is planned", List.of(),
                        (f, d) -> d.status(RECOMMENDED)
                                .summary("Apply pneumatic compression or graded compression stockings to the calves for the whole "
                                        + "operation.")
                                .detail("Mechanical prophylaxis against venous thrombosis from the start to the end of the procedure, "
                                        + "whatever the anticoagulation plan.")),
                rule("preop.heparin-sc", Phase.PREOPERATIVE,
                        "RECOMMENDED whenever a resection is planned, {preop.heparinUnits} under the skin before the incision; "
                                + "silent when venous thromboembolism is recorded (the anticoagulation plan replaces it)",
                        ARTICLE, List.of(Sources.OPERATIVE), List.of(Thresholds.HEPARIN_UNITS), PreoperativeRules::heparin),
                rule("preop.cardiac-team", Phase.PREOPERATIVE,
                        "RECOMMENDED when the tumor extends into the right atrium: cardiac surgery and cardiac anaesthesia in the "
                                + "team, bypass planned; CONDITIONAL while the cranial extent is unknown",
                        "single review article; expert opinion", List.of(Sources.OPERATIVE, Sources.EXPERT_OPINION), List.of(),
                        PreoperativeRules::cardiacTeam),
                rule("preop.cardiopulmonary-bypass", Phase.PREOPERATIVE,
                        "RECOMMENDED when the tumor extends into the right atrium; CONDITIONAL while the cranial extent is unknown",
                        ARTICLE, List.of(Sources.OPERATIVE), List.of(), PreoperativeRules::bypass),
                rule("preop.transesophageal-echo", Phase.PREOPERATIVE,
                        "RECOMMENDED when level 3 is involved: intraoperative transesophageal echocardiography; CONDITIONAL while "
                                + "the extents cannot tell",
                        "expert opinion", List.of(Sources.EXPERT_OPINION), List.of(), PreoperativeRules::transesophagealEcho),
                rule("preop.position-supine", Phase.PREOPERATIVE,
                        "RECOMMENDED when level 3 is not involved or the tumor extends into the right atrium (laparotomy with "
                                + "sternotomy); CONDITIONAL with level 3 without intracardiac extension (when laparotomy with "
                                + "sternotomy is chosen) and while the extents cannot tell",
                        ARTICLE, List.of(Sources.OPERATIVE), List.of(), PreoperativeRules::supine),
                rule("preop.position-left-lateral-decubitus", Phase.PREOPERATIVE,
                        "CONDITIONAL when level 3 is involved without intracardiac extension (when a thoracoabdominal incision is "
                                + "chosen) and while the extents cannot tell; silent otherwise",
                        ARTICLE, List.of(Sources.OPERATIVE), List.of(), PreoperativeRules::lateral),
                step("preop.central-venous-catheter", "RECOMMENDED whenever a resection is planned", List.of(),
                        (f, d) -> d.status(RECOMMENDED)
                                .summary("Place a central venous catheter for monitoring and resuscitation.")),
                step("preop.arterial-line", "RECOMMENDED whenever a resection is planned", List.of(),
                        (f, d) -> d.status(RECOMMENDED)
                                .summary("Place an arterial line for continuous blood pressure monitoring.")),
                step("preop.urinary-catheter", "RECOMMENDED whenever a resection is planned", List.of(),
                        (f, d) -> d.status(RECOMMENDED)
                                .summary("Place a urinary (Foley) catheter to follow urine output during the operation.")));
    }

    /** A step of every planned resection, filled by {@code fill}. */
    interface Step {
        Draft fill(Facts f, Draft d);
    }

    private static KbRule step(String id, String condition, List<String> thresholds, Step step) {
        return rule(id, Phase.PREOPERATIVE, condition, ARTICLE, List.of(Sources.OPERATIVE), thresholds,
                (f, d) -> step.fill(f, d).because(Approach.planBasis(f)).emit());
    }

    // ---- anticoagulation --------------------------------------------------------------------------

    static List<Finding> anticoagulationPlan(Facts f, Draft d) {
        if (!f.vteRecorded()) {
            return d.silent();
        }
        int months = f.settings.whole(Thresholds.VTE_RECENT_MONTHS);
        Optional<ImagingStudy> dated = latestEmbolismStudy(f);
        boolean undated = f.symptoms.contains(Symptom.PULMONARY_EMBOLISM) || f.symptoms.contains(Symptom.DEEP_VEIN_THROMBOSIS);
        Optional<LocalDate> recentUntil = dated.map(s -> s.date().plusMonths(months)).filter(end -> end.isAfter(f.asOf));
        Tri recent = recentUntil.isPresent() ? Tri.YES : undated ? Tri.UNKNOWN : Tri.NO;
        String under = "under " + months + " months old";
        String warfarinBridge = switch (recent) {
            case YES -> "heparin bridge: the thrombosis is " + under;
            case NO -> "no heparin bridge: the thrombosis is " + months + " months old or more";
            case UNKNOWN -> "heparin bridge only if the thrombosis is " + under + " (its date is not recorded)";
        };
        d.status(RECOMMENDED).because(f.vte).because(Approach.planBasis(f))
                .param("agents", List.of(
                        agent("therapeutic low-molecular-weight heparin", "last dose at least 24 h before surgery",
                                "no bridge needed"),
                        agent("apixaban, rivaroxaban or edoxaban", "stop 2–3 days before surgery, longer with low renal function",
                                "no heparin bridge"),
                        agent("warfarin", "stop 5 days before surgery", warfarinBridge)))
                .param("afterSurgery", afterSurgery())
                .param("recentThrombosis", recent.unknown() ? "unknown" : recent.yes() ? "yes" : "no")
                .param("recentMonths", months)
                .param("thrombosisDate", dated.map(s -> s.date().toString()).orElse("not recorded"));
        recentUntil.ifPresent(end -> d.param("recentUntil", end.toString()));
        String plan = "Venous thromboembolism is recorded, so anticoagulation is interrupted and resumed around the operation, "
                + "and the subcutaneous heparin of the standard preparation is left out. The case does not record which "
                + "anticoagulant is taken, so each is listed: therapeutic low-molecular-weight heparin, last dose at least 24 h "
                + "before surgery; apixaban, rivaroxaban or edoxaban, stopped 2–3 days before (longer with low renal function) "
                + "without a heparin bridge; warfarin, stopped 5 days before, bridged with heparin only for a thrombosis " + under
                + ". After surgery: a prophylactic dose 6–24 h after, once haemostasis is secure, and the therapeutic dose from "
                + "48–72 h. ";
        String age = switch (recent) {
            case YES -> "The pulmonary embolism seen on " + seenOn(dated.get()) + " is " + under + ": before an elective "
                    + "resection the board discusses deferring it until " + recentUntil.get() + ".";
            case NO -> "The pulmonary embolism seen on " + seenOn(dated.get()) + " is " + months + " months old or more.";
            case UNKNOWN -> "The thrombosis is recorded as a presenting symptom, without a date"
                    + dated.map(s -> " (the pulmonary embolism seen on " + seenOn(s) + " is " + months + " months old or more)")
                            .orElse("")
                    + ": if it is " + under + ", the board discusses deferring an elective resection.";
        };
        return d.summary(recent.yes()
                        ? "The thrombosis is " + under + ": discuss deferring surgery; if it goes ahead, interrupt anticoagulation "
                                + "by agent."
                        : "Interrupt anticoagulation before surgery by agent; resume a prophylactic dose 6–24 h after, therapeutic "
                                + "from 48–72 h.")
                .detail(plan + age)
                .emit();
    }

    /** The latest study showing a pulmonary embolism: the only dated record of a thromboembolism. */
    private static Optional<ImagingStudy> latestEmbolismStudy(Facts f) {
        ImagingStudy latest = null;
        for (ImagingStudy s : f.byDate) {
            if (s.pulmonaryEmbolism().orElse(false)) {
                latest = s;
            }
        }
        return Optional.ofNullable(latest);
    }

    private static String seenOn(ImagingStudy s) {
        String modality = switch (s.modality()) {
            case CT -> "CT";
            case MRI -> "MRI";
            case PET_CT -> "PET-CT";
            case ULTRASOUND -> "ultrasound";
            case DOPPLER_ULTRASOUND -> "Doppler ultrasound";
        };
        return modality + " of " + s.date();
    }

    private static Map<String, Object> afterSurgery() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prophylacticDose", "6–24 h after surgery, once haemostasis is secure");
        m.put("therapeuticDose", "from 48–72 h after surgery");
        return m;
    }

    private static Map<String, Object> agent(String agent, String beforeSurgery, String bridge) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent", agent);
        m.put("beforeSurgery", beforeSurgery);
        m.put("bridge", bridge);
        return m;
    }

    // ---- the standard preparation -------------------------------------------------------------------

    static Draft antibiotics(Facts f, Draft d) {
        int minutes = f.settings.whole(Thresholds.ANTIBIOTICS_MIN);
        return d.status(RECOMMENDED)
                .summary("Give prophylactic antibiotics within the " + minutes + " minutes before the incision.")
                .detail("Antibiotic prophylaxis is completed in the " + minutes + " minutes before the skin incision (a window, "
                        + "not a fixed moment); it also lowers the risk of infecting a prosthetic caval conduit.")
                .param("minutesBeforeIncision", minutes)
                .param("timing", "within, not at");
    }

    static List<Finding> heparin(Facts f, Draft d) {
        if (f.vteRecorded()) {
            return d.silent();
        }
        int units = f.settings.whole(Thresholds.HEPARIN_UNITS);
        return d.status(RECOMMENDED).because(Approach.planBasis(f))
                .summary("Give " + units + " IU of subcutaneous heparin before the incision against venous thrombosis.")
                .detail("Low-dose unfractionated heparin under the skin before the incision, added to mechanical prophylaxis. "
                        + "With a venous thromboembolism recorded the anticoagulation plan replaces it.")
                .param("units", units)
                .param("route", "subcutaneous")
                .param("timing", "before incision")
                .emit();
    }

    // ---- the heart and the upper cava ---------------------------------------------------------------

    static List<Finding> cardiacTeam(Facts f, Draft d) {
        d.detail("A tumor in the right atrium is resected with cardiac surgeons and cardiac anaesthetists in the team and "
                + "cardiopulmonary bypass planned before the atrium is opened.");
        return byIntracardiac(f, d, "Include cardiac surgery and cardiac anaesthesia in the operating team: the tumor reaches the "
                + "right atrium.", "If the tumor reaches the right atrium, include cardiac surgery and cardiac anaesthesia in the team.");
    }

    static List<Finding> bypass(Facts f, Draft d) {
        d.detail("Intracardiac extension may need cardiopulmonary bypass before the tumor is resected; plan it with the cardiac "
                + "team.");
        return byIntracardiac(f, d, "Plan cardiopulmonary bypass: the tumor extends into the right atrium.",
                "If the tumor reaches the right atrium, plan cardiopulmonary bypass.");
    }

    /** RECOMMENDED with intracardiac extension, CONDITIONAL while the cranial extent is unknown, nothing otherwise. */
    private static List<Finding> byIntracardiac(Facts f, Draft d, String summary, String ifSummary) {
        Tri intracardiac = Approach.intracardiac(f);
        if (intracardiac.no()) {
            return d.silent();
        }
        if (intracardiac.unknown()) {
            return Approach.undecided(f, d.summary(ifSummary), "imaging shows the tumor reaches the right atrium");
        }
        return Approach.decided(f, d).summary(summary).status(RECOMMENDED).emit();
    }

    static List<Finding> transesophagealEcho(Facts f, Draft d) {
        Tri upper = f.level(3);
        if (upper.no()) {
            return d.silent();
        }
        d.summary("Monitor with intraoperative transesophageal echocardiography: the tumor's upper end and any embolism.")
                .detail("With level 3 involved, echocardiography through the esophagus during the operation shows where the tumor "
                        + "ends toward the heart, helps place the upper clamp and detects tumor or clot embolism.");
        if (upper.unknown()) {
            return Approach.undecided(f, d, "the extents show level 3 (hepatic veins and above) is involved");
        }
        return Approach.decided(f, d).status(RECOMMENDED).emit();
    }

    // ---- position -----------------------------------------------------------------------------------

    static List<Finding> supine(Facts f, Draft d) {
        Tri upper = f.level(3);
        Tri intracardiac = Approach.intracardiac(f);
        d.summary("Position the patient supine.");
        if (upper.no()) {
            return Approach.decided(f, d).status(RECOMMENDED)
                    .detail("Below the hepatic veins the cava is reached through a midline laparotomy with the patient supine.")
                    .emit();
        }
        if (intracardiac.yes()) {
            return Approach.decided(f, d).status(RECOMMENDED)
                    .detail("A tumor in the right atrium is approached by median sternotomy with laparotomy, with the patient "
                            + "supine.")
                    .emit();
        }
        String choice = "The article prefers the thoracoabdominal route to the upper cava, in left lateral decubitus, and notes "
                + "that some surgeons combine laparotomy with sternotomy: the surgeon and the board choose.";
        if (upper.yes() && intracardiac.no()) {
            return Approach.decided(f, d).conditional("laparotomy with sternotomy is chosen")
                    .detail("With level 3 involved the patient lies supine for laparotomy with sternotomy; a thoracoabdominal "
                            + "incision needs the left lateral decubitus position instead. " + choice)
                    .emit();
        }
        d.detail("Supine suits a midline laparotomy and laparotomy with sternotomy; only a thoracoabdominal incision for a level 3 "
                + "tumor needs the left lateral decubitus position. " + choice);
        return Approach.undecided(f, d, "the extents show level 3 is not involved, or laparotomy with sternotomy is chosen");
    }

    static List<Finding> lateral(Facts f, Draft d) {
        Tri upper = f.level(3);
        Tri intracardiac = Approach.intracardiac(f);
        if (upper.no() || intracardiac.yes()) {
            return d.silent();
        }
        d.summary("Position in left lateral decubitus if a thoracoabdominal incision is chosen for a level 3 tumor.")
                .detail("The article prefers the left lateral decubitus position for a thoracoabdominal incision to the upper "
                        + "cava; with laparotomy and sternotomy the patient stays supine.");
        if (upper.yes() && intracardiac.no()) {
            return Approach.decided(f, d).conditional("a thoracoabdominal incision is chosen").emit();
        }
        return Approach.undecided(f, d, "the extents show level 3 is involved below the right atrium, and a thoracoabdominal "
                + "incision is chosen");
    }
}
