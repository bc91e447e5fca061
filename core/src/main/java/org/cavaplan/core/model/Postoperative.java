package org.cavaplan.core.model;

import java.util.Optional;
import java.util.Set;

/** Care after the operation; {@code antithrombotics} is empty when none were recorded. */
public record Postoperative(
        Set<Antithrombotic> antithrombotics,
        Optional<Double> adjuvantRadiotherapyGy,
        Optional<Boolean> adjuvantChemotherapy) {

    public Postoperative {
        antithrombotics = Set.copyOf(antithrombotics);
    }
}
