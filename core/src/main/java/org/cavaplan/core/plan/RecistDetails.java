package org.cavaplan.core.plan;

import java.util.Objects;
import java.util.Optional;
import org.cavaplan.core.model.ImagingStudy;

/**
 * The RECIST 1.1 response with the two studies it compares and the measures the engine computed from
 * them: the longest diameter in mm (one target lesion: the sum of longest diameters is its longest
 * diameter) and, where a study records three diameters, its ellipsoid volume (pi/6 · a · b · c) in cm³.
 */
public record RecistDetails(
        Response response,
        ImagingStudy baseline,
        ImagingStudy restaging,
        double baselineLongestDiameterMm,
        double restagingLongestDiameterMm,
        Optional<Double> baselineVolumeCm3,
        Optional<Double> restagingVolumeCm3) {

    public RecistDetails {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(restaging, "restaging");
        if (!baseline.date().equals(response.baselineDate()) || !restaging.date().equals(response.followUpDate())) {
            throw new IllegalArgumentException("the studies are those the response compares");
        }
        if (!baseline.date().isBefore(restaging.date())) {
            throw new IllegalArgumentException("the baseline precedes the restaging study");
        }
    }
}
