package org.cavaplan.knowledge;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.Site;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.RecistDetails;
import org.cavaplan.core.plan.Response;
import org.cavaplan.core.plan.ResponseCategory;

/**
 * RECIST 1.1 response of the single target lesion to neoadjuvant therapy (§2 of the plan contract):
 * the baseline is the latest measured study before the earliest neoadjuvant end date, the follow-up
 * the latest measured study after it and not after the operation.
 */
record ResponseAssessment(Response response, ImagingStudy baseline, ImagingStudy followUp, Set<Site> newSites) {

    static Optional<ResponseAssessment> of(Facts facts) {
        Optional<LocalDate> end = facts.kase.neoadjuvant().flatMap(n -> n.earliestEndDate());
        if (end.isEmpty()) {
            return Optional.empty();
        }
        ImagingStudy baseline = null;
        ImagingStudy followUp = null;
        Optional<LocalDate> opDate = facts.operation.map(op -> op.date());
        for (ImagingStudy s : facts.byDate) {
            if (s.tumorDiametersCm().isEmpty()) {
                continue;
            }
            if (s.date().isBefore(end.get())) {
                baseline = s;
            } else if (s.date().isAfter(end.get()) && opDate.map(d -> !s.date().isAfter(d)).orElse(true)) {
                followUp = s;
            }
        }
        if (baseline == null || followUp == null) {
            return Optional.empty();
        }
        return Optional.of(assess(facts.settings, baseline, followUp, facts));
    }

    private static ResponseAssessment assess(Settings settings, ImagingStudy baseline, ImagingStudy followUp, Facts facts) {
        double before = baseline.longestDiameterCm().orElseThrow();
        double after = followUp.longestDiameterCm().orElseThrow();
        double changePct = (after - before) / before * 100.0;
        double absoluteMm = (after - before) * 10.0;
        Set<Site> newSites = followUp.distantMetastases().map(sites -> {
            Set<Site> seen = facts.sitesSeenUpTo(followUp);
            return sites.stream().filter(site -> !seen.contains(site)).collect(java.util.stream.Collectors.toSet());
        }).orElse(Set.of());
        ResponseCategory category;
        if (!newSites.isEmpty()) {
            category = ResponseCategory.PD;
        } else if (changePct <= settings.get(Thresholds.RECIST_PR_PCT)) {
            category = ResponseCategory.PR;
        } else if (changePct >= settings.get(Thresholds.RECIST_PD_PCT) && absoluteMm >= settings.get(Thresholds.RECIST_PD_MM)) {
            category = ResponseCategory.PD;
        } else {
            category = ResponseCategory.SD;
        }
        Optional<Double> volumePct = Optional.empty();
        if (baseline.tumorDiametersCm().size() == 3 && followUp.tumorDiametersCm().size() == 3) {
            double v0 = ellipsoidVolume(baseline.tumorDiametersCm());
            double v1 = ellipsoidVolume(followUp.tumorDiametersCm());
            volumePct = Optional.of(round1((v1 - v0) / v0 * 100.0));
        }
        Response response = new Response(category, baseline.date(), followUp.date(), round1(changePct), round1(absoluteMm),
                volumePct, baseline.modality() == followUp.modality());
        return new ResponseAssessment(response, baseline, followUp, Set.copyOf(newSites));
    }

    /** Ellipsoid volume in cm³ from three orthogonal diameters: pi/6 · a · b · c. */
    static double ellipsoidVolume(List<Double> d) {
        return Math.PI / 6.0 * d.get(0) * d.get(1) * d.get(2);
    }

    static double round1(double value) {
        return Math.round(value * 10.0) / 10.0;
    }

    /** The response with its two studies and their measures, for the plan's sections. */
    RecistDetails details() {
        return new RecistDetails(response, baseline, followUp, baseline.longestDiameterCm().orElseThrow() * 10,
                followUp.longestDiameterCm().orElseThrow() * 10, volume(baseline), volume(followUp));
    }

    private static Optional<Double> volume(ImagingStudy study) {
        return study.tumorDiametersCm().size() == 3 ? Optional.of(ellipsoidVolume(study.tumorDiametersCm())) : Optional.empty();
    }

    List<Fact> because() {
        return List.of(new Fact(baseline.pointer("tumorDiametersCm"), baseline.tumorDiametersCm()),
                new Fact(followUp.pointer("tumorDiametersCm"), followUp.tumorDiametersCm()));
    }
}
