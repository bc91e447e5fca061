package org.cavaplan.core.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One imaging study. {@code index} is the study's position in the case's {@code imaging} array, so
 * that findings can be cited as JSON pointers. {@code tumorDiametersCm} is empty when not measured;
 * an empty {@code distantMetastases} set that is present means "looked, none found".
 */
public record ImagingStudy(
        int index,
        LocalDate date,
        Modality modality,
        Optional<Boolean> chestIncluded,
        List<Double> tumorDiametersCm,
        Optional<IvcInvolvement> ivcInvolvement,
        Optional<Landmark> cranialExtent,
        Optional<Landmark> caudalExtent,
        Optional<Double> ivcCircumferenceInvolvedPct,
        Optional<Double> ivcDiameterMm,
        Optional<Lumen> ivcLumen,
        Optional<Collaterals> collaterals,
        Optional<IntraluminalGrowth> intraluminalGrowth,
        Optional<Boolean> hepaticVeinThrombosis,
        Optional<Boolean> renalVeinThrombosis,
        Optional<Boolean> pulmonaryEmbolism,
        Optional<RegionalNodes> regionalNodes,
        Optional<Set<Organ>> invadedOrgans,
        Optional<Set<Site>> distantMetastases) {

    public ImagingStudy {
        tumorDiametersCm = List.copyOf(tumorDiametersCm);
        invadedOrgans = invadedOrgans.map(Set::copyOf);
        distantMetastases = distantMetastases.map(Set::copyOf);
    }

    /** The JSON pointer of a field of this study, e.g. {@code /imaging/2/collaterals}. */
    public String pointer(String field) {
        return "/imaging/" + index + "/" + field;
    }

    /** The largest recorded diameter, the RECIST longest diameter. */
    public Optional<Double> longestDiameterCm() {
        Double longest = null;
        for (Double d : tumorDiametersCm) {
            if (longest == null || Double.compare(d, longest) > 0) {
                longest = d;
            }
        }
        return Optional.ofNullable(longest);
    }

    /** True for a cross-sectional study that shows the chest (CT or PET-CT). */
    public boolean isCtLike() {
        return modality == Modality.CT || modality == Modality.PET_CT;
    }
}
