package org.cavaplan.knowledge;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.Neoadjuvant;
import org.cavaplan.core.model.Operation;

/**
 * The case as it stood on the plan's date (plan contract v2, §3 date rule and §7.20): every dated
 * element after {@code asOf} is left out (imaging, neoadjuvant therapy by its end date, the
 * operation with its pathology and aftercare, follow-up visits, the outcome) and its pointer is
 * described in {@code ignored} (in words, for the warning). Imaging studies and visits keep their index, so pointers still lead into
 * the case as it was entered. When every imaging study is after {@code asOf} there is nothing to plan
 * from; the earliest study is kept and {@code beforeFirstStudy} says so.
 */
record AsOfView(Case kase, List<String> ignored, boolean beforeFirstStudy) {

    AsOfView {
        ignored = List.copyOf(ignored);
    }

    static AsOfView of(Case kase, LocalDate asOf) {
        if (!kase.latestDate().isAfter(asOf)) {
            return new AsOfView(kase, List.of(), false);
        }
        List<String> ignored = new ArrayList<>();
        List<ImagingStudy> imaging = new ArrayList<>();
        ImagingStudy earliest = null;
        for (ImagingStudy s : kase.imaging()) {
            if (s.date().isAfter(asOf)) {
                ignored.add("imaging of " + s.date());
                if (earliest == null || s.date().isBefore(earliest.date())) {
                    earliest = s;
                }
            } else {
                imaging.add(s);
            }
        }
        boolean beforeFirstStudy = imaging.isEmpty();
        if (beforeFirstStudy) {
            imaging.add(earliest);
            ignored.remove("imaging of " + earliest.date());
        }
        Optional<Neoadjuvant> neoadjuvant = kase.neoadjuvant().map(n -> {
            Optional<Neoadjuvant.Radiotherapy> rt = n.radiotherapy();
            Optional<Neoadjuvant.Chemotherapy> ct = n.chemotherapy();
            if (rt.flatMap(Neoadjuvant.Radiotherapy::endDate).filter(d -> d.isAfter(asOf)).isPresent()) {
                ignored.add("neoadjuvant radiotherapy ending " + n.radiotherapy().get().endDate().get());
                rt = Optional.empty();
            }
            if (ct.flatMap(Neoadjuvant.Chemotherapy::endDate).filter(d -> d.isAfter(asOf)).isPresent()) {
                ignored.add("neoadjuvant chemotherapy ending " + n.chemotherapy().get().endDate().get());
                ct = Optional.empty();
            }
            return new Neoadjuvant(rt, ct);
        });
        boolean operationLater = kase.operation().map(Operation::date).filter(d -> d.isAfter(asOf)).isPresent();
        if (operationLater) {
            ignored.add("the operation of " + kase.operation().get().date() + " with its pathology and aftercare");
                                }
        List<FollowUp> visits = new ArrayList<>();
        for (FollowUp v : kase.followUp()) {
            if (v.date().isAfter(asOf)) {
                ignored.add("follow-up of " + v.date());
            } else {
                visits.add(v);
            }
        }
        boolean outcomeLater = kase.outcome().filter(o -> o.lastContactDate().isAfter(asOf)).isPresent();
        if (outcomeLater) {
            ignored.add("the outcome recorded on " + kase.outcome().get().lastContactDate());
        }
        Case view = new Case(kase.caseId(), kase.patient(), kase.presentation(), kase.histology(), imaging, neoadjuvant,
                operationLater ? Optional.empty() : kase.operation(),
                operationLater ? Optional.empty() : kase.pathology(),
                operationLater ? Optional.empty() : kase.postoperative(),
                visits, outcomeLater ? Optional.empty() : kase.outcome());
        return new AsOfView(view, ignored, beforeFirstStudy);
    }
}
