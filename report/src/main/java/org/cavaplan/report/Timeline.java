package org.cavaplan.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.Neoadjuvant;
import org.cavaplan.core.model.Operation;
import org.cavaplan.core.model.Pathology;
import org.cavaplan.core.model.Postoperative;
import org.cavaplan.core.model.VitalStatus;

/** The dated events of a case in order: imaging, therapy, the operation, pathology, aftercare, follow-up, outcome. */
final class Timeline {

    /** What kind of event, in the order events of one day are listed. */
    enum Kind {
        IMAGING("Imaging"), THERAPY("Therapy"), OPERATION("Operation"), PATHOLOGY("Pathology"),
        AFTERCARE("Aftercare"), FOLLOW_UP("Follow-up"), OUTCOME("Outcome");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** One event; an empty date sorts after every dated event ("date not recorded"). */
    record Event(Optional<LocalDate> date, Kind kind, String text) {}

    private Timeline() {}

    static List<Event> of(Case kase) {
        List<Event> events = new ArrayList<>();
        for (ImagingStudy s : kase.imaging()) {
            events.add(new Event(Optional.of(s.date()), Kind.IMAGING, imaging(s)));
        }
        kase.neoadjuvant().ifPresent(n -> neoadjuvant(n, events));
        Optional<LocalDate> operationDate = kase.operation().map(Operation::date);
        kase.operation().ifPresent(o -> events.add(new Event(Optional.of(o.date()), Kind.OPERATION, operation(o))));
        kase.pathology().ifPresent(p -> events.add(new Event(operationDate, Kind.PATHOLOGY, pathology(p))));
        kase.postoperative().flatMap(Timeline::aftercare).ifPresent(text -> events.add(new Event(operationDate, Kind.AFTERCARE, text)));
        for (FollowUp f : kase.followUp()) {
            events.add(new Event(Optional.of(f.date()), Kind.FOLLOW_UP, followUp(f)));
        }
        kase.outcome().ifPresent(o -> events.add(new Event(Optional.of(o.lastContactDate()), Kind.OUTCOME,
                o.vitalStatus() == VitalStatus.DEAD
                        ? "Died" + o.causeOfDeath().map(c -> " (cause: " + Words.of(c) + ")").orElse("") + "."
                        : "Alive at last contact.")));
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing((Event e) -> e.date().orElse(LocalDate.MAX)).thenComparing(Event::kind));
        return List.copyOf(sorted);
    }

    private static String imaging(ImagingStudy s) {
        String modality = Words.capitalized(Words.of(s.modality()));
        StringJoiner parts = new StringJoiner("; ", modality + ": ", ".");
        parts.setEmptyValue(modality + ".");
        if (!s.tumorDiametersCm().isEmpty()) {
            parts.add("tumor " + Words.diameters(s.tumorDiametersCm()));
        }
        s.ivcInvolvement().ifPresent(i -> parts.add("IVC involvement: " + Words.of(i)));
        if (s.cranialExtent().isPresent() && s.caudalExtent().isPresent()) {
            parts.add(extent(s));
        }
        s.ivcCircumferenceInvolvedPct().ifPresent(p -> parts.add(Words.number(p) + " % of the circumference"));
        s.ivcLumen().ifPresent(l -> parts.add("lumen " + Words.of(l)));
        s.collaterals().ifPresent(c -> parts.add("collaterals " + Words.of(c)));
        s.intraluminalGrowth().ifPresent(g -> parts.add("intraluminal growth " + Words.of(g)));
        s.hepaticVeinThrombosis().filter(b -> b).ifPresent(b -> parts.add("hepatic vein thrombosis"));
        s.renalVeinThrombosis().filter(b -> b).ifPresent(b -> parts.add("renal vein thrombosis"));
        s.pulmonaryEmbolism().filter(b -> b).ifPresent(b -> parts.add("pulmonary embolism"));
        s.invadedOrgans().filter(o -> !o.isEmpty()).ifPresent(o -> parts.add("invades " + Words.list(o)));
        s.distantMetastases().ifPresent(m -> parts.add(m.isEmpty() ? "no distant metastases" : "metastases: " + Words.list(m)));
        s.chestIncluded().filter(b -> !b).ifPresent(b -> parts.add("chest not imaged"));
        return parts.toString();
    }

    static String extent(ImagingStudy s) {
        String cranial = Words.of(s.cranialExtent().orElseThrow());
        String caudal = Words.of(s.caudalExtent().orElseThrow());
        return cranial.equals(caudal) ? cranial : cranial + " to " + caudal;
    }

    private static void neoadjuvant(Neoadjuvant n, List<Event> events) {
        n.radiotherapy().ifPresent(rt -> events.add(new Event(rt.endDate(), Kind.THERAPY,
                "Neoadjuvant radiotherapy " + Words.number(rt.totalDoseGy()) + " Gy"
                        + rt.fractions().map(f -> " in " + f + " fractions").orElse("")
                        + (rt.endDate().isPresent() ? " completed." : " (end date not recorded)."))));
        n.chemotherapy().ifPresent(ct -> events.add(new Event(ct.endDate(), Kind.THERAPY,
                "Neoadjuvant chemotherapy " + ct.regimen()
                        + ct.cycles().map(c -> ", " + c + (c == 1 ? " cycle" : " cycles")).orElse("")
                        + (ct.endDate().isPresent() ? " completed." : " (end date not recorded)."))));
    }

    private static String operation(Operation o) {
        StringJoiner parts = new StringJoiner("; ", "Resection: ", ".");
        parts.setEmptyValue("Resection.");
        o.ivcManagement().ifPresent(m -> parts.add("IVC: " + Words.of(m)
                + o.conduit().map(c -> " with " + Words.of(c)).orElse("")
                + o.conduitDiameterMm().map(d -> " " + Words.number(d) + " mm").orElse("")));
        o.circumferenceResectedPct().ifPresent(p -> parts.add(Words.number(p) + " % of the circumference resected"));
        o.resectedLengthCm().ifPresent(l -> parts.add(Words.number(l) + " cm resected"));
        if (!o.enBlocResections().isEmpty()) {
            parts.add("en bloc: " + Words.list(o.enBlocResections()));
        }
        Operation.Findings f = o.findings();
        f.ivcLumen().ifPresent(l -> parts.add("lumen at operation " + Words.of(l)));
        f.collaterals().ifPresent(c -> parts.add("collaterals at operation " + Words.of(c)));
        f.liverMetastases().filter(b -> b).ifPresent(b -> parts.add("liver metastases found"));
        f.peritonealMetastases().filter(b -> b).ifPresent(b -> parts.add("peritoneal metastases found"));
        f.frozenSectionConfirmedMetastasis().filter(b -> b).ifPresent(b -> parts.add("metastasis confirmed on frozen section"));
        f.grossContamination().filter(b -> b).ifPresent(b -> parts.add("gross contamination"));
        return parts.toString();
    }

    private static String pathology(Pathology p) {
        StringJoiner parts = new StringJoiner("; ", "", ".");
        parts.add(Words.of(p.margin()) + p.closestMarginMm().map(m -> ", closest margin " + Words.number(m) + " mm").orElse(""));
        p.fnclccGrade().ifPresent(g -> parts.add("FNCLCC grade " + g));
        p.maxDiameterCm().ifPresent(d -> parts.add("largest diameter " + Words.oneDecimal(d) + " cm"));
        p.treatmentEffectPct().ifPresent(t -> parts.add("treatment effect " + Words.number(t) + " %"));
        return parts.toString();
    }

    private static Optional<String> aftercare(Postoperative p) {
        StringJoiner parts = new StringJoiner("; ", "", ".");
        parts.setEmptyValue("");
        if (!p.antithrombotics().isEmpty()) {
            parts.add("Antithrombotics: " + Words.list(p.antithrombotics()));
        }
        p.adjuvantRadiotherapyGy().ifPresent(gy -> parts.add("adjuvant radiotherapy " + Words.number(gy) + " Gy"));
        p.adjuvantChemotherapy().ifPresent(c -> parts.add(c ? "adjuvant chemotherapy given" : "no adjuvant chemotherapy"));
        String text = parts.toString();
        return text.isEmpty() ? Optional.empty() : Optional.of(Words.capitalized(text));
    }

    private static String followUp(FollowUp f) {
        StringJoiner parts = new StringJoiner("; ", "", ".");
        parts.setEmptyValue("Visit recorded.");
        f.conduit().ifPresent(c -> parts.add("Conduit " + Words.of(c)));
        f.localRecurrence().ifPresent(r -> parts.add(r ? "local recurrence" : "no local recurrence"));
        f.distantMetastases().ifPresent(m -> parts.add(m.isEmpty() ? "no distant metastases" : "distant metastases: " + Words.list(m)));
        f.metastasisCount().ifPresent(n -> parts.add(n + (n == 1 ? " metastasis" : " metastases")));
        f.metastasesResectable().ifPresent(r -> parts.add(r ? "judged resectable" : "judged not resectable"));
        f.ecog().ifPresent(e -> parts.add("ECOG " + e));
        return Words.capitalized(parts.toString());
    }
}
