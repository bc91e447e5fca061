package org.cavaplan.core.plan;

import java.time.LocalDate;
import java.util.Optional;

/** RECIST 1.1 response of the one target lesion to neoadjuvant therapy. Percentages have one decimal. */
public record Response(
        ResponseCategory category,
        LocalDate baselineDate,
        LocalDate followUpDate,
        double longestDiameterChangePct,
        double absoluteChangeMm,
        Optional<Double> volumeChangePct,
        boolean sameModality) {

    /** The criteria these categories follow. */
    public String criteria() {
        return "RECIST_1_1";
    }
}
